# Declarations of every kind, Chinese text and escapes
INTENT product_query "用户询问、挑选商品"
    KEYWORDS "买|想要|推荐|看看|手机|电脑"
    EXAMPLES "我想买个手机" "有什么笔记本推荐"

INTENT confirmation
    KEYWORDS "好的|是|可以|继续|行|ok"

PERSONA
    salesperson_name "李销售"
    salesperson_role "业务发展代表"
    company_name "优质数码"
    company_business "优质数码销售手机、电脑和智能设备。"
    company_values "帮助每位顾客找到最适合自己的设备。"
    conversation_purpose "了解顾客需求并推荐合适的产品。"
    conversation_type "在线聊天"
END

SALES_STAGE 1 "介绍阶段" "开始对话，介绍自己和公司。"
SALES_STAGE 2 "需求分析"
