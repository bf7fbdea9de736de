"""Fail the build if the PDF lost Chinese glyphs or is not the book it should be."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

LOG = Path("_build/latex/book.log")
PDF = Path("_build/latex/book.pdf")


def main() -> int:
    problems = []
    if not PDF.exists():
        print(f"check_pdf: {PDF} was not written", file=sys.stderr)
        return 1
    log = LOG.read_text(encoding="utf-8", errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", log)))
    if missing:
        problems.append(f"{LOG} reports missing characters (they vanish from the PDF): {' '.join(missing[:30])}")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout
    names = pd.read_csv("data/programs.csv")["name_zh"]
    pdf_text = re.sub(r"\s+", "", text)
    absent = [n for n in names if n not in pdf_text]
    if absent:
        problems.append(f"{PDF} lacks Chinese program names: {', '.join(absent)}")
    pages = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    if problems:
        print("check_pdf FAILED:\n  - " + "\n  - ".join(problems), file=sys.stderr)
        return 1
    count = re.search(r"Pages:\s+(\d+)", pages).group(1)
    print(f"check_pdf: {PDF} has {count} pages, every Chinese program name, no missing glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
