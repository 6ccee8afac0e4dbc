"""Compare HTML main-text extractors on saved pages: trafilatura, readability-lxml, jusText.

For each page of ``tests/data/formats/*.html`` it counts the body sentences each
extractor keeps (``KEEP``), the clutter strings it lets through (``CLUTTER``:
navigation, related links, comments, share buttons, footer), whether it finds the
title without the site name and the date, and the time per page. Run::

    pip install readability-lxml   # the alternatives; jusText comes with trafilatura
    python benchmarks/bench_html_extractors.py
"""

from __future__ import annotations

import re
import time
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "tests" / "data" / "formats"

KEEP = {
    "news.html": ["本报讯（记者 李明 通讯员 王芳）", "全年计划培训职工2万人次", "培训补贴直达职工",
                  "每人500元的生活补助", "让更多职工在岗位上成长成才", "吸引了近千名职工前来咨询",
                  "不少外卖骑手在现场报名"],
    "union.html": ["各市总工会，省产业工会", "现将有关事项通知如下", "一、资助对象", "二、资助标准",
                   "三、工作要求", "江东省总工会", "2026年8月15日"],
}
CLUTTER = {
    "news.html": ["首页", "相关新闻", "送温暖", "网友", "查看全部评论", "热门排行", "版权所有", "分享到",
                  "增值电信", "天气"],
    "union.html": ["工会概况", "请输入关键词", "您现在的位置", "打印", "友情链接", "ICP备", "浏览次数"],
}
TITLES = {"news.html": "临江市总工会启动“职工技能提升行动”", "union.html": "关于开展2026年“金秋助学”活动的通知"}
DATES = {"news.html": "2026-03-12", "union.html": "2026-08-15"}


def with_trafilatura(html: str) -> tuple[str, str | None, str | None]:
    import trafilatura
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      favor_precision=True)
    return (doc.text or "", doc.title, doc.date) if doc else ("", None, None)


def with_readability(html: str) -> tuple[str, str | None, str | None]:
    import lxml.html
    from readability import Document
    d = Document(html)
    text = lxml.html.fromstring(d.summary()).text_content()
    return text, d.short_title(), None


def with_justext(html: str) -> tuple[str, str | None, str | None]:
    import justext
    paras = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"), length_low=10,
                            length_high=30, stopwords_low=0.0, stopwords_high=0.0)
    return "\n".join(p.text for p in paras if not p.is_boilerplate), None, None


def main() -> None:
    extractors = {"trafilatura": with_trafilatura, "readability-lxml": with_readability, "jusText": with_justext}
    print(f"{'page':<11} {'extractor':<17} {'kept':>6} {'clutter':>8}  {'title':<6} {'date':<6} {'ms/page':>8}")
    for page in sorted(PAGES.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        for name, fn in extractors.items():
            try:
                fn(html)  # warm up imports
            except ImportError as exc:
                print(f"{page.name:<11} {name:<17} not installed ({exc.name}): pip install {name}")
                continue
            t0 = time.perf_counter()
            for _ in range(5):
                text, title, date = fn(html)
            ms = (time.perf_counter() - t0) / 5 * 1000
            flat = re.sub(r"\s+", " ", text)
            kept = sum(s in flat for s in KEEP[page.name])
            clutter = [s for s in CLUTTER[page.name] if s in flat]
            title_ok = "yes" if title == TITLES[page.name] else "no"
            date_ok = "yes" if date == DATES[page.name] else "no"
            print(f"{page.name:<11} {name:<17} {kept:>2}/{len(KEEP[page.name]):<3} {len(clutter):>3}/{len(CLUTTER[page.name]):<4}"
                  f"  {title_ok:<6} {date_ok:<6} {ms:>8.1f}  {' '.join(clutter)}")


if __name__ == "__main__":
    main()
