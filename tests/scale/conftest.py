"""Shared fixtures for the scale tests: small real corpora in temporary folders."""

import shutil
from pathlib import Path

import pytest
from shared_corpus import require_shared

from kg.resources import seed_corpus

ARTICLES = {
    "a.md": "# 江苏省总工会开展职工技能培训\n\n**张伟**\n\n江苏省总工会面向农民工开展职业技能培训。培训覆盖建筑、家政等行业。\n",
    "b.md": "# 四川省总工会启动帮扶行动\n\n**李红**\n\n四川省总工会针对困难职工开展帮扶。\n",
    "c.md": "# 工会开展送温暖活动\n\n各级工会面向困难职工开展送温暖活动。\n",
}


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    """No test writes into the real ~/.cache: the default location points into tmp."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "default-cache"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three one-article files."""
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory) -> Path:
    """The seed magazine issue, the three short articles and eight real statutes."""
    root = tmp_path_factory.mktemp("mixed")
    shutil.copy(seed_corpus(), root / "seed.md")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    folder = require_shared("corpus", "laws", "社会法")
    laws = sorted((p for p in folder.glob("*.md") if not p.name.startswith("_")),
                  key=lambda p: p.stat().st_size)
    assert len(laws) >= 8, f"{folder} holds too few statutes"
    for p in laws[:8]:
        shutil.copy(p, root / p.name)
    return root
