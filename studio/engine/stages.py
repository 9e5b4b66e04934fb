"""The seven stages of the SalesGPT design, used when no SALES_STAGE is declared.

Kept here rather than imported from `studio.llm` because the engine must
run (and be tested) without the LLM package.
"""
from __future__ import annotations

from studio.engine.llm_port import SalesStage

DEFAULT_SALES_STAGES: tuple[SalesStage, ...] = (
    SalesStage(1, "介绍阶段", "开始对话，介绍自己和公司。保持礼貌和专业的语调。"),
    SalesStage(2, "资格确认", "确认潜在客户是否是合适的人选，确保他们有购买决策权。"),
    SalesStage(3, "价值主张", "简要解释产品/服务如何使潜在客户受益，突出独特卖点。"),
    SalesStage(4, "需求分析", "通过开放式问题了解潜在客户的需求和痛点。"),
    SalesStage(5, "解决方案展示", "基于潜在客户的需求，展示产品/服务作为解决方案。"),
    SalesStage(6, "异议处理", "处理潜在客户对产品/服务的任何异议，提供证据支持。"),
    SalesStage(7, "成交", "通过提议下一步行动来要求销售，如演示、试用或与决策者会面。"),
)
