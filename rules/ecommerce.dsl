# 优质数码 · 导购助手规则 (sample project of Rule Studio)
#
# 对话流程 / dialogue flow (current_stage):
#   welcome → category_select → [subtype_select] → brand_select → series_select
#           → confirm_order → cart_added → (继续选购 | 结算 checkout)
# 任何时候说"重新开始"都会清空当前选择（预算、场景、偏好保留）。
# Brand and series lists always come from the knowledge (SUGGEST_*), never from RESPOND text.

# ------------------------------------------------------------------ 意图 intents

# 先声明的意图在关键词命中数相同时优先："买单"是下单，"可以便宜点吗"是异议。
# Ties go to the intent declared first, so the specific intents come first.

INTENT greeting "用户打招呼"
    KEYWORDS "你好|您好|hello|在吗|嗨"
    EXAMPLES "你好" "在吗"

INTENT restart "用户想从头再来"
    KEYWORDS "重新开始|重来|从头|换个品类"
    EXAMPLES "重新开始" "我们从头来"

INTENT objection "用户对价格或产品有顾虑"
    KEYWORDS "太贵|贵了|便宜点|打折|优惠|不划算|再考虑"
    EXAMPLES "太贵了" "能便宜点吗"

INTENT cart_operation "用户操作购物车、下单结算"
    KEYWORDS "购物车|下单|加入|结算|付款|买单"
    EXAMPLES "加入购物车" "去结算"

# 加入购物车之后，"继续"是继续选购，而不是确认：IN_STAGE 的关键词只在这些阶段计数，且优先于普通关键词。
# After adding to the cart, "继续" means "continue shopping": in-stage keywords count only there, and win.
INTENT continue_shopping "用户加入购物车后想继续选购"
    KEYWORDS "继续|接着|再逛逛|还要买" IN_STAGE "cart_added"
    EXAMPLES "继续" "接着逛逛"

INTENT thanks "用户道谢或告别"
    KEYWORDS "谢谢|感谢|再见|拜拜"
    EXAMPLES "谢谢" "再见"

INTENT product_query "用户询问、挑选商品"
    KEYWORDS "买|想要|推荐|看看|有什么|有哪些|手机|电脑|笔记本|台式|平板|手表|耳机|电视|音箱|游戏机|品牌|系列|型号"
    EXAMPLES "我想买个手机" "有什么笔记本推荐" "有哪些品牌"

INTENT budget_talk "用户谈预算、价格"
    KEYWORDS "预算|价位|价格|多少钱|左右|以内|以下|块钱"
    EXAMPLES "预算4000左右" "五千以内的有吗"

INTENT scenario_talk "用户说明使用场景"
    KEYWORDS "办公|游戏|摄影|拍照|学习|商务|影音|运动|设计|主要用|用来"
    EXAMPLES "主要用来办公" "打游戏用的"

INTENT confirmation "用户确认、同意或要求继续"
    KEYWORDS "好的|是的|可以|就这个|就要|确定|没问题|要了|继续"
    EXAMPLES "好的" "就这个吧"

# ------------------------------------------------------------------ 人设 persona (GENERATE)

PERSONA
    salesperson_name "李销售"
    salesperson_role "导购顾问"
    company_name "优质数码"
    company_business "优质数码销售手机、电脑、智能设备和影音娱乐产品。"
    company_values "帮助每位顾客找到最适合自己的设备。"
    conversation_purpose "了解顾客需求并推荐合适的产品。"
    conversation_type "在线聊天"
END

# ------------------------------------------------------------------ 销售阶段 sales stages (SalesGPT)

SALES_STAGE 1 "介绍阶段" "开始对话，介绍自己和公司。保持礼貌和专业的语调。"
SALES_STAGE 2 "资格确认" "确认潜在客户是否是合适的人选，确保他们有购买决策权。"
SALES_STAGE 3 "价值主张" "简要解释产品/服务如何使潜在客户受益，突出独特卖点。"
SALES_STAGE 4 "需求分析" "通过开放式问题了解潜在客户的需求和痛点。"
SALES_STAGE 5 "解决方案展示" "基于潜在客户的需求，展示产品/服务作为解决方案。"
SALES_STAGE 6 "异议处理" "处理潜在客户对产品/服务的任何异议，提供证据支持。"
SALES_STAGE 7 "成交" "通过提议下一步行动来要求销售，如演示、试用或与决策者会面。"

# ------------------------------------------------------------------ 随时可用 anytime (highest priority)

# 重新开始：清空选择，但记住预算、场景和偏好
RULE restart_shopping
    PRIORITY 100
WHEN INTENT_IS restart
THEN
    RESET_SHOPPING_CONTEXT
    RESPOND "好的，我们重新开始。"
    SUGGEST_CATEGORIES
    SET_STAGE "category_select"
    SET_SALES_STAGE 1

# 嫌贵：已选品牌时，交给大模型处理异议（离线时用模板）
RULE objection_with_brand
    PRIORITY 90
WHEN INTENT_IS objection AND CONTEXT_HAS current_brand
THEN
    SET_SALES_STAGE 6
    GENERATE "理解您的顾虑。{current_brand}也有更实惠的系列，我帮您对比一下？"
    SUGGEST_SERIES
    SET_STAGE "series_select"

RULE objection_general
    PRIORITY 89
WHEN INTENT_IS objection
THEN
    SET_SALES_STAGE 6
    GENERATE "理解您的顾虑，我们一定帮您找到性价比更高的选择。"

RULE say_thanks
    PRIORITY 80
WHEN INTENT_IS thanks
THEN
    RESPOND "不客气，祝您购物愉快！随时欢迎再来。"
    SET_STAGE "welcome"

# ------------------------------------------------------------------ 欢迎 welcome

# 开场白：顾客开口之前，助手先打招呼（CONVERSATION_START 只在这一轮成立）。
# The opening turn: the assistant speaks before the customer's first message.
RULE opening_greeting
    PRIORITY 60
WHEN CONVERSATION_START
THEN
    RESPOND "您好！我是优质数码的导购李销售，想看看手机、电脑还是智能设备？"

# 开场白已经介绍过自己，这里只回应问候、给出品类。
RULE greet_new_customer
    PRIORITY 50
WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome"
THEN
    RESPOND "您好！请问今天想看哪一类商品？"
    SUGGEST_CATEGORIES
    SET_STAGE "category_select"
    SET_SALES_STAGE 1

# 中途打招呼：提醒当前进度
RULE greet_in_progress
    PRIORITY 49
WHEN INTENT_IS greeting AND CONTEXT_HAS product_chain
THEN
    RESPOND "您好！我们正在看：{product_chain}，继续吗？"

# ------------------------------------------------------------------ 品类 category / subtype

# "轻薄本 / 游戏本" 就是笔记本电脑
RULE laptop_by_nickname
    PRIORITY 42
WHEN USER_MENTION_ANY "轻薄本|游戏本|笔记本电脑"
THEN
    ADD_TO_CHAIN category "电脑"
    ADD_TO_CHAIN subtype "笔记本"
    RESPOND "好的，为您挑选笔记本电脑。"
    SUGGEST_BRANDS
    SET_STAGE "brand_select"
    SET_SALES_STAGE 4

# 同时说了品类和品牌："我想买苹果手机"
RULE category_and_brand_at_once
    PRIORITY 41
WHEN INTENT_IS product_query AND USER_MENTIONS category AND USER_MENTIONS brand
THEN
    CAPTURE category
    CAPTURE brand
    RESPOND "好的，{current_brand}的{current_category}。"
    SUGGEST_SERIES
    SET_STAGE "series_select"
    SET_SALES_STAGE 5

# 直接说子类："想买个笔记本"（子类只属于一个品类时，品类一并确定）
RULE choose_subtype
    PRIORITY 40
WHEN (INTENT_IS product_query OR CONTEXT_STAGE_IS "subtype_select") AND USER_MENTIONS subtype
THEN
    CAPTURE subtype
    RESPOND "好的，为您挑选{current_subtype}。"
    SUGGEST_BRANDS
    SET_STAGE "brand_select"
    SET_SALES_STAGE 4

# 电脑要先分笔记本 / 台式机：类型列表来自知识库（SUGGEST_SUBTYPES）
RULE choose_computer
    PRIORITY 31
WHEN USER_MENTION_ANY "电脑|计算机" AND NOT USER_MENTIONS subtype
THEN
    ADD_TO_CHAIN category "电脑"
    RESPOND "好的，为您挑选电脑。"
    SUGGEST_SUBTYPES
    SET_STAGE "subtype_select"

RULE choose_category
    PRIORITY 30
WHEN (INTENT_IS product_query OR CONTEXT_STAGE_IS "category_select") AND USER_MENTIONS category
THEN
    CAPTURE category
    RESPOND "好的，为您挑选{current_category}。"
    SUGGEST_BRANDS
    SET_STAGE "brand_select"
    SET_SALES_STAGE 4

RULE subtype_not_understood
    PRIORITY 29
WHEN CONTEXT_STAGE_IS "subtype_select" AND CONTEXT_EQ current_category "电脑"
THEN
    RESPOND "请问您想要笔记本还是台式机呢？"

# 预算和品牌一起说（"预算6000左右，看看华为"）：直接列出这个品牌预算内的系列，带价格
RULE budget_and_brand
    PRIORITY 29
WHEN INTENT_IS budget_talk AND USER_MENTIONS brand AND CONTEXT_HAS budget_range AND CONTEXT_NOT_SET current_brand
THEN
    CAPTURE brand
    RESPOND "明白，预算{budget_range}，看看{current_brand}："
    SUGGEST_SERIES
    SET_STAGE "series_select"

# 先说了品牌、还没选品类：品牌可能在好几个品类里，先问品类
RULE brand_before_category
    PRIORITY 28
WHEN CONTEXT_NOT_SET current_category AND USER_MENTIONS brand
THEN
    RESPOND "好的！请先告诉我您想看哪类产品："
    SUGGEST_CATEGORIES
    SET_STAGE "category_select"

# ------------------------------------------------------------------ 预算与场景 budget / scenario

# 学生党：记成"学习"场景
RULE student_customer
    PRIORITY 27
WHEN USER_MENTION_ANY "学生|上学|上课|网课"
THEN
    SET_VAR customer_type "学生"
    SET_VAR usage_scenario "学习"
    RESPOND "了解，{customer_type}用的话，这些比较合适："
    SUGGEST_BY_SCENARIO "学习"

RULE value_for_money
    PRIORITY 26
WHEN USER_MENTION_ALL "性价比|高" AND CONTEXT_HAS current_category
THEN
    RESPOND "明白，您看重性价比，这些{current_category}品牌值得看看："
    SUGGEST_BRANDS

RULE budget_without_amount
    PRIORITY 25
WHEN INTENT_IS budget_talk AND CONTEXT_NOT_SET budget_range
THEN
    RESPOND "请问您的预算大概是多少？比如“4000左右”或“五千以内”。"

RULE budget_before_category
    PRIORITY 24
WHEN INTENT_IS budget_talk AND CONTEXT_NOT_SET current_category
THEN
    RESPOND "记下了，预算{budget_range}。您想看哪类产品？"
    SUGGEST_CATEGORIES
    SET_STAGE "category_select"

RULE budget_with_category
    PRIORITY 23
WHEN INTENT_IS budget_talk AND CONTEXT_HAS current_category
THEN
    RESPOND "明白，预算{budget_range}，按这个价位为您推荐："
    SUGGEST_BRANDS
    SET_STAGE "brand_select"

RULE scenario_before_category
    PRIORITY 22
WHEN INTENT_IS scenario_talk AND CONTEXT_NOT_SET current_category AND CONTEXT_HAS usage_scenario
THEN
    SUGGEST_BY_SCENARIO
    RESPOND "您更想看哪类产品？"
    SET_STAGE "category_select"

RULE scenario_with_category
    PRIORITY 21
WHEN INTENT_IS scenario_talk AND CONTEXT_HAS current_category
THEN
    SUGGEST_BY_SCENARIO
    RESPOND "您可以直接告诉我喜欢的品牌。"
    SET_STAGE "brand_select"

# ------------------------------------------------------------------ 系列 series (before brands: "iPhone 16" also names a brand alias)

RULE choose_series
    PRIORITY 20
WHEN CONTEXT_STAGE_IS "series_select" AND USER_MENTIONS series
THEN
    CAPTURE series
    RESPOND "{current_series} 是很受欢迎的选择！要加入购物车吗？"
    SET_STAGE "confirm_order"
    SET_SALES_STAGE 7

RULE list_series
    PRIORITY 19
WHEN CONTEXT_STAGE_IS "series_select" AND USER_MENTION_ANY "有哪些系列|推荐型号|什么型号|有什么系列|哪款"
THEN
    SUGGEST_SERIES

# ------------------------------------------------------------------ 品牌 brand

RULE list_brands
    PRIORITY 18
WHEN INTENT_IS product_query
    AND CONTEXT_STAGE_IS "brand_select"
    AND USER_MENTION_ANY "有哪些品牌|推荐品牌|品牌有哪些|什么品牌"
THEN
    SUGGEST_BRANDS

# 选品牌；在选系列时换品牌也走这里
RULE choose_brand
    PRIORITY 17
WHEN (CONTEXT_STAGE_IS "brand_select" OR CONTEXT_STAGE_IS "series_select") AND USER_MENTIONS brand
THEN
    CAPTURE brand
    SUGGEST_SERIES
    SET_STAGE "series_select"
    SET_SALES_STAGE 5

# 需求分析阶段还不知道用途：问一问（有大模型时由它来问）
RULE ask_for_needs
    PRIORITY 16
WHEN SALES_STAGE_IS 4 AND CONTEXT_STAGE_IS "brand_select" AND CONTEXT_NOT_SET usage_scenario
THEN
    GENERATE "为了推荐更合适的{current_category}，请问您主要用来做什么？比如办公、游戏或摄影。"

# ------------------------------------------------------------------ 下单 order / cart

RULE add_to_cart
    PRIORITY 15
WHEN CONTEXT_STAGE_IS "confirm_order" AND (INTENT_IS confirmation OR INTENT_IS cart_operation)
THEN
    SET_VAR cart "{product_chain}"
    RESPOND "已将 {current_brand} {current_series} 加入购物车 🛒"
    RESPOND "还需要看看别的吗？也可以直接说“结算”。"
    SET_STAGE "cart_added"
    SET_SALES_STAGE 7

RULE not_now
    PRIORITY 14
WHEN CONTEXT_STAGE_IS "confirm_order" AND USER_MENTION_ANY "不要|不用|再看看|算了"
THEN
    RESPOND "没关系，再看看其他系列："
    SUGGEST_SERIES
    SET_STAGE "series_select"

RULE checkout
    PRIORITY 13
WHEN CONTEXT_STAGE_IS "cart_added" AND INTENT_IS cart_operation
THEN
    RESPOND "好的，正在为您结算：{cart}。感谢惠顾！"
    SET_STAGE "checkout"

RULE continue_shopping
    PRIORITY 12
WHEN CONTEXT_STAGE_IS "cart_added"
    AND (INTENT_IS continue_shopping OR INTENT_IS confirmation OR INTENT_IS product_query)
THEN
    RESET_SHOPPING_CONTEXT
    RESPOND "好的，继续为您选购。"
    SUGGEST_CATEGORIES
    SET_STAGE "category_select"

RULE done_shopping
    PRIORITY 11
WHEN CONTEXT_STAGE_IS "cart_added" AND USER_MENTION_ANY "不用了|没有了|不需要|就这些"
THEN
    RESPOND "好的，购物车里有：{cart}。需要结算时告诉我就行。"

# ------------------------------------------------------------------ 兜底 fallback

RULE ask_for_category
    PRIORITY 1
WHEN CONTEXT_STAGE_IS "category_select" OR CONTEXT_STAGE_IS "welcome"
THEN
    RESPOND "您想看哪类产品呢？"
    SUGGEST_CATEGORIES

RULE fallback
    PRIORITY -100
WHEN ALWAYS
THEN
    GENERATE "抱歉，我没太明白。您可以告诉我想买的品类、品牌或预算。"
