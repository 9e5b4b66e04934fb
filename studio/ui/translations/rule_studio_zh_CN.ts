<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../help/about.py" line="47"/>
        <source>About Rule Studio</source>
        <translation>关于 Rule Studio</translation>
    </message>
    <message>
        <location filename="../help/about.py" line="62"/>
        <source>Write, check and test the rules of a sales assistant.</source>
        <translation>编写、检查和测试导购助手的规则。</translation>
    </message>
    <message>
        <location filename="../help/about.py" line="65"/>
        <source>Documentation:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <location filename="../help/about.py" line="67"/>
        <source>Runs on {runtime}.</source>
        <translation>运行环境：{runtime}。</translation>
    </message>
</context>
<context>
    <name>ActionList</name>
    <message>
        <location filename="../rule_form/actions.py" line="43"/>
        <source>{action}: {arguments}</source>
        <translation>{action}：{arguments}</translation>
    </message>
    <message>
        <location filename="../rule_form/actions.py" line="58"/>
        <source>Add action…</source>
        <translation>添加动作…</translation>
    </message>
    <message>
        <location filename="../rule_form/actions.py" line="62"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../rule_form/actions.py" line="63"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../rule_form/actions.py" line="64"/>
        <source>Remove the action</source>
        <translation>删除此动作</translation>
    </message>
</context>
<context>
    <name>CellDelegate</name>
    <message>
        <location filename="../decision_table_cells.py" line="131"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <location filename="../changes_panel.py" line="80"/>
        <source>A git revision (branch, tag, commit, HEAD~2) or another project folder to compare the project on disk with</source>
        <translation>与磁盘上的项目比较的 git 版本（分支、标签、提交、HEAD~2）或另一个项目文件夹</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="84"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="85"/>
        <source>Compare with another project folder</source>
        <translation>与另一个项目文件夹比较</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="87"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="94"/>
        <source>Compare with:</source>
        <translation>比较对象：</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="105"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="105"/>
        <source>Turn</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="105"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="106"/>
        <source>What changed</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="116"/>
        <source>File Diff</source>
        <translation>文件差异</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="117"/>
        <source>Turn Before / Now</source>
        <translation>该轮 之前 / 现在</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="130"/>
        <source>Choose a changed file to see its diff.</source>
        <translation>选择一个有改动的文件以查看其差异。</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="133"/>
        <source>Changes</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="147"/>
        <source>This project is not in a git repository: there is no revision to compare with. Choose another project folder (Folder…) instead.</source>
        <translation>此项目不在 git 仓库中：没有可比较的版本。请改为选择另一个项目文件夹（文件夹…）。</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="158"/>
        <source>Compare With Project Folder</source>
        <translation>与项目文件夹比较</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="184"/>
        <source>Comparing with {against}…</source>
        <translation>正在与 {against} 比较…</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="190"/>
        <source>Against {version}: {files} file(s) changed, {changed} conversation(s) behave differently, {unchanged} unchanged</source>
        <translation>对比 {version}：{files} 个文件有改动，{changed} 个对话表现不同，{unchanged} 个未变</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="198"/>
        <source>Cannot compare with {against}: {reason}</source>
        <translation>无法与 {against} 比较：{reason}</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="226"/>
        <source>modified</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="226"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="226"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="235"/>
        <source>opening</source>
        <translation>开场</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="247"/>
        <source>No project file differs from {version}.</source>
        <translation>没有项目文件与 {version} 不同。</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="255"/>
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="255"/>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="255"/>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="256"/>
        <source>chain</source>
        <translation>商品链</translation>
    </message>
    <message>
        <location filename="../changes_panel.py" line="256"/>
        <source>reply</source>
        <translation>回复</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <location filename="../chat/turn_feed.py" line="28"/>
        <source>no intent</source>
        <translation>无意图</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="29"/>
        <location filename="../chat/turn_feed.py" line="122"/>
        <source>no rule</source>
        <translation>无规则</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="30"/>
        <source>{intent} ({source}) → {rule}</source>
        <translation>{intent}（{source}）→ {rule}</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="27"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="28"/>
        <source>Start the conversation again (from the chosen start)</source>
        <translation>重新开始对话（从所选起点开始）</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="30"/>
        <source>Start From…</source>
        <translation>设置起点…</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="31"/>
        <source>Start mid-flow: choose a stage and set context variables</source>
        <translation>从中途开始：选择阶段并设置上下文变量</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="33"/>
        <source>LLM</source>
        <translation>LLM</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="35"/>
        <source>Let the LLM detect intents, follow the sales stage and write GENERATE replies (off: keywords and fallback templates)</source>
        <translation>由 LLM 识别意图、跟进销售阶段并撰写 GENERATE 回复（关闭时：使用关键词和兜底模板）</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="38"/>
        <source>LLM Settings…</source>
        <translation>LLM 设置…</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="39"/>
        <source>Save as Test…</source>
        <translation>保存为测试…</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="40"/>
        <source>Write this conversation as a conversation test</source>
        <translation>将此对话保存为对话测试</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="226"/>
        <location filename="../chat/panel_layout.py" line="69"/>
        <source>Type a customer message and press Enter</source>
        <translation>输入顾客消息，按 Enter 发送</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="70"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="132"/>
        <location filename="../chat/panel_layout.py" line="86"/>
        <source>Trace</source>
        <translation>追踪</translation>
    </message>
    <message>
        <location filename="../chat/panel_layout.py" line="88"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="139"/>
        <source>Starts mid-flow at stage “{stage}”{vars}</source>
        <translation>从阶段“{stage}”中途开始{vars}</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="150"/>
        <source>Cannot start from these values: {reason}</source>
        <translation>无法从这些值开始：{reason}</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="176"/>
        <source>Replaying {file} up to turn {n}</source>
        <translation>正在重放 {file}，直到第 {n} 轮</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="194"/>
        <source>Trace of turn {n}: “{message}”</source>
        <translation>第 {n} 轮的追踪：“{message}”</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="38"/>
        <source>LLM failed: {problems} — answered offline</source>
        <translation>LLM 调用失败：{problems} —— 已离线回复</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="97"/>
        <source>(empty reply: no rule matched)</source>
        <translation>（空回复：没有匹配的规则）</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="121"/>
        <source>(empty opening: no rule matched)</source>
        <translation>（开场为空：没有规则匹配）</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="124"/>
        <source>opening → {rule}</source>
        <translation>开场 → {rule}</translation>
    </message>
    <message>
        <location filename="../chat/turn_feed.py" line="138"/>
        <source>The turn did not run.</source>
        <translation>本轮未执行。</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="213"/>
        <source>⚠ The rules have {n} error(s): the chat runs only what could be read. First: {file}:{line}: {message}</source>
        <translation>⚠ 规则中有 {n} 个错误：对话只运行能读取的部分。第一个：{file}:{line}：{message}</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="224"/>
        <source>Reading the rules…</source>
        <translation>正在读取规则…</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="233"/>
        <source>The assistant could not be built: {error}</source>
        <translation>无法构建助手：{error}</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="235"/>
        <source>LLM on ({model}) · {n} rules</source>
        <translation>LLM 已开启（{model}）· {n} 条规则</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="241"/>
        <source>Offline (keywords, fallback templates) · {n} rules</source>
        <translation>离线（关键词、兜底模板）· {n} 条规则</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="238"/>
        <source>Offline (keywords, fallback templates) · {n} rules · with LLM on: {model}</source>
        <translation>离线（关键词、兜底模板）· {n} 条规则 · 打开 LLM 后使用：{model}</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="262"/>
        <source>No LLM is configured: choose one in LLM Settings…</source>
        <translation>未配置 LLM：请在“LLM 设置…”中选择</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="264"/>
        <source>LLM not started: {reason}</source>
        <translation>LLM 未启动：{reason}</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="324"/>
        <source>Nothing to save yet: have a conversation first.</source>
        <translation>还没有可保存的内容：请先进行一段对话。</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="332"/>
        <source>Replace Test?</source>
        <translation>替换测试？</translation>
    </message>
    <message>
        <location filename="../chat/panel.py" line="332"/>
        <source>{file} exists. Replace it?</source>
        <translation>{file} 已存在。是否替换？</translation>
    </message>
</context>
<context>
    <name>ChatWorker</name>
    <message>
        <location filename="../chat/worker.py" line="177"/>
        <source>The assistant is not ready yet: the rules are still being read.</source>
        <translation>助手尚未就绪：仍在读取规则。</translation>
    </message>
    <message>
        <location filename="../chat/worker.py" line="193"/>
        <source>The turn failed: {error}</source>
        <translation>本轮执行失败：{error}</translation>
    </message>
    <message>
        <location filename="../chat/worker.py" line="214"/>
        <source>The opening turn failed: {error}</source>
        <translation>开场轮失败：{error}</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../rule_form/chips.py" line="94"/>
        <source>Remove this word</source>
        <translation>删除这个词</translation>
    </message>
</context>
<context>
    <name>ChipsEdit</name>
    <message>
        <location filename="../rule_form/chips.py" line="130"/>
        <source>add a word…</source>
        <translation>添加词语…</translation>
    </message>
</context>
<context>
    <name>CodeEditor</name>
    <message>
        <location filename="../editor/code_editor.py" line="326"/>
        <source>{severity} {code}: {message}</source>
        <translation>{severity} {code}：{message}</translation>
    </message>
    <message>
        <location filename="../editor/code_editor.py" line="329"/>
        <source>{text} ({suggestion})</source>
        <translation>{text}（{suggestion}）</translation>
    </message>
</context>
<context>
    <name>ContextModel</name>
    <message>
        <location filename="../chat/context_view.py" line="98"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location filename="../chat/context_view.py" line="98"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../chat/context_view.py" line="110"/>
        <source>Changed this turn: {old} → {new}</source>
        <translation>本轮已更改：{old} → {new}</translation>
    </message>
    <message>
        <location filename="../chat/context_view.py" line="111"/>
        <source>(unset)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>ContextView</name>
    <message>
        <location filename="../chat/context_view.py" line="152"/>
        <source>(nothing chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location filename="../chat/context_view.py" line="153"/>
        <source>Stage: {stage}   Chain: {chain}   Sales stage: {sales}</source>
        <translation>阶段：{stage}   商品链：{chain}   销售阶段：{sales}</translation>
    </message>
</context>
<context>
    <name>CreateRuleFromTurn</name>
    <message>
        <location filename="../chat/create_rule.py" line="35"/>
        <source>Create a rule for this message</source>
        <translation>为这条消息创建规则</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="37"/>
        <source>No rule or only the fallback answered this message: open a new rule for it in the rule form, prefilled from the turn</source>
        <translation>没有规则或只有兜底规则回答了这条消息：在规则表单中为它新建一条规则，并按这一轮预先填好</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="88"/>
        <source>Turn {n} was answered by the fallback rule {rule}: open a new rule for “{message}” in the rule form</source>
        <translation>第 {n} 轮由兜底规则 {rule} 回答：在规则表单中为“{message}”新建一条规则</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="91"/>
        <source>No rule answered turn {n}: open a new rule for “{message}” in the rule form</source>
        <translation>第 {n} 轮没有规则回答：在规则表单中为“{message}”新建一条规则</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="116"/>
        <source>The rule form is not available in this window.</source>
        <translation>此窗口中没有规则表单。</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="173"/>
        <source>Replayed with the new rule: {rule} now answers “{message}”.</source>
        <translation>已用新规则回放：现在由 {rule} 回答“{message}”。</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="174"/>
        <source>Replayed with the new rule: {rule} did not fire on “{message}” ({other} answered).</source>
        <translation>已用新规则回放：{rule} 没有对“{message}”触发（回答的是 {other}）。</translation>
    </message>
    <message>
        <location filename="../chat/create_rule.py" line="175"/>
        <source>no rule</source>
        <translation>无规则</translation>
    </message>
</context>
<context>
    <name>DecisionTablePanel</name>
    <message>
        <location filename="../decision_table.py" line="71"/>
        <source>Decision Table</source>
        <translation>决策表</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="75"/>
        <source>The rules of the whole project or of one rule file</source>
        <translation>整个项目或某个规则文件的规则</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="78"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="78"/>
        <source>Group by intent</source>
        <translation>按意图分组</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="79"/>
        <source>Group by stage</source>
        <translation>按阶段分组</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="85"/>
        <source>Filter: any text of a row (rule, intent, stage, action…)</source>
        <translation>筛选：行中的任意文字（规则、意图、阶段、动作……）</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="97"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="98"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="96"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="86"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="88"/>
        <source>Write the rows shown (filtered, sorted, without groups) to an Excel workbook or a CSV file</source>
        <translation>把显示的行（已筛选、已排序、不分组）写入 Excel 工作簿或 CSV 文件</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="96"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="96"/>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="96"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="96"/>
        <source>Mentions</source>
        <translation>提及</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="97"/>
        <source>Other conditions</source>
        <translation>其他条件</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="97"/>
        <source>Actions</source>
        <translation>动作</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="97"/>
        <source>Fired in tests</source>
        <translation>测试中触发</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="169"/>
        <source>Whole project</source>
        <translation>整个项目</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="207"/>
        <source>(condition too complex for a column)</source>
        <translation>（条件过于复杂，无法分列）</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="209"/>
        <source>(no intent)</source>
        <translation>（无意图）</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="210"/>
        <source>(no stage)</source>
        <translation>（无阶段）</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="223"/>
        <source>The condition is too complex for this column: see Other conditions</source>
        <translation>条件过于复杂，无法放入此列：见“其他条件”</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="240"/>
        <source>{n} rules · fired in tests: counting…</source>
        <translation>{n} 条规则 · 测试中触发：统计中……</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="243"/>
        <source>{n} rules · {never} never fired in the conversation tests</source>
        <translation>{n} 条规则 · {never} 条在对话测试中从未触发</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="293"/>
        <source>The rules changed since the table was made: try again after the check.</source>
        <translation>生成此表后规则已改动：请在检查完成后重试。</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="306"/>
        <source>Rule {rule} cannot be changed here: edit it as text.</source>
        <translation>规则 {rule} 无法在此修改：请以文本方式编辑。</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="323"/>
        <source>Export Decision Table</source>
        <translation>导出决策表</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="324"/>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="334"/>
        <source>Not exported: {reason}</source>
        <translation>未导出：{reason}</translation>
    </message>
    <message>
        <location filename="../decision_table.py" line="336"/>
        <source>{n} rules exported to {file}</source>
        <translation>已将 {n} 条规则导出到 {file}</translation>
    </message>
</context>
<context>
    <name>EditorTabs</name>
    <message>
        <location filename="../editor_tabs.py" line="174"/>
        <source>Cannot Open File</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../editor_tabs.py" line="175"/>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ExploreFeatures</name>
    <message>
        <location filename="../explore_features.py" line="52"/>
        <source>Flow</source>
        <translation>流程</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="58"/>
        <source>Generate Tests…</source>
        <translation>生成测试…</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="59"/>
        <source>Write a test for each rule that no test fires yet, from a shortest conversation that fires it</source>
        <translation>为每条尚无测试触发的规则写一个测试，用触发它的最短对话</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="89"/>
        <source>Find a Conversation That Fires {rule}</source>
        <translation>查找触发 {rule} 的对话</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="97"/>
        <source>Looking for a conversation that fires {rule}…</source>
        <translation>正在查找触发 {rule} 的对话…</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="100"/>
        <source>The rules are still being read…</source>
        <translation>仍在读取规则…</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="110"/>
        <source>{rule} cannot run: a syntax error cuts it short</source>
        <translation>{rule} 无法运行：语法错误使它不完整</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="112"/>
        <source>No conversation of up to {d} messages fires {rule}</source>
        <translation>在 {d} 条消息以内没有对话能触发 {rule}</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="121"/>
        <source>{rule} fires on turn {n}: {turns}</source>
        <translation>{rule} 在第 {n} 轮触发：{turns}</translation>
    </message>
    <message>
        <location filename="../explore_features.py" line="129"/>
        <source>The explorer failed: {error}</source>
        <translation>对话探索失败：{error}</translation>
    </message>
</context>
<context>
    <name>FindInFiles</name>
    <message>
        <location filename="../find_in_files.py" line="196"/>
        <source>Find in Files</source>
        <translation>在文件中查找</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="200"/>
        <source>Find &amp;in Files…</source>
        <translation>在文件中查找(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>FindInFilesPanel</name>
    <message>
        <location filename="../find_in_files.py" line="72"/>
        <source>Find in rules, knowledge and tests</source>
        <translation>在规则、知识和测试中查找</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="74"/>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="75"/>
        <source>Regular e&amp;xpression</source>
        <translation>正则表达式(&amp;X)</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="76"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="155"/>
        <source>{file} ({n})</source>
        <translation>{file}（{n}）</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="161"/>
        <source>Not a valid regular expression: {error}</source>
        <translation>不是有效的正则表达式：{error}</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="165"/>
        <source>Stopped at {n} results: search for something more precise to see them all</source>
        <translation>已在 {n} 条结果处停止：请搜索更具体的内容以查看全部结果</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="168"/>
        <source>No results in {files} files</source>
        <translation>在 {files} 个文件中没有找到</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="170"/>
        <source>{n} results in {files} of {searched} files</source>
        <translation>{n} 条结果，位于 {searched} 个文件中的 {files} 个</translation>
    </message>
    <message>
        <location filename="../find_in_files.py" line="173"/>
        <source>not searched: {files}</source>
        <translation>未搜索：{files}</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <location filename="../editor/find_replace.py" line="28"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="29"/>
        <location filename="../editor/find_replace.py" line="34"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="30"/>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="32"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="33"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="35"/>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="36"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="112"/>
        <source>Replaced {}</source>
        <translation>已替换 {} 处</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="159"/>
        <location filename="../editor/find_replace.py" line="204"/>
        <source>No results</source>
        <translation>无结果</translation>
    </message>
    <message>
        <location filename="../editor/find_replace.py" line="204"/>
        <source>{} matches</source>
        <translation>{} 个匹配项</translation>
    </message>
</context>
<context>
    <name>FlowPanel</name>
    <message>
        <location filename="../flow_panel.py" line="61"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="62"/>
        <source>Explore the conversations of the current rules again</source>
        <translation>重新探索当前规则的对话</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="67"/>
        <source>Depth </source>
        <translation>深度 </translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="68"/>
        <source>How many customer messages a conversation may have</source>
        <translation>一段对话最多包含多少条顾客消息</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="70"/>
        <source>Not explored yet</source>
        <translation>尚未探索</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="85"/>
        <source>Rules never reached</source>
        <translation>从未到达的规则</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="118"/>
        <source>The rules are still being read…</source>
        <translation>仍在读取规则…</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="130"/>
        <source>Exploring conversations…</source>
        <translation>正在探索对话…</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="135"/>
        <source>The explorer failed: {error}</source>
        <translation>对话探索失败：{error}</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="184"/>
        <source>{n} states, depth {d}</source>
        <translation>{n} 个状态，深度 {d}</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="186"/>
        <source>stopped at the limit of {n} states</source>
        <translation>在 {n} 个状态的上限处停止</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="188"/>
        <source>stopped at the limit of {n} turns</source>
        <translation>在 {n} 轮的上限处停止</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="190"/>
        <source>only the first {n} candidate messages tried</source>
        <translation>只尝试了前 {n} 条候选消息</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="192"/>
        <source>{n} states not followed past depth {d}</source>
        <translation>{n} 个状态未在深度 {d} 之后继续探索</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="195"/>
        <source>{n} rules skipped (syntax errors)</source>
        <translation>跳过 {n} 条规则（语法错误）</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="205"/>
        <source>No conversation of up to {d} messages fires {rule}</source>
        <translation>在 {d} 条消息以内没有对话能触发 {rule}</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="209"/>
        <source>{rule} — syntax error, not explored</source>
        <translation>{rule} — 语法错误，未探索</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="214"/>
        <source>Never reached within {d} turns ({n})</source>
        <translation>{d} 轮以内从未到达（{n}）</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="217"/>
        <source>Every rule is reached within {d} turns</source>
        <translation>每条规则都能在 {d} 轮以内到达</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="246"/>
        <source>← {rule}  from any stage</source>
        <translation>← {rule}  来自任意阶段</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="247"/>
        <source>← {rule}  from {n} stages</source>
        <translation>← {rule}  来自 {n} 个阶段</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="260"/>
        <source>Stage {stage}: no conversation of up to {d} messages reaches it</source>
        <translation>阶段 {stage}：{d} 条消息以内没有对话能到达</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="266"/>
        <source>Stage {stage}</source>
        <translation>阶段 {stage}</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="284"/>
        <source>from: {stages}</source>
        <translation>来自：{stages}</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="297"/>
        <source>A shortest conversation: {turns}</source>
        <translation>最短对话：{turns}</translation>
    </message>
    <message>
        <location filename="../flow_panel.py" line="298"/>
        <source>Click to open the rule</source>
        <translation>点击打开规则</translation>
    </message>
</context>
<context>
    <name>GeneratedTestsDialog</name>
    <message>
        <location filename="../generate_tests.py" line="158"/>
        <source>Generate Tests for Rules Never Fired</source>
        <translation>为从未触发的规则生成测试</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="159"/>
        <source>No test fires these rules yet. A test is written for each one checked, replaying a shortest conversation that fires it:</source>
        <translation>以下规则尚无测试触发。将为每条勾选的规则写一个测试，重放触发它的最短对话：</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="163"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="163"/>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="171"/>
        <source>Write Tests</source>
        <translation>写入测试</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <location filename="../help/getting_started.py" line="137"/>
        <source>Five steps to find your way around. Each button does or shows the step; the circle turns into a tick when you have done it.</source>
        <translation>五步熟悉工作室。每个按钮会替您完成或演示这一步；完成后圆圈会变成对勾。</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="140"/>
        <source>1. Open the sample project: a small shop&apos;s rules, knowledge and tests.</source>
        <translation>1. 打开示例项目：一家小店的规则、知识库和对话测试。</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="141"/>
        <source>Open the Sample</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="142"/>
        <source>2. Make a typo: change a letter of the selected word in the rule file. A problem appears, underlined in the editor.</source>
        <translation>2. 制造一个笔误：改掉规则文件中选中词语的一个字。会出现一个问题，并在编辑器中以波浪线标出。</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="144"/>
        <source>Show Me Where</source>
        <translation>告诉我在哪里</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="145"/>
        <source>3. Fix it: type the word back, or choose the problem in the Problems panel and apply its fix.</source>
        <translation>3. 修复它：把词改回来，或在“问题”面板中选中该问题并应用修复。</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="147"/>
        <source>Show the Problems</source>
        <translation>显示问题</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="148"/>
        <source>4. Talk to the assistant: type a customer message in the chat tester, for example 我想买个手机.</source>
        <translation>4. 和助手对话：在对话测试器中输入一条顾客消息，例如“我想买个手机”。</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="150"/>
        <source>Go to the Chat</source>
        <translation>前往对话</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="151"/>
        <source>5. Save the conversation as a test, so it is checked from now on.</source>
        <translation>5. 把这段对话保存为对话测试，以后每次都会检查它。</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="152"/>
        <source>Save as Test…</source>
        <translation>保存为测试…</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="157"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="172"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../help/getting_started.py" line="172"/>
        <source>Not done yet</source>
        <translation>尚未完成</translation>
    </message>
</context>
<context>
    <name>GroupWidget</name>
    <message>
        <location filename="../rule_form/conditions.py" line="187"/>
        <source>+ Condition</source>
        <translation>+ 条件</translation>
    </message>
    <message>
        <location filename="../rule_form/conditions.py" line="190"/>
        <source>+ Group</source>
        <translation>+ 条件组</translation>
    </message>
    <message>
        <location filename="../rule_form/conditions.py" line="191"/>
        <source>Add a nested group (conditions in parentheses)</source>
        <translation>添加嵌套条件组（括号中的条件）</translation>
    </message>
    <message>
        <location filename="../rule_form/conditions.py" line="205"/>
        <source>Remove this group</source>
        <translation>删除此条件组</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../help/help_dialog.py" line="31"/>
        <source>Rule Studio Help</source>
        <translation>Rule Studio 帮助</translation>
    </message>
    <message>
        <location filename="../help/help_dialog.py" line="32"/>
        <source>DSL Reference</source>
        <translation>规则语言参考</translation>
    </message>
    <message>
        <location filename="../help/help_dialog.py" line="33"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>HelpFeatures</name>
    <message>
        <location filename="../help/__init__.py" line="71"/>
        <source>DSL &amp;Reference</source>
        <translation>规则语言参考(&amp;R)</translation>
    </message>
    <message>
        <location filename="../help/__init__.py" line="72"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../help/__init__.py" line="73"/>
        <source>&amp;Getting Started</source>
        <translation>入门指引(&amp;G)</translation>
    </message>
    <message>
        <location filename="../help/__init__.py" line="75"/>
        <source>Getting Started</source>
        <translation>入门指引</translation>
    </message>
</context>
<context>
    <name>KindLabels</name>
    <message>
        <location filename="../rule_form/labels.py" line="12"/>
        <source>Intent is</source>
        <translation>意图是</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="13"/>
        <source>Message mentions any of</source>
        <translation>消息提到其中任一</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="14"/>
        <source>Message mentions all of</source>
        <translation>消息提到全部</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="15"/>
        <source>Message names a</source>
        <translation>消息提到一个</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="16"/>
        <source>Variable equals</source>
        <translation>变量等于</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="17"/>
        <source>Variable is set</source>
        <translation>变量已设置</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="18"/>
        <source>Variable is not set</source>
        <translation>变量未设置</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="19"/>
        <source>Dialogue stage is</source>
        <translation>对话阶段是</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="20"/>
        <source>Sales stage is</source>
        <translation>销售阶段是</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="21"/>
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="22"/>
        <source>Conversation starts (opening turn)</source>
        <translation>对话开始（开场轮）</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="27"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="28"/>
        <source>Set dialogue stage</source>
        <translation>设置对话阶段</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="29"/>
        <source>Set variable</source>
        <translation>设置变量</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="30"/>
        <source>Choose product</source>
        <translation>选定商品</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="31"/>
        <source>Choose what the message names</source>
        <translation>选定消息提到的</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="32"/>
        <source>Forget the product being chosen</source>
        <translation>清空正在选的商品</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="33"/>
        <source>Suggest categories</source>
        <translation>推荐品类</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="34"/>
        <source>Suggest subtypes</source>
        <translation>推荐子类</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="35"/>
        <source>Suggest brands</source>
        <translation>推荐品牌</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="36"/>
        <source>Suggest series</source>
        <translation>推荐系列</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="37"/>
        <source>Suggest for a scenario</source>
        <translation>按场景推荐</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="38"/>
        <source>Set sales stage</source>
        <translation>设置销售阶段</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="39"/>
        <source>Generate a reply (LLM)</source>
        <translation>生成回复（大模型）</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="44"/>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="44"/>
        <source>Subtype</source>
        <translation>子类型</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="44"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="45"/>
        <source>Series</source>
        <translation>系列</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="45"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="49"/>
        <source>Text to say; {current_brand} and other {variables} insert the context&apos;s values</source>
        <translation>要说的话；{current_brand} 等 {变量} 会填入上下文中的值</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="53"/>
        <source>NOT</source>
        <translation>非</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="53"/>
        <source>Negate: holds when this does not</source>
        <translation>取反：不满足时才成立</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="57"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="61"/>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="61"/>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="62"/>
        <source>Move into the Group Above</source>
        <translation>移入上方的组</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="63"/>
        <source>Move into the Group Below</source>
        <translation>移入下方的组</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="64"/>
        <source>Move out of the Group</source>
        <translation>移出该组</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="67"/>
        <source>Click: move up or down, into or out of a group. Drag: move it between any rows</source>
        <translation>点击：上下移动，或移入、移出组。拖动：移到任意两行之间</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="70"/>
        <source>All of (AND)</source>
        <translation>全部满足（AND）</translation>
    </message>
    <message>
        <location filename="../rule_form/labels.py" line="70"/>
        <source>Any of (OR)</source>
        <translation>任一满足（OR）</translation>
    </message>
</context>
<context>
    <name>KnowledgeEditor</name>
    <message>
        <location filename="../knowledge/commands.py" line="48"/>
        <source>category</source>
        <translation>品类</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="49"/>
        <source>brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="50"/>
        <source>series</source>
        <translation>系列</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="67"/>
        <source>Add {kind} {name}</source>
        <translation>添加{kind} {name}</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="84"/>
        <source>Delete {kind} {name}</source>
        <translation>删除{kind} {name}</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="106"/>
        <source>Rename {kind} {old} → {new}</source>
        <translation>重命名{kind} {old} → {new}</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="122"/>
        <source>Move {kind} {name}</source>
        <translation>移动{kind} {name}</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="138"/>
        <location filename="../knowledge/commands.py" line="155"/>
        <source>Set {field} of {name}: {value}</source>
        <translation>设置 {name} 的 {field}：{value}</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="191"/>
        <source>Rename in the rules</source>
        <translation>在规则中重命名</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="283"/>
        <location filename="../knowledge/commands.py" line="393"/>
        <source>a {kind} has no {field}</source>
        <translation>{kind}没有 {field} 属性</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="289"/>
        <source>{field} must be a list</source>
        <translation>{field} 必须是列表</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="294"/>
        <source>{field} must be text</source>
        <translation>{field} 必须是文本</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="305"/>
        <source>New category</source>
        <translation>新品类</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="306"/>
        <source>New brand</source>
        <translation>新品牌</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="307"/>
        <source>New series</source>
        <translation>新系列</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="318"/>
        <source>a series has no children</source>
        <translation>系列下不能再添加子项</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="365"/>
        <source>Rename brand {old} → {new} (and in the rules)</source>
        <translation>重命名品牌 {old} → {new}（同时修改规则）</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="372"/>
        <source>cannot move there</source>
        <translation>无法移动到该位置</translation>
    </message>
    <message>
        <location filename="../knowledge/model.py" line="212"/>
        <location filename="../knowledge/properties.py" line="156"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../knowledge/model.py" line="213"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../knowledge/model.py" line="275"/>
        <source>Aliases: {aliases}</source>
        <translation>别名：{aliases}</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="90"/>
        <source>Filter: name, alias, scenario…</source>
        <translation>筛选：名称、别名、场景…</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="49"/>
        <source>+ Category</source>
        <translation>+ 品类</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="50"/>
        <source>Add a category</source>
        <translation>添加品类</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="52"/>
        <source>+ Brand</source>
        <translation>+ 品牌</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="53"/>
        <source>Add a brand to the selected category</source>
        <translation>向所选品类添加品牌</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="56"/>
        <source>+ Series</source>
        <translation>+ 系列</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="57"/>
        <source>Add a series to the selected brand</source>
        <translation>向所选品牌添加系列</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="60"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="61"/>
        <source>Delete the selected node</source>
        <translation>删除所选节点</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="39"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="41"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="34"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="35"/>
        <source>Save the knowledge files</source>
        <translation>保存知识库文件</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="308"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../knowledge/import_export.py" line="26"/>
        <source>Knowledge (*.csv *.xlsx *.json *.yaml *.yml)</source>
        <translation>知识库 (*.csv *.xlsx *.json *.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../knowledge/import_export.py" line="83"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../knowledge/import_export.py" line="99"/>
        <source>Could not import {file}: {reason}</source>
        <translation>无法导入 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../knowledge/brand_rename_flow.py" line="89"/>
        <source>The rules changed while the preview was open; rename again.</source>
        <translation>预览打开期间规则已被修改，请重新执行重命名。</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="398"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="81"/>
        <source>an emoji, e.g. 📱</source>
        <translation>一个 emoji，例如 📱</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="87"/>
        <source>separated by 、 or commas</source>
        <translation>用 、 或逗号分隔</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="91"/>
        <source>The brand has a price range (yuan)</source>
        <translation>该品牌有价格区间（元）</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="92"/>
        <source>has a price range</source>
        <translation>有价格区间</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="95"/>
        <source>min</source>
        <translation>最低价</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="96"/>
        <source>max</source>
        <translation>最高价</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="143"/>
        <source>Double-click or F2 renames in the tree; drag a row to reorder it among its siblings. Every change can be undone.</source>
        <translation>在树中双击或按 F2 可重命名；拖动一行可在同级之间调整顺序。所有修改都可以撤销。</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="150"/>
        <source>Select a category, brand or series to edit it.</source>
        <translation>选择一个品类、品牌或系列进行编辑。</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="157"/>
        <source>Icon</source>
        <translation>图标</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="158"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="159"/>
        <source>Subtypes</source>
        <translation>子类型</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="160"/>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="161"/>
        <source>Scenarios</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="162"/>
        <source>Price range</source>
        <translation>价格区间</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="237"/>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="24"/>
        <source>typed place</source>
        <translation>品牌取值</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="25"/>
        <source>USER_MENTION alternative</source>
        <translation>USER_MENTION 候选词</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="26"/>
        <source>intent keyword</source>
        <translation>意图关键词</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="27"/>
        <source>reply list item</source>
        <translation>回复列表项</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="54"/>
        <source>Rename brand {old} → {new}</source>
        <translation>重命名品牌 {old} → {new}</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="62"/>
        <source>The rules name “{old}” in {count} place(s) in {files} file(s). Rename the checked places to “{new}” too?</source>
        <translation>规则中有 {count} 处（共 {files} 个文件）提到“{old}”。是否也将勾选的位置改为“{new}”？</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="69"/>
        <source>“{old}” is also a brand of {categories}, which keeps its name: check that each place means this one.</source>
        <translation>“{old}”也是{categories}下的品牌，那里的名称保持不变：请确认每一处指的都是这个品牌。</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="80"/>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="81"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="82"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="83"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="128"/>
        <source>Rename in the rules too</source>
        <translation>同时在规则中重命名</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="131"/>
        <source>Only in the knowledge</source>
        <translation>仅在知识库中重命名</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="115"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="116"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="120"/>
        <source>A value such as 205 or 6.5 is a number, true/false a yes/no, anything else text</source>
        <translation>205、6.5 这样的值是数字，true/false 表示是否，其余都是文本</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="122"/>
        <source>+ Attribute</source>
        <translation>+ 属性</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="123"/>
        <source>− Attribute</source>
        <translation>− 属性</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="163"/>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../knowledge/properties.py" line="389"/>
        <source>duplicate attribute name {key!r}</source>
        <translation>属性名 {key!r} 重复</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="65"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="66"/>
        <source>Replace the knowledge by a CSV, Excel, JSON or YAML file&apos;s, after a preview of the changes</source>
        <translation>先预览改动，再用 CSV、Excel、JSON 或 YAML 文件中的知识替换当前知识</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="70"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../knowledge/toolbars.py" line="71"/>
        <source>Write the knowledge to a CSV, Excel, JSON or YAML file</source>
        <translation>把知识写入 CSV、Excel、JSON 或 YAML 文件</translation>
    </message>
    <message>
        <location filename="../knowledge/import_export.py" line="54"/>
        <source>Export knowledge</source>
        <translation>导出知识</translation>
    </message>
    <message>
        <location filename="../knowledge/import_export.py" line="66"/>
        <source>Exported to {path}.</source>
        <translation>已导出到 {path}。</translation>
    </message>
    <message>
        <location filename="../knowledge/commands.py" line="413"/>
        <location filename="../knowledge/import_dialog.py" line="21"/>
        <location filename="../knowledge/import_export.py" line="73"/>
        <source>Import knowledge</source>
        <translation>导入知识</translation>
    </message>
    <message>
        <location filename="../knowledge/import_export.py" line="115"/>
        <source>Imported {count} change(s); Undo takes them back.</source>
        <translation>已导入 {count} 处改动；撤销可全部退回。</translation>
    </message>
    <message>
        <location filename="../knowledge/import_dialog.py" line="25"/>
        <source>{source} cannot be imported: {count} problem(s). Nothing was changed.</source>
        <translation>{source} 无法导入：{count} 个问题。未做任何改动。</translation>
    </message>
    <message>
        <location filename="../knowledge/import_dialog.py" line="30"/>
        <source>Importing {source} makes these {count} change(s) (one undo step):</source>
        <translation>导入 {source} 将做出以下 {count} 处改动（一步撤销）：</translation>
    </message>
    <message>
        <location filename="../knowledge/import_dialog.py" line="35"/>
        <source>{source} holds the same knowledge: nothing to change.</source>
        <translation>{source} 与当前知识相同：无需改动。</translation>
    </message>
    <message>
        <location filename="../knowledge/import_dialog.py" line="47"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <location filename="../knowledge/panel.py" line="139"/>
        <source>Open as text</source>
        <translation>以文本打开</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="140"/>
        <source>Open the file in an editor tab at the error, to fix it</source>
        <translation>在编辑器标签页中打开该文件并定位到出错处，以便修正</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="356"/>
        <source>This knowledge cannot be read, so the tree leaves it out:</source>
        <translation>以下知识文件无法读取，树中未包含其内容：</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="299"/>
        <source>Delete category</source>
        <translation>删除品类</translation>
    </message>
    <message>
        <location filename="../knowledge/panel.py" line="300"/>
        <source>Delete the category “{name}” and its {count} brand(s)?</source>
        <translation>删除品类“{name}”及其 {count} 个品牌？</translation>
    </message>
</context>
<context>
    <name>LLMSettingsDialog</name>
    <message>
        <location filename="../chat/llm_settings.py" line="113"/>
        <source>LLM Settings</source>
        <translation>LLM 设置</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="115"/>
        <source>(from the environment)</source>
        <translation>（来自环境变量）</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="120"/>
        <source>the source&apos;s default</source>
        <translation>使用该来源的默认模型</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="125"/>
        <source>kept in memory for this session, never saved</source>
        <translation>仅存于本次会话内存，不保存</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="132"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="133"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="134"/>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="135"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="136"/>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <location filename="../chat/llm_settings.py" line="137"/>
        <source>The key is used for this session only: it is never written to the settings, the project or a log. Leave everything empty to use the environment (RULE_STUDIO_LLM_*, LAZYLLM_&lt;SOURCE&gt;_API_KEY).</source>
        <translation>密钥仅用于本次会话：不会写入设置、项目或日志。全部留空则使用环境变量（RULE_STUDIO_LLM_*、LAZYLLM_&lt;SOURCE&gt;_API_KEY）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="92"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <location filename="../main_window.py" line="160"/>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source>Tests</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240"/>
        <source>Open Project Folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>Cannot Open Project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>{e} errors, {w} warnings, {i} infos</source>
        <translation>{e} 个错误，{w} 个警告，{i} 条提示</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="285"/>
        <source>Checker failed</source>
        <translation>检查器出错</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="286"/>
        <source>The checker failed: {error}</source>
        <translation>检查器出错：{error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="304"/>
        <source>Ln {line}, Col {column}</source>
        <translation>行 {line}，列 {column}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="311"/>
        <source>Reloaded {file}</source>
        <translation>已重新加载 {file}</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../outline_panel.py" line="39"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="69"/>
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="72"/>
        <source>persona</source>
        <translation>人设</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="75"/>
        <source>sales stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="77"/>
        <source>priority {n}</source>
        <translation>优先级 {n}</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="86"/>
        <source>line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="91"/>
        <source>(incomplete)</source>
        <translation>（不完整）</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="96"/>
        <source>A syntax error cuts this rule short; it never runs.</source>
        <translation>语法错误使这条规则不完整；它不会被执行。</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="140"/>
        <source>fired {n}× in the last test run</source>
        <translation>上次测试运行中触发了 {n} 次</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="141"/>
        <source>never fired in the last test run</source>
        <translation>上次测试运行中从未触发</translation>
    </message>
</context>
<context>
    <name>PreferencesController</name>
    <message>
        <location filename="../preferences.py" line="172"/>
        <source>Prefere&amp;nces…</source>
        <translation>首选项(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="176"/>
        <source>&amp;Larger Editor Font</source>
        <translation>增大编辑器字号(&amp;L)</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="178"/>
        <source>&amp;Smaller Editor Font</source>
        <translation>减小编辑器字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="180"/>
        <source>Editor Font &amp;Default Size</source>
        <translation>编辑器默认字号(&amp;D)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../preferences.py" line="113"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="115"/>
        <source>Automatic (--lang, RULE_STUDIO_LANG or the system&apos;s language)</source>
        <translation>自动（--lang、RULE_STUDIO_LANG 或系统语言）</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="121"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="123"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="124"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="125"/>
        <source>A new language reopens the window on the same project; unsaved edits stay unsaved and come along.</source>
        <translation>换用新语言时，窗口会在同一项目上重新打开；未保存的修改仍未保存，并一并带到新窗口。</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="134"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="135"/>
        <source>Editor &amp;font size:</source>
        <translation>编辑器字号(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../preferences.py" line="136"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../problems_panel.py" line="59"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="59"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="60"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="76"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="76"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="76"/>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="76"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="77"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="77"/>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="114"/>
        <source>Did you mean “{suggestion}”?</source>
        <translation>您是不是要找“{suggestion}”？</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="123"/>
        <source>Fix: {replacement}</source>
        <translation>修复：{replacement}</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../problems_panel.py" line="180"/>
        <source>Filter by file, code or text</source>
        <translation>按文件、代码或文字筛选</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="185"/>
        <location filename="../problems_panel.py" line="220"/>
        <source>Apply Fix</source>
        <translation>应用修复</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="190"/>
        <source>Try It</source>
        <translation>试一试</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="191"/>
        <source>Replay the situation that shows this problem in the chat tester</source>
        <translation>在聊天测试器中重现显示此问题的情形</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="305"/>
        <source>Go to Problem</source>
        <translation>转到问题</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="308"/>
        <source>Fix: replace with “{replacement}”</source>
        <translation>修复：替换为“{replacement}”</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="311"/>
        <source>Try It in the Chat Tester</source>
        <translation>在聊天测试器中试一试</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="314"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="326"/>
        <source>Errors: {n}</source>
        <translation>错误：{n}</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="326"/>
        <source>Warnings: {n}</source>
        <translation>警告：{n}</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="327"/>
        <source>Infos: {n}</source>
        <translation>提示：{n}</translation>
    </message>
</context>
<context>
    <name>ProjectChooser</name>
    <message>
        <location filename="../project_chooser.py" line="16"/>
        <source>Open a Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../project_chooser.py" line="20"/>
        <source>The project cannot be opened: {reason}</source>
        <translation>无法打开该项目：{reason}</translation>
    </message>
    <message>
        <location filename="../project_chooser.py" line="28"/>
        <source>Open Recent</source>
        <translation>打开最近的项目</translation>
    </message>
    <message>
        <location filename="../project_chooser.py" line="29"/>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location filename="../project_chooser.py" line="31"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../project_chooser.py" line="39"/>
        <source>Recent projects:</source>
        <translation>最近的项目：</translation>
    </message>
    <message>
        <location filename="../project_chooser.py" line="65"/>
        <source>Open Project Folder</source>
        <translation>打开项目文件夹</translation>
    </message>
</context>
<context>
    <name>ProjectPanel</name>
    <message>
        <location filename="../project_panel.py" line="44"/>
        <source>New Rule File…</source>
        <translation>新建规则文件…</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="46"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="51"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="83"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="84"/>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="85"/>
        <source>Conversation Tests</source>
        <translation>对话测试</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="144"/>
        <source>New Rule File</source>
        <translation>新建规则文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="145"/>
        <source>File name (in rules/, “.dsl” is added):</source>
        <translation>文件名（位于 rules/，自动添加“.dsl”）：</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="151"/>
        <source>Cannot Create File</source>
        <translation>无法创建文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="163"/>
        <source>Rename Rule File</source>
        <translation>重命名规则文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="163"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="169"/>
        <source>Cannot Rename File</source>
        <translation>无法重命名文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="179"/>
        <source>Delete Rule File</source>
        <translation>删除规则文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="180"/>
        <source>Delete {file}? This cannot be undone.</source>
        <translation>删除 {file}？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="185"/>
        <source>Cannot Delete File</source>
        <translation>无法删除文件</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../prompts.py" line="50"/>
        <source>File Changed on Disk</source>
        <translation>文件已在磁盘上更改</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="51"/>
        <source>{file} was changed by another program, and you have unsaved changes in it.</source>
        <translation>{file} 已被其他程序修改，而您在其中还有未保存的修改。</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="53"/>
        <source>Reload it from disk and lose your changes, or keep your version?</source>
        <translation>从磁盘重新加载并放弃您的修改，还是保留您的版本？</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="54"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="55"/>
        <source>Keep Mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="75"/>
        <source>Open Customer Logs</source>
        <translation>打开客户日志</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="76"/>
        <source>Chat logs (*.jsonl *.ndjson *.json *.csv *.xlsx);;All files (*)</source>
        <translation>聊天日志 (*.jsonl *.ndjson *.json *.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="103"/>
        <source>Do you want to save the changes to {file}?</source>
        <translation>是否保存对 {file} 的修改？</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="105"/>
        <source>Do you want to save the changes to {n} files?</source>
        <translation>是否保存对 {n} 个文件的修改？</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="106"/>
        <source>Unsaved Changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="110"/>
        <source>Your changes will be lost if you don’t save them.</source>
        <translation>如果不保存，您的修改将会丢失。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../qt_own_texts.py" line="14"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../qt_own_texts.py" line="15"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../qt_own_texts.py" line="16"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../qt_own_texts.py" line="12"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../qt_own_texts.py" line="13"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuickOpen</name>
    <message>
        <location filename="../quick_open.py" line="35"/>
        <source>Go to rule…</source>
        <translation>转到规则…</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../recovery.py" line="147"/>
        <source>Recover Unsaved Changes</source>
        <translation>恢复未保存的修改</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="149"/>
        <source>Rule Studio did not close normally. These files had unsaved changes; restore them into the editor?</source>
        <translation>Rule Studio 上次未正常关闭。以下文件有未保存的修改，是否恢复到编辑器中？</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="155"/>
        <source>Knowledge editor edits</source>
        <translation>知识库编辑器中的修改</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="156"/>
        <source>{file} (autosaved {time})</source>
        <translation>{file}（自动保存于 {time}）</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="161"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="162"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>ReferenceView</name>
    <message>
        <location filename="../help/reference_view.py" line="51"/>
        <source>Search keywords and descriptions</source>
        <translation>搜索关键词和说明</translation>
    </message>
    <message>
        <location filename="../help/reference_view.py" line="107"/>
        <source>No entry matches “{text}”.</source>
        <translation>没有与“{text}”匹配的条目。</translation>
    </message>
    <message>
        <location filename="../help/reference_view.py" line="147"/>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../help/reference_view.py" line="147"/>
        <source>Example</source>
        <translation>示例</translation>
    </message>
</context>
<context>
    <name>RenamePreviewDialog</name>
    <message>
        <location filename="../knowledge/rename_refs.py" line="102"/>
        <source>Keep “{old}” as an alias of “{new}”</source>
        <translation>保留“{old}”作为“{new}”的别名</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="104"/>
        <source>Customers and tests that still say the old name are understood as this brand.</source>
        <translation>仍说旧名称的顾客和测试会被识别为此品牌。</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="107"/>
        <source>{count} line(s) of the tests say “{old}”; they may behave otherwise after the rename:</source>
        <translation>测试中有 {count} 行提到“{old}”，重命名后其行为可能改变：</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="114"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="114"/>
        <source>Line</source>
        <translation>所在行</translation>
    </message>
    <message>
        <location filename="../knowledge/rename_refs.py" line="139"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
</context>
<context>
    <name>RowWidget</name>
    <message>
        <location filename="../rule_form/conditions.py" line="75"/>
        <source>Remove this condition</source>
        <translation>删除此条件</translation>
    </message>
</context>
<context>
    <name>RuleFormPanel</name>
    <message>
        <location filename="../rule_form/panel.py" line="96"/>
        <source>New Rule</source>
        <translation>新建规则</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="97"/>
        <source>Create a rule from scratch; insert it above the fallback</source>
        <translation>从头新建一条规则，插入到兜底规则之上</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="99"/>
        <source>Edit as Text</source>
        <translation>以文本编辑</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="100"/>
        <source>Go to the rule&apos;s text in the editor ({key})</source>
        <translation>转到编辑器中这条规则的文本（{key}）</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="124"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="125"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="129"/>
        <source>When</source>
        <translation>当</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="132"/>
        <source>Then</source>
        <translation>则</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="149"/>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="151"/>
        <source>Insert among the rules by priority, above the fallback</source>
        <translation>按优先级插入规则之间，位于兜底规则之上</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="153"/>
        <source>Insert at Cursor</source>
        <translation>插入到光标处</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="154"/>
        <source>Insert above the rule at the editor&apos;s cursor</source>
        <translation>插入到编辑器光标所在规则之上</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="156"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="162"/>
        <location filename="../rule_form/panel.py" line="238"/>
        <source>Put the cursor in a rule to edit it here, or create a new rule.</source>
        <translation>把光标放在一条规则里即可在这里编辑它，或新建一条规则。</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="62"/>
        <location filename="../rule_form/panel.py" line="176"/>
        <source>Rule Form</source>
        <translation>规则表单</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="63"/>
        <source>Rule Form / Text</source>
        <translation>规则表单 / 文本</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="121"/>
        <source>Higher goes first; rules of equal priority in text order. Empty: no PRIORITY line (counts as 0)</source>
        <translation>数值越大越先尝试；优先级相同的按文本顺序。留空：不写 PRIORITY 行（按 0 计）</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="192"/>
        <source>New rule → {file}</source>
        <translation>新规则 → {file}</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="193"/>
        <location filename="../rule_form/panel.py" line="272"/>
        <source>Rule {name} — {file}</source>
        <translation>规则 {name} — {file}</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="229"/>
        <source>Open a rule file: the form shows the rule under the cursor.</source>
        <translation>打开一个规则文件：表单显示光标所在的规则。</translation>
    </message>
    <message>
        <location filename="../rule_form/panel.py" line="243"/>
        <source>Rule {name} has a syntax error: fix it in the text (see Problems).</source>
        <translation>规则 {name} 有语法错误：请在文本中修正（见“问题”面板）。</translation>
    </message>
</context>
<context>
    <name>SaveTestDialog</name>
    <message>
        <location filename="../chat/save_test.py" line="175"/>
        <source>Save Conversation as Test</source>
        <translation>将对话保存为测试</translation>
    </message>
    <message>
        <location filename="../chat/save_test.py" line="190"/>
        <source>File: conversations/</source>
        <translation>文件：conversations/</translation>
    </message>
    <message>
        <location filename="../chat/save_test.py" line="197"/>
        <source>Expectations taken from the conversation; edit them as you like:</source>
        <translation>预期结果取自本次对话，可按需修改：</translation>
    </message>
    <message>
        <location filename="../chat/save_test.py" line="233"/>
        <source>{file} already exists: choose another name</source>
        <translation>{file} 已存在：请换一个名称</translation>
    </message>
    <message>
        <location filename="../chat/save_test.py" line="239"/>
        <source>Cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ShortcutsView</name>
    <message>
        <location filename="../help/shortcuts.py" line="88"/>
        <source>Search commands and keys</source>
        <translation>搜索命令和按键</translation>
    </message>
    <message>
        <location filename="../help/shortcuts.py" line="89"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../help/shortcuts.py" line="89"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../help/shortcuts.py" line="89"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../help/shortcuts.py" line="102"/>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
</context>
<context>
    <name>StartFromDialog</name>
    <message>
        <location filename="../chat/start_from.py" line="54"/>
        <source>Start Conversation From…</source>
        <translation>设置对话起点…</translation>
    </message>
    <message>
        <location filename="../chat/start_from.py" line="68"/>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <location filename="../chat/start_from.py" line="69"/>
        <source>Variables:</source>
        <translation>变量：</translation>
    </message>
    <message>
        <location filename="../chat/start_from.py" line="76"/>
        <source>One “name = value” per line; the conversation restarts from here.</source>
        <translation>每行一个“名称 = 值”；对话将从这里重新开始。</translation>
    </message>
</context>
<context>
    <name>TestGenerator</name>
    <message>
        <location filename="../generate_tests.py" line="91"/>
        <source>Exploring conversations…</source>
        <translation>正在探索对话…</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="94"/>
        <source>The rules are still being read…</source>
        <translation>仍在读取规则…</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="104"/>
        <source>Running the tests to see which rules they fire…</source>
        <translation>正在运行测试，查看它们触发哪些规则…</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="112"/>
        <source>The explorer failed: {error}</source>
        <translation>对话探索失败：{error}</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="120"/>
        <source>No test to write: the tests already fire every rule reached in {d} turns</source>
        <translation>无需写测试：现有测试已触发 {d} 轮以内能到达的每条规则</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="126"/>
        <source>No tests written</source>
        <translation>未写入测试</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="129"/>
        <source>Writing {n} test(s)…</source>
        <translation>正在写入 {n} 个测试…</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="136"/>
        <source>Wrote {n} test(s) into {folder}/</source>
        <translation>已将 {n} 个测试写入 {folder}/</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="143"/>
        <location filename="../generate_tests.py" line="145"/>
        <source>Could not write the tests: {reason}</source>
        <translation>无法写入测试：{reason}</translation>
    </message>
    <message>
        <location filename="../generate_tests.py" line="144"/>
        <source>Generate Tests</source>
        <translation>生成测试</translation>
    </message>
</context>
<context>
    <name>TestsModel</name>
    <message>
        <location filename="../tests_panel_model.py" line="121"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="121"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="121"/>
        <source>Turns</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="121"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="157"/>
        <source>failed at the opening</source>
        <translation>在开场时失败</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="159"/>
        <source>failed at turn {n}</source>
        <translation>第 {n} 轮失败</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="160"/>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="160"/>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="161"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="161"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../tests_panel_model.py" line="162"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
</context>
<context>
    <name>TestsPanel</name>
    <message>
        <location filename="../tests_panel.py" line="70"/>
        <source>Run All</source>
        <translation>全部运行</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="71"/>
        <source>Replay every conversation test against the current rules</source>
        <translation>用当前规则重放所有对话测试</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="73"/>
        <source>Run Selected</source>
        <translation>运行所选</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="75"/>
        <source>Re-run on save</source>
        <translation>保存时重新运行</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="76"/>
        <source>Run all tests after every save of a rule file or the knowledge</source>
        <translation>每次保存规则文件或知识库后运行全部测试</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="79"/>
        <source>Not run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="121"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="121"/>
        <source>Fired</source>
        <translation>触发次数</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="121"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="126"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="127"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="183"/>
        <source>The rules are still being read…</source>
        <translation>仍在读取规则…</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="192"/>
        <source>Running {n} test(s)…</source>
        <translation>正在运行 {n} 个测试…</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="225"/>
        <source>{p} passed, {f} failed</source>
        <translation>{p} 个通过，{f} 个失败</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="229"/>
        <source> · coverage {fired}/{total} rules</source>
        <translation> · 覆盖率 {fired}/{total} 条规则</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="233"/>
        <source> · {s:.1f} s</source>
        <translation> · {s:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="279"/>
        <source>Not run yet: {file}</source>
        <translation>尚未运行：{file}</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="282"/>
        <source>note: {note}</source>
        <translation>注：{note}</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="284"/>
        <source>Passed: {n} turns</source>
        <translation>通过：{n} 轮</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="292"/>
        <source>Opening ({file}:{line})</source>
        <translation>开场（{file}:{line}）</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="294"/>
        <source>Turn {n} ({file}:{line}) user: {user}</source>
        <translation>第 {n} 轮（{file}:{line}）用户：{user}</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="316"/>
        <source>Trace of turn {n}</source>
        <translation>第 {n} 轮的追踪</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="316"/>
        <source>Trace of the opening</source>
        <translation>开场的追踪</translation>
    </message>
    <message>
        <location filename="../tests_panel.py" line="352"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <location filename="../chat/trace_view.py" line="48"/>
        <source>Select an LLM call or an action to see its details.</source>
        <translation>选择一个 LLM 调用或动作以查看详情。</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="85"/>
        <source>Intent: {intent} ({source})</source>
        <translation>意图：{intent}（{source}）</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="86"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="91"/>
        <source>Rules tried before it: {n}</source>
        <translation>此前尝试的规则：{n}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="97"/>
        <source>{n} more ruled out by their intent or stage</source>
        <translation>另有 {n} 条因意图或阶段被排除</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="105"/>
        <source>Fired: {rule} ({file}:{line})</source>
        <translation>触发：{rule}（{file}:{line}）</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="110"/>
        <source>No rule matched: empty reply</source>
        <translation>没有匹配的规则：空回复</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="117"/>
        <source>Actions run: {n}</source>
        <translation>执行的动作：{n}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="125"/>
        <source>LLM calls: {n}</source>
        <translation>LLM 调用：{n}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="127"/>
        <source>error: {error}</source>
        <translation>错误：{error}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="128"/>
        <source>answer: {raw}</source>
        <translation>回答：{raw}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="133"/>
        <source>Prompt:
{prompt}

Raw answer:
{raw}</source>
        <translation>提示词：
{prompt}

原始回答：
{raw}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="136"/>
        <source>Error:
{error}</source>
        <translation>错误：
{error}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="138"/>
        <source>prompt: {n} characters</source>
        <translation>提示词：{n} 个字符</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="139"/>
        <source>raw: {raw}</source>
        <translation>原始：{raw}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="142"/>
        <source>Context changes: {n}</source>
        <translation>上下文变更：{n}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="148"/>
        <source>Notes: {n}</source>
        <translation>备注：{n}</translation>
    </message>
    <message>
        <location filename="../chat/trace_view.py" line="179"/>
        <source>✗ {rule} — {condition}: {reason}</source>
        <translation>✗ {rule} — {condition}：{reason}</translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <location filename="../traffic_panel.py" line="63"/>
        <source>Traffic</source>
        <translation>真实流量</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="68"/>
        <source>Open Logs…</source>
        <translation>打开日志…</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="70"/>
        <source>Replay Again</source>
        <translation>重新回放</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="71"/>
        <source>Replay the same logs on the rules as they are now</source>
        <translation>用当前的规则重新回放同样的日志</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="73"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="75"/>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="77"/>
        <source>Save as Test</source>
        <translation>保存为测试</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="78"/>
        <source>Replay the conversation shown on the right in the chat tester and save it as a conversation test</source>
        <translation>在聊天测试器中回放右侧的对话，并保存为对话测试</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="83"/>
        <source>Open customer logs (JSON Lines, CSV, Excel) to replay them on the current rules.</source>
        <translation>打开客户日志（JSON Lines、CSV、Excel），用当前的规则回放。</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="98"/>
        <source>Unhandled</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="99"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="101"/>
        <source>Never Fired</source>
        <translation>从未触发</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="103"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="115"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="115"/>
        <source>Turns</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="115"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="124"/>
        <location filename="../traffic_panel.py" line="293"/>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="144"/>
        <source>Turns per intent</source>
        <translation>各意图的轮次</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="145"/>
        <source>Turns per rule</source>
        <translation>各规则的轮次</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="177"/>
        <source>The rules are still being checked: try again in a moment.</source>
        <translation>规则仍在检查中，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="191"/>
        <source>The rules or the knowledge changed since this replay: Replay Again to see what that does to the logs.</source>
        <translation>此次回放之后规则或知识库有了改动：点“重新回放”看看对日志有什么影响。</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="200"/>
        <source>Replaying {files}…</source>
        <translation>正在回放 {files}…</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="207"/>
        <source>{done} of {total} turns</source>
        <translation>{done} / {total} 轮</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="215"/>
        <source>Replay cancelled: the figures below are from the last full replay.</source>
        <translation>回放已取消：下面的数字来自上一次完整的回放。</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="217"/>
        <source>Replay cancelled.</source>
        <translation>回放已取消。</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="223"/>
        <source>The replay failed: {error}</source>
        <translation>回放失败：{error}</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="229"/>
        <source>{turns} turns in {conversations} conversations from {n} log file(s)</source>
        <translation>{n} 个日志文件中的 {conversations} 个对话，共 {turns} 轮</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="233"/>
        <source>(no intent)</source>
        <translation>（无意图）</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="241"/>
        <source>Never Fired ({n})</source>
        <translation>从未触发（{n}）</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="242"/>
        <source>Errors ({n})</source>
        <translation>错误（{n}）</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="263"/>
        <source>turns</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="263"/>
        <source>conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="264"/>
        <source>no intent</source>
        <translation>无意图</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="264"/>
        <source>fallback</source>
        <translation>兜底</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="265"/>
        <source>empty replies</source>
        <translation>空回复</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="276"/>
        <source>Double-click: replay its conversation up to here in the chat tester</source>
        <translation>双击：在聊天测试器中回放它所在的对话直到这里</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="289"/>
        <source>Conversation {id} ({file}), up to the example:</source>
        <translation>对话 {id}（{file}），直到该示例：</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="330"/>
        <source>Export Traffic Report</source>
        <translation>导出流量报告</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="332"/>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="340"/>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="340"/>
        <source>Cannot write {file}: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../traffic_panel.py" line="343"/>
        <source>Report written to {file}</source>
        <translation>报告已写入 {file}</translation>
    </message>
</context>
<context>
    <name>TurnComparison</name>
    <message>
        <location filename="../turn_compare.py" line="39"/>
        <source>Replay in Chat</source>
        <translation>在对话中重放</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="40"/>
        <source>Replay this conversation (current rules) in the chat tester, up to the turn that differs</source>
        <translation>在对话测试器中（用当前规则）重放此对话，直到出现差异的那一轮</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="45"/>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="45"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="64"/>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="64"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="64"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="64"/>
        <source>Chain</source>
        <translation>商品链</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="64"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="68"/>
        <source>Choose a changed conversation to see its turn before and now.</source>
        <translation>选择一个有变化的对话，查看该轮之前与现在的对比。</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="76"/>
        <source>{source}, turn {n}: “{message}”</source>
        <translation>{source}，第 {n} 轮：“{message}”</translation>
    </message>
    <message>
        <location filename="../turn_compare.py" line="77"/>
        <source>(the opening turn)</source>
        <translation>（开场轮）</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../window_menus.py" line="31"/>
        <source>&amp;New Rule File…</source>
        <translation>新建规则文件(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="32"/>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="33"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="34"/>
        <source>Save A&amp;ll</source>
        <translation>全部保存(&amp;L)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="35"/>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="36"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="39"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="40"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="41"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="42"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="43"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="44"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="50"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="51"/>
        <source>R&amp;eplace…</source>
        <translation>替换(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="52"/>
        <source>Toggle &amp;Comment</source>
        <translation>切换注释(&amp;C)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="54"/>
        <source>Go to &amp;Rule…</source>
        <translation>转到规则(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="56"/>
        <source>&amp;Next Problem</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="57"/>
        <source>&amp;Previous Problem</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="59"/>
        <source>&amp;Check Project</source>
        <translation>检查项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="60"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="61"/>
        <source>&amp;About Rule Studio</source>
        <translation>关于 Rule Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="65"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="68"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="77"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="84"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="88"/>
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="92"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="98"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="105"/>
        <source>Run All &amp;Tests</source>
        <translation>运行全部测试(&amp;T)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="106"/>
        <source>Run &amp;Selected Tests</source>
        <translation>运行所选测试(&amp;S)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="107"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="113"/>
        <source>C&amp;hat</source>
        <translation>对话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="125"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>WindowSaving</name>
    <message>
        <location filename="../window_saving.py" line="30"/>
        <source>Could not save {file}: {reason}</source>
        <translation>无法保存 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../window_saving.py" line="32"/>
        <source>Save Failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location filename="../window_saving.py" line="33"/>
        <source>Your changes are kept in the editor and in the recovery area.</source>
        <translation>您的修改仍保留在编辑器和恢复区中。</translation>
    </message>
    <message>
        <location filename="../window_saving.py" line="38"/>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <location filename="../window_saving.py" line="48"/>
        <source>knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../window_saving.py" line="85"/>
        <source>Cannot Restore File</source>
        <translation>无法恢复文件</translation>
    </message>
    <message>
        <location filename="../window_saving.py" line="91"/>
        <source>Restored {n} file(s) with unsaved changes</source>
        <translation>已恢复 {n} 个含未保存修改的文件</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../workspace.py" line="106"/>
        <source>cannot open the file for writing</source>
        <translation>无法打开文件以写入</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="109"/>
        <source>write failed</source>
        <translation>写入失败</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="114"/>
        <source>the file could not be committed (disk full?)</source>
        <translation>文件未能写完（磁盘满了？）</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="406"/>
        <source>{file} is not saved: it cannot be parsed ({problem}); fix it on disk first</source>
        <translation>{file} 未保存：无法解析该文件（{problem}）；请先在磁盘上修正它</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="456"/>
        <location filename="../workspace.py" line="474"/>
        <source>{name} already exists</source>
        <translation>{name} 已存在</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="505"/>
        <source>“{name}” is not a valid file name</source>
        <translation>“{name}”不是有效的文件名</translation>
    </message>
</context>
</TS>
