"""A PDF with its metadata (issue 30, item 5) and within its length (issue 29), checked on the built PDF.

Language, subject, keywords and display-title; page labels that do not call the cover "1"; no page
that is nearly blank (a part's name alone on a page, or a running head over nothing); the bibliography
under its own heading; every table's and figure's number the same as on the site; at most
scripts/book_length.py's pages and words. Each test failed on the build before this change.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import book_length  # noqa: E402  (scripts/ is not a package: the limits live there, for make bench too)


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def test_metadata_language_subject_keywords_and_title(built_pdf):
    reader = PdfReader(str(built_pdf))
    info, root = reader.metadata, reader.trailer["/Root"]
    assert str(root.get("/Lang", "")).startswith("en"), f"no document language: {root.get('/Lang')}"
    prefs = root.get("/ViewerPreferences")
    assert prefs is not None and bool(prefs.get("/DisplayDocTitle")), "viewers would show the file name"
    for key in ("/Title", "/Author", "/Subject", "/Keywords"):
        assert len(str(info.get(key, "")).strip()) > 5, f"no {key} in the document information"
    assert "襄阳" in info["/Keywords"], "the keywords lack the Chinese name"


def test_the_cover_is_not_page_one(built_pdf):
    labels = list(PdfReader(str(built_pdf)).page_labels)
    assert labels[0] != "1", "the cover is labelled 1"
    assert labels.count("1") == 1, f"{labels.count('1')} pages are labelled 1"


def test_no_nearly_blank_page(built_pdf):
    """Every page but the cover carries at least three lines of text besides its running head and number."""
    reader_title = str(PdfReader(str(built_pdf)).metadata["/Title"])
    thin = []
    for number, text in enumerate(pdf_pages(built_pdf)[1:], start=2):
        lines = [ln for ln in text.split("\n") if ln.strip() and ln.strip() != reader_title
                 and not re.fullmatch(r"\s*[ivxlc\d]+\s*", ln)]
        if len(lines) < 3:
            thin.append(f"page {number}: {' / '.join(lines)[:80]!r}")
    assert not thin, "nearly blank pages:\n  " + "\n  ".join(thin)


def test_the_bibliography_is_under_its_heading(built_pdf):
    pages = [re.sub(r"\s+", " ", p) for p in pdf_pages(built_pdf)]
    text = " ".join(pages)
    entry = text.rfind("[襄阳日报 (Xiangyang Daily), 2020]")     # labelled as the text cites it (sphinxext/bibstyle.py)
    heading = max(m.start() for m in re.finditer(r"\bBibliography\b|\bBIBLIOGRAPHY\b", text))
    after = [m.start() for m in re.finditer(r"How to cite|HOW TO CITE", text) if m.start() > heading]
    assert entry > 0, "no bibliography entry in the PDF"
    assert heading < entry < min(after, default=len(text)), \
        "the bibliography's entries are not between its heading and the next appendix"


def site_numbers(site: Path) -> dict[str, str]:
    numbers = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<table[^>]*id="(tbl-[\w-]+)"[^>]*>\s*<caption><span class="caption-number">Table ([\w.]+)', html):
            numbers[m.group(1)] = m.group(2)
        for m in re.finditer(r'<figure[^>]*id="(fig-[\w-]+)"[^>]*>.*?<span class="caption-number">Fig\. ([\w.]+)', html, re.S):
            numbers[m.group(1)] = m.group(2)
    return numbers


def test_tables_and_figures_have_the_same_numbers_as_on_the_site(built_pdf, built_html):
    aux = (built_pdf.parent / "book.aux").read_text(encoding="utf-8")
    pdf = {m.group(1): m.group(2) for m in re.finditer(r"\\newlabel\{book/[\w/-]+:((?:tbl|fig)-[\w-]+)\}\{\{([^}]*)\}", aux)}
    # a table printed in a compact version in the PDF is labelled <name>-print there (render/claims.py)
    pdf = {key.removesuffix("-print"): number for key, number in pdf.items()}
    site = site_numbers(built_html)
    assert len(site) >= 30, f"only {len(site)} numbered tables and figures found on the site"
    differ = [f"{key}: site {site.get(key)}, PDF {pdf.get(key)}" for key in sorted(set(site) | set(pdf))
              if site.get(key) != pdf.get(key)]
    assert not differ, "numbers that differ between the site and the PDF:\n  " + "\n  ".join(differ)


def test_length_within_the_limits(built_pdf):
    pages, words = book_length.pages_and_words(built_pdf)
    assert pages <= book_length.GOAL_PAGES, f"{pages} pages (limit {book_length.GOAL_PAGES})"
    assert words <= book_length.GOAL_WORDS, f"{words:,} words (limit {book_length.GOAL_WORDS:,})"


def test_chromium_print_of_a_chapter_is_a_tagged_pdf(server, browser, tmp_path):
    """The accessible route the README names: Chromium's print of a page of the site is a tagged PDF
    with the page's language, its headings, its tables and its charts' alt text (the LaTeX PDF is not
    tagged: TeX Live 2022 cannot tag this book, see the README)."""
    page = browser.new_page()
    page.goto(f"{server}/book/programs/07-market.html", wait_until="networkidle")
    alt = page.evaluate("document.querySelector('figure img').alt")
    out = tmp_path / "chapter.pdf"
    page.pdf(path=str(out), tagged=True, outline=True, format="A4")
    page.close()
    root = PdfReader(str(out)).trailer["/Root"]
    assert str(root.get("/Lang", "")).startswith("en")
    assert root["/MarkInfo"]["/Marked"]
    kinds, alts = {}, []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            kind = str(node.get("/S", ""))
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"])
    assert kinds.get("/H1") == 1 and kinds.get("/H2", 0) >= 3, kinds
    assert kinds.get("/Table", 0) >= 1 and kinds.get("/TH", 0) >= 1, kinds
    assert alt and alt in alts, f"the chart's alt text is not in the PDF's figure tags: {alts}"
