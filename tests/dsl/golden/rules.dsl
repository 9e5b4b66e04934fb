RULE list_brands
    PRIORITY 10
WHEN INTENT_IS product_query
    AND CONTEXT_STAGE_IS "brand_select"
    AND USER_MENTION_ANY "有哪些品牌|推荐品牌|品牌有哪些"
THEN
    SUGGEST_BRANDS
    SET_STAGE "brand_select"

RULE precedence PRIORITY -3
WHEN NOT CONTEXT_HAS current_brand AND USER_MENTION_ALL "便宜|好用" OR (USER_MENTIONS brand AND NOT ALWAYS)
THEN
    RESPOND "预算 {budget_range}，{{字面}} \"引号\" \\ 换行\n"
    SET_VAR last_topic "{current_brand}"
    ADD_TO_CHAIN category "手机"
    CAPTURE brand
    RESET_SHOPPING_CONTEXT
    SUGGEST_CATEGORIES
    SUGGEST_SERIES
    SUGGEST_BY_SCENARIO "办公"
    SUGGEST_BY_SCENARIO
    SET_SALES_STAGE 3
    GENERATE "为您推荐 {current_brand}"

RULE fallback WHEN CONTEXT_EQ current_stage "cart" OR CONTEXT_NOT_SET current_category OR SALES_STAGE_IS 2 OR ALWAYS
THEN RESPOND "抱歉，我没听懂。"   # trailing comment
