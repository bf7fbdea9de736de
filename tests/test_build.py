"""The built book: HTML pages for every chapter, and a PDF that is a real book with Chinese in it.

Needs `make book` (which `make test` runs first).
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from notebooks import toc_files

from tenprograms.data.paths import REPO_ROOT

BUILD = REPO_ROOT / "_build"
PDF = BUILD / "latex" / "book.pdf"
LOG = BUILD / "latex" / "book.log"
#: Overfull lines tolerated in the LaTeX log: a long unbreakable token (a date with Chinese, a
#: slashed English term) in a narrow table column may stick out by a few points, never more than
#: OVERFULL_MAX_PT.
OVERFULL_TOLERANCE = 40
OVERFULL_MAX_PT = 25
#: Every test here reads the built book (and so is marked build, see conftest.py).
pytestmark = pytest.mark.usefixtures("built_html", "built_pdf")


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        pytest.fail(f"{PDF} is not built: run `make book` first")
    from pypdf import PdfReader

    return PdfReader(str(PDF))


def test_every_toc_page_has_an_html_page():
    missing = [f for f in toc_files() if not (BUILD / "html" / f"{f}.html").exists()]
    assert (BUILD / "html" / "index.html").exists()
    assert not missing, f"pages in _toc.yml without HTML: {missing}"


def test_html_loads_nothing_from_outside():
    external = []
    for page in (BUILD / "html").rglob("*.html"):
        for tag in re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"(https?://[^\"]+)\"", page.read_text(encoding="utf-8")):
            external.append(f"{page.relative_to(BUILD)}: {tag}")
    assert not external, external[:10]


def test_every_notebook_is_downloadable():
    for name in toc_files():
        if (REPO_ROOT / f"{name}.ipynb").exists():
            html = (BUILD / "html" / f"{name}.html").read_text(encoding="utf-8")
            assert ".ipynb" in html, f"{name}.html offers no .ipynb download"


def test_pdf_checks_pass():
    result = subprocess.run([sys.executable, "scripts/check_pdf.py"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pdf_is_a_book(pdf):
    text = "".join(page.extract_text() or "" for page in pdf.pages[:6])
    assert "Contents" in text or "CONTENTS" in text
    outline = pdf.outline
    assert len(outline) >= 3, "the PDF has no bookmarks for its chapters"
    # the Chinese program names in the PDF text are checked by scripts/check_pdf.py (test_pdf_checks_pass)


def test_pdf_figures_are_vector(pdf):
    raster = []
    for number, page in enumerate(pdf.pages, start=1):
        for image in page.images:
            raster.append(f"page {number}: {image.name}")
    assert not raster, f"raster images in the PDF (figures should be vector): {raster[:5]}"


def test_latex_log_is_clean():
    log = LOG.read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    overfull = re.findall(r"^Overfull \\hbox \((\d+\.\d+)pt too wide\)", log, flags=re.M)
    big = [w for w in overfull if float(w) > OVERFULL_MAX_PT]
    assert len(overfull) <= OVERFULL_TOLERANCE and not big, \
        f"{len(overfull)} overfull lines (tolerance {OVERFULL_TOLERANCE}), {len(big)} over {OVERFULL_MAX_PT}pt: {big}"
