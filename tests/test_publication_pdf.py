"""Chinese quotation marks in the PDF (issue 30, item 1): full width inside Chinese text, as in the
source, while the English prose keeps its narrow curly quotes (book/_latex/tpchinese.sty,
sphinxext/chinese.py). Measured on the PDF's words (pdftotext -bbox): a word of Chinese characters and
quotation marks is as wide as its characters count in ems."""
from __future__ import annotations

import re
import statistics
import subprocess

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
QUOTES = "“”‘’"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(pdf) -> list[tuple[float, float, str]]:
    """(width, height, text) of every word of the PDF."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(x1) - float(x0), float(y1) - float(y0), text) for x0, y0, x1, y1, text in WORD.findall(html)]


def em_ratio(width: float, height: float, text: str) -> float:
    return width / len(text) / height


def test_quotation_marks_inside_chinese_are_full_width(built_pdf):
    all_words = words(built_pdf)
    han_only = [em_ratio(*w) for w in all_words if re.fullmatch(f"[{HAN}]{{4,}}", w[2])]
    full = statistics.median(han_only)
    quoted = [w for w in all_words if re.fullmatch(f"[{HAN}{QUOTES}]+", w[2])
              and re.search(f"[{QUOTES}]", w[2]) and len(re.findall(f"[{HAN}]", w[2])) >= 2]
    assert len(quoted) >= 20, f"only {len(quoted)} words of Chinese with quotation marks: the marks stand apart"
    narrow = [w[2] for w in quoted if em_ratio(*w) < 0.97 * full]
    assert not narrow, f"{len(narrow)} of {len(quoted)} Chinese words with narrow quotation marks: {narrow[:5]}"


def test_english_quotation_marks_stay_narrow(built_pdf):
    english = [w for w in words(built_pdf) if re.fullmatch(r"“[A-Za-z]+”?[,.]?", w[2]) and len(w[2]) >= 4]
    assert english
    han_width = statistics.median(em_ratio(*w) for w in words(built_pdf) if re.fullmatch(f"[{HAN}]{{4,}}", w[2]))
    assert statistics.median(em_ratio(*w) for w in english) < 0.8 * han_width
