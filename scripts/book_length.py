"""The book's length, measured on the built PDF: pages and words (pdfinfo, pdftotext), against the
limits of issue 29 (at most 115 pages and 42,000 words, appendices included; tests/test_weight_pdf.py).

    .venv/bin/python scripts/book_length.py       # prints one line; make bench reports it too
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PDF = Path(__file__).resolve().parents[1] / "_build" / "latex" / "book.pdf"
GOAL_PAGES, GOAL_WORDS = 115, 42_000


def pages_and_words(pdf: Path = PDF) -> tuple[int, int]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # a word has a letter, a digit or a Chinese character: the contents' dot leaders (". . . .") and
    # the bullets are not words (they were 3,700 of pdftotext's 44,000 tokens)
    return pages, sum(1 for token in text.split() if re.search(r"\w", token))


def summary(pdf: Path = PDF) -> str:
    pages, words = pages_and_words(pdf)
    return (f"PDF length: {pages} pages (goal ≤ {GOAL_PAGES}), {words:,} words (goal ≤ {GOAL_WORDS:,}; "
            "pdftotext words with a letter, digit or Chinese character; Chinese runs count as one)")


if __name__ == "__main__":
    print(summary())
    sys.exit(0)
