# Stage-aware keywords, several KEYWORDS lines, the opening turn and SUGGEST_SUBTYPES
INTENT confirmation "用户确认"
    KEYWORDS "好的|可以"
    KEYWORDS "继续|接着" IN_STAGE "cart_added|confirm_order"
    KEYWORDS "没问题"
    EXAMPLES "好的"

INTENT continue_shopping
    KEYWORDS "再逛逛" IN_STAGE "cart_added"

INTENT broken
    KEYWORDS "x" IN_STAGE ""
    IN_STAGE "cart_added"

RULE opening PRIORITY 60
WHEN CONVERSATION_START AND NOT CONTEXT_HAS current_category
THEN
    RESPOND "您好！"
    SUGGEST_SUBTYPES
