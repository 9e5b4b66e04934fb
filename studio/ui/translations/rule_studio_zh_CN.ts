<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EditorTabs</name>
    <message>
        <location filename="../editor_tabs.py" line="151"/>
        <source>Cannot Open File</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../editor_tabs.py" line="152"/>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="93"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>The knowledge editor is not available yet: {file}</source>
        <translation>知识库编辑器尚不可用：{file}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="198"/>
        <source>The test panel is not available yet: {file}</source>
        <translation>测试面板尚不可用：{file}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219"/>
        <source>&amp;New Rule File…</source>
        <translation>新建规则文件(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="220"/>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="222"/>
        <source>Save A&amp;ll</source>
        <translation>全部保存(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="223"/>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="230"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="231"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="232"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="238"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="239"/>
        <source>R&amp;eplace…</source>
        <translation>替换(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240"/>
        <source>Toggle &amp;Comment</source>
        <translation>切换注释(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="242"/>
        <source>Go to &amp;Rule…</source>
        <translation>转到规则(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="244"/>
        <source>&amp;Next Problem</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="245"/>
        <source>&amp;Previous Problem</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247"/>
        <source>&amp;Check Project</source>
        <translation>检查项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="248"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="249"/>
        <source>&amp;About Rule Studio</source>
        <translation>关于 Rule Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="253"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="256"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="265"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276"/>
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="285"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="353"/>
        <source>Open Project Folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="363"/>
        <source>Cannot Open Project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="388"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="451"/>
        <source>Could not save {file}: {reason}</source>
        <translation>无法保存 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="453"/>
        <source>Save Failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="454"/>
        <source>Your changes are kept in the editor and in the recovery area.</source>
        <translation>您的修改仍保留在编辑器和恢复区中。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="459"/>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="469"/>
        <source>knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="501"/>
        <source>Cannot Restore File</source>
        <translation>无法恢复文件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="507"/>
        <source>Restored {n} file(s) with unsaved changes</source>
        <translation>已恢复 {n} 个含未保存修改的文件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="515"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="523"/>
        <source>{e} errors, {w} warnings, {i} infos</source>
        <translation>{e} 个错误，{w} 个警告，{i} 条提示</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="529"/>
        <source>Checker failed</source>
        <translation>检查器出错</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="530"/>
        <source>The checker failed: {error}</source>
        <translation>检查器出错：{error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="548"/>
        <source>Ln {line}, Col {column}</source>
        <translation>行 {line}，列 {column}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="555"/>
        <source>Reloaded {file}</source>
        <translation>已重新加载 {file}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="590"/>
        <source>About Rule Studio</source>
        <translation>关于 Rule Studio</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="591"/>
        <source>Rule Studio — write, check and test the rules of a sales assistant.</source>
        <translation>Rule Studio —— 编写、检查和测试销售助手的对话规则。</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../outline_panel.py" line="24"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="53"/>
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="56"/>
        <source>persona</source>
        <translation>人设</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="59"/>
        <source>sales stage</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="61"/>
        <source>priority {n}</source>
        <translation>优先级 {n}</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="68"/>
        <source>line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="73"/>
        <source>(incomplete)</source>
        <translation>（不完整）</translation>
    </message>
    <message>
        <location filename="../outline_panel.py" line="78"/>
        <source>A syntax error cuts this rule short; it never runs.</source>
        <translation>语法错误使这条规则不完整；它不会被执行。</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../problems_panel.py" line="75"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="75"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="76"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="92"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="92"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="92"/>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="92"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="93"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="93"/>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="130"/>
        <source>Did you mean “{suggestion}”?</source>
        <translation>您是不是要找“{suggestion}”？</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="139"/>
        <source>Fix: {replacement}</source>
        <translation>修复：{replacement}</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../problems_panel.py" line="195"/>
        <source>Filter by file, code or text</source>
        <translation>按文件、代码或文字筛选</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="200"/>
        <location filename="../problems_panel.py" line="229"/>
        <source>Apply Fix</source>
        <translation>应用修复</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="297"/>
        <source>Go to Problem</source>
        <translation>转到问题</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="300"/>
        <source>Fix: replace with “{replacement}”</source>
        <translation>修复：替换为“{replacement}”</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="303"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="314"/>
        <source>Errors: {n}</source>
        <translation>错误：{n}</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="314"/>
        <source>Warnings: {n}</source>
        <translation>警告：{n}</translation>
    </message>
    <message>
        <location filename="../problems_panel.py" line="315"/>
        <source>Infos: {n}</source>
        <translation>提示：{n}</translation>
    </message>
</context>
<context>
    <name>ProjectPanel</name>
    <message>
        <location filename="../project_panel.py" line="45"/>
        <source>New Rule File…</source>
        <translation>新建规则文件…</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="47"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="52"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="84"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="85"/>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="86"/>
        <source>Conversation Tests</source>
        <translation>对话测试</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="145"/>
        <source>New Rule File</source>
        <translation>新建规则文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="146"/>
        <source>File name (in rules/, “.dsl” is added):</source>
        <translation>文件名（位于 rules/，自动添加“.dsl”）：</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="152"/>
        <source>Cannot Create File</source>
        <translation>无法创建文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="164"/>
        <source>Rename Rule File</source>
        <translation>重命名规则文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="164"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="170"/>
        <source>Cannot Rename File</source>
        <translation>无法重命名文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="180"/>
        <source>Delete Rule File</source>
        <translation>删除规则文件</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="181"/>
        <source>Delete {file}? This cannot be undone.</source>
        <translation>删除 {file}？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../project_panel.py" line="186"/>
        <source>Cannot Delete File</source>
        <translation>无法删除文件</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../prompts.py" line="48"/>
        <source>File Changed on Disk</source>
        <translation>文件已在磁盘上更改</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="49"/>
        <source>{file} was changed by another program, and you have unsaved changes in it.</source>
        <translation>{file} 已被其他程序修改，而您在其中还有未保存的修改。</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="51"/>
        <source>Reload it from disk and lose your changes, or keep your version?</source>
        <translation>从磁盘重新加载并放弃您的修改，还是保留您的版本？</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="52"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="53"/>
        <source>Keep Mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="71"/>
        <source>Do you want to save the changes to {file}?</source>
        <translation>是否保存对 {file} 的修改？</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="73"/>
        <source>Do you want to save the changes to {n} files?</source>
        <translation>是否保存对 {n} 个文件的修改？</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="74"/>
        <source>Unsaved Changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../prompts.py" line="78"/>
        <source>Your changes will be lost if you don’t save them.</source>
        <translation>如果不保存，您的修改将会丢失。</translation>
    </message>
</context>
<context>
    <name>QuickOpen</name>
    <message>
        <location filename="../quick_open.py" line="36"/>
        <source>Go to rule…</source>
        <translation>转到规则…</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../recovery.py" line="135"/>
        <source>Recover Unsaved Changes</source>
        <translation>恢复未保存的修改</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="137"/>
        <source>Rule Studio did not close normally. These files had unsaved changes; restore them into the editor?</source>
        <translation>Rule Studio 上次未正常关闭。以下文件有未保存的修改，是否恢复到编辑器中？</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="143"/>
        <source>{file} (autosaved {time})</source>
        <translation>{file}（自动保存于 {time}）</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="148"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="149"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../workspace.py" line="338"/>
        <source>{file} is not saved: it cannot be parsed ({problem}); fix it on disk first</source>
        <translation>{file} 未保存：无法解析该文件（{problem}）；请先在磁盘上修正它</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="384"/>
        <location filename="../workspace.py" line="400"/>
        <source>{name} already exists</source>
        <translation>{name} 已存在</translation>
    </message>
    <message>
        <location filename="../workspace.py" line="431"/>
        <source>“{name}” is not a valid file name</source>
        <translation>“{name}”不是有效的文件名</translation>
    </message>
</context>
</TS>
