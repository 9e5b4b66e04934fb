"""Small projects in small git repositories, written on the fly for the behaviour diff's tests."""
from __future__ import annotations

import json
from pathlib import Path

from dulwich import porcelain

KNOWLEDGE = {"categories": {
    "手机": {"description": "智能手机", "icon": "📱", "subtypes": [], "brands": {
        "苹果": {"aliases": ["Apple"], "series": ["iPhone 16"], "scenarios": ["摄影"], "price_range": [4000, 9000]},
        "华为": {"aliases": [], "series": ["Mate 70"], "scenarios": ["商务"], "price_range": [2500, 8000]}}},
}}

RULES = """
INTENT greeting "打招呼"
    KEYWORDS "你好"
INTENT product_query "问商品"
    KEYWORDS "买|手机"

RULE greet
WHEN INTENT_IS greeting AND CONTEXT_STAGE_IS "welcome"
THEN
    RESPOND "您好，想看看手机吗？"
    SET_STAGE "category_select"

RULE pick_category
WHEN CONTEXT_STAGE_IS "category_select" AND USER_MENTIONS category
THEN
    CAPTURE category
    RESPOND "好的，看看哪个品牌？"
    SET_STAGE "brand_select"

RULE pick_brand
WHEN CONTEXT_STAGE_IS "brand_select" AND USER_MENTIONS brand
THEN
    CAPTURE brand
    RESPOND "{current_brand}的手机很受欢迎。"
    SET_STAGE "series_select"

RULE fallback
WHEN ALWAYS
THEN
    RESPOND "抱歉，我没听懂。"
"""

TEST = """name: 买手机
turns:
  - user: 你好
    expect: {rule: greet}
  - user: 我想买手机
    expect: {rule: pick_category}
  - user: 华为的
    expect: {rule: pick_brand}
"""

AUTHOR = b"Test <test@example.com>"


def write_project(root: Path, rules: str = RULES, knowledge: dict | None = None, test: str | None = TEST) -> Path:
    for folder in ("rules", "knowledge", "conversations"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "rules" / "shop.dsl").write_text(rules, encoding="utf-8")
    (root / "knowledge" / "products.json").write_text(
        json.dumps(KNOWLEDGE if knowledge is None else knowledge, ensure_ascii=False), encoding="utf-8")
    if test is not None:
        (root / "conversations" / "buy_phone.yaml").write_text(test, encoding="utf-8")
    return root


def init_repo(root: Path) -> Path:
    porcelain.init(str(root)).close()
    return root


def commit_all(repo_root: Path, message: str = "change") -> str:
    """Commit every file under `repo_root`; the new commit's id."""
    paths = [str(p) for p in repo_root.rglob("*") if p.is_file() and ".git" not in p.relative_to(repo_root).parts]
    porcelain.add(str(repo_root), paths=paths)
    return porcelain.commit(str(repo_root), message=message.encode(), author=AUTHOR, committer=AUTHOR).decode()


def project_in_repo(tmp_path: Path, sub: str = "") -> Path:
    """A committed project at the root of a new repository, or in its sub-folder `sub`."""
    repo = init_repo(tmp_path / "repo")
    project = write_project(repo / sub if sub else repo)
    (repo / "README.md").write_text("not part of the project\n", encoding="utf-8")
    commit_all(repo, "first")
    return project


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
