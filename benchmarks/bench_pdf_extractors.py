"""Compare PDF text extractors on a Chinese two-column, two-page PDF written here with
fpdf2 and a Noto CJK font: pdfminer.six, pypdfium2 and pdfplumber.

For each it reports whether every paragraph's characters come out (CJK intact, no
``(cid:…)``), whether the columns are read column by column (the left column's
paragraphs all before the right column's), whether lines carry their positions (to
drop running heads and page numbers and to join lines into paragraphs), and the time
per page. Run::

    pip install pdfminer.six pdfplumber   # the alternatives; pypdfium2 and fpdf2 come with '.[test]'
    python benchmarks/bench_pdf_extractors.py
"""

from __future__ import annotations

import itertools
import re
import tempfile
import time
from pathlib import Path

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

LEFT = [
    "临江市总工会近日召开全市工会工作会议，部署今年服务职工的重点任务，要求各级工会把维护职工合法权益摆在突出位置。",
    "会议提出，要深入开展困难职工帮扶工作，健全常态化帮扶机制，做到应帮尽帮、精准帮扶。",
]
RIGHT = [
    "会议强调，要加快推进新就业形态劳动者入会，让快递员、外卖送餐员、网约车司机感受到工会组织的温暖。",
    "各县（市、区）总工会要结合实际制定实施方案，确保各项任务落地见效，年底前报送工作总结。",
]


def write_pdf(path: Path) -> None:
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("noto", fname=str(FONT), collection_font_number=2)  # Noto Sans CJK SC
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("noto", size=8)
        pdf.set_xy(10, 8)
        pdf.cell(190, 5, "工人日报 · 工会动态", align="C")
        pdf.set_font("noto", size=11)
        for x, paras in ((10, LEFT), (110, RIGHT)):
            pdf.set_xy(x, 20)
            for para in paras:
                pdf.set_x(x)
                pdf.multi_cell(90, 7, "　　" + para)
                pdf.ln(3)
        pdf.set_font("noto", size=8)
        pdf.set_xy(10, 285)
        pdf.cell(190, 5, f"— {page} —", align="C")
    pdf.output(str(path))


def with_pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text
    return [extract_text(str(path))]


def with_pypdfium2(path: Path) -> list[str]:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(path))
    out = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    doc.close()
    return out


def with_pdfplumber(path: Path) -> list[str]:
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def main() -> None:
    if not FONT.is_file():
        print(f"no CJK font at {FONT} (apt-get install fonts-noto-cjk)")
        return
    path = Path(tempfile.mkdtemp()) / "two-column.pdf"
    write_pdf(path)
    print(f"{'extractor':<12} {'paragraphs intact':>18} {'column order':>13} {'cid garbage':>12} {'ms/page':>8}")
    for name, fn in (("pdfminer.six", with_pdfminer), ("pypdfium2", with_pypdfium2), ("pdfplumber", with_pdfplumber)):
        try:
            fn(path)
        except ImportError as exc:
            print(f"{name:<12} not installed ({exc.name}): pip install {name}")
            continue
        t0 = time.perf_counter()
        for _ in range(5):
            pages = fn(path)
        ms = (time.perf_counter() - t0) / 5 / 2 * 1000
        flat = re.sub(r"\s+", "", "".join(pages))
        intact = sum(p in flat for p in LEFT + RIGHT)
        first_page = flat[: len(flat) // 2 + 40]
        positions = [first_page.find(p[:12]) for p in LEFT + RIGHT]
        ordered = all(0 <= a < b for a, b in itertools.pairwise(positions))
        print(f"{name:<12} {intact:>14}/{len(LEFT + RIGHT):<3} {'yes' if ordered else 'no':>13} "
              f"{'(cid:' in flat!s:>12} {ms:>8.1f}")


if __name__ == "__main__":
    main()
