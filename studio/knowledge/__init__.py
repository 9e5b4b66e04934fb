"""Product knowledge: the model and its queries, mention lookup, validation, load/save of JSON/YAML."""
from studio.knowledge.mentions import SLOTS, Mention
from studio.knowledge.model import Brand, Category, Knowledge, SearchHit, Series
from studio.knowledge.store import (KnowledgeDocument, KnowledgeSaveError, load_knowledge, new_document,
                                    read_snapshot, save_knowledge, snapshot_text)
from studio.knowledge.validation import name_problem, price_range_problem, validate

__all__ = [
    "SLOTS", "Brand", "Category", "Knowledge", "KnowledgeDocument", "KnowledgeSaveError", "Mention",
    "SearchHit", "Series", "load_knowledge", "name_problem", "new_document", "price_range_problem", "read_snapshot",
    "save_knowledge", "snapshot_text", "validate",
]
