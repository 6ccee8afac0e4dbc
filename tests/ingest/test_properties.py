"""Invariants of split_articles on arbitrary messy Markdown (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import split_articles
from kg.model import Document

PIECES = st.sampled_from([
    "# 标题", "## 小节", "### 三级", "**张三**", "**郭晶显刚艾辉唐红**", "**艾辉 唐红** 观点",
    "SANGONGLUNTAN", "(作者为主席)", "（作者系教授）", "职工群众,是主体。", "工会要坚", "持导向。",
    "他说:“好!”", "改革,", "- 列表", "<b>粗</b>", "文/李四", "", "   ", "\u3000正文。", "企事",
    "业单位。", "*", "**", "#", "> 引用", "1992年4月3日 通过", "（一）其他；",
])
DOCS = st.lists(PIECES, max_size=30).map(lambda xs: "\n\n".join(xs))


@settings(max_examples=300, deadline=None)
@given(DOCS, st.sampled_from(["\n", "\n\n"]))
def test_offsets_and_sentences_hold_for_any_layout(text, sep):
    doc = Document("x.md", "x.md", text.replace("\n\n", sep), "utf-8")
    found = split_articles(doc)
    assert found == split_articles(doc)  # deterministic
    for a in found:
        assert a.title and a.span(a.paragraphs[0]) == a.title
        assert a.text == "\n".join(a.span(p) for p in a.paragraphs)
        assert all("\n" not in a.span(p) for p in a.paragraphs)
        covered = set()
        for s in a.sentences:
            p = a.paragraphs[s.paragraph]
            assert p.start <= s.start < s.end <= p.end
            covered.update(range(s.start, s.end))
        assert {i for i, c in enumerate(a.text) if not c.isspace()} <= covered
        for b in a.authors:
            assert a.span(b) == b.name
        assert len({b.name for b in a.authors}) == len(a.authors)
        if a.note is not None:
            assert a.note in a.paragraphs and a.note.kind == "note"
        assert a.id.replace("-", "").isalnum() and a.id.isascii()
