"""Typography of the built book: what a publisher would check in the PDF and on the site.

Needs `make book` (which `make test` runs first). Each test reads the built PDF (its text from
pdftotext, its fonts and page labels from pypdf, _build/latex/book.toc and book.aux) or the built
HTML, and fails on the defect it guards against; the fixes are in book/_latex/tenprograms.sty,
_static/book.css, _config.yml and src/tenprograms/fmt.py and plot.py.
"""
from __future__ import annotations

import functools
import html
import importlib.util
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import BUILD, PDF

from tenprograms.data.paths import REPO_ROOT

HTML = BUILD / "html"
TOC = BUILD / "latex" / "book.toc"
AUX = BUILD / "latex" / "book.aux"
CJK = "\u3400-\u4dbf\u4e00-\u9fff"
MINUS = "\u2212"
SUPERIOR = "¹²³⁰⁴⁵⁶⁷⁸⁹"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is not built: run `make book` first")
    return path


@functools.cache
def pdf_pages() -> list[str]:
    """The PDF's text, page by page (pdftotext, reading order)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(_need(PDF)), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")


def pdf_text() -> str:
    return "\n".join(pdf_pages())


def check_pdf_module():
    spec = importlib.util.spec_from_file_location("check_pdf", REPO_ROOT / "scripts" / "check_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def examples(matches, n=6) -> str:
    return "; ".join(repr(m) for m in matches[:n])


# --- Chinese faces ------------------------------------------------------------------------------

def test_chinese_is_set_in_the_simplified_chinese_faces(built_pdf):
    problems, checked = check_pdf_module().cjk_face_problems(_need(PDF))
    assert not problems, problems
    assert sum(checked.values()) >= 20, f"too few face-specific characters to tell the face: {checked}"


def _compile_cjk(tmp_path: Path, index: int) -> Path:
    tex = tmp_path / f"face{index}.tex"
    tex.write_text("\\documentclass{article}\\usepackage{xeCJK}\n"
                   f"\\setCJKmainfont{{NotoSerifCJK-Regular.ttc}}[FontIndex={index}]\n"
                   "\\begin{document}骨直与到医参名就市植进展“双报到”\\end{document}\n", encoding="utf-8")
    subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                   capture_output=True, check=True, timeout=120)
    return tmp_path / f"face{index}.pdf"


def test_the_face_check_tells_sc_from_jp(tmp_path):
    """The check above would catch the Japanese face (FontIndex 0), which pdffonts cannot: both
    are embedded as NotoSerifCJKjp-Regular."""
    check = check_pdf_module().cjk_face_problems
    assert not check(_compile_cjk(tmp_path, 2))[0]
    problems = check(_compile_cjk(tmp_path, 0))[0]
    assert problems and "non-SC face" in problems[0], problems


# --- Dashes, quotes, spaces ---------------------------------------------------------------------

def test_em_and_en_dashes_keep_their_spaces(built_pdf):
    text = pdf_text()
    glued = re.findall(r"[A-Za-z0-9,.)’”] [—–][A-Za-z0-9(‘“]", text) + \
        re.findall(r"[A-Za-z0-9,.)’”][—–] [A-Za-z0-9(‘“]", text)
    assert not glued, f"{len(glued)} dashes lost a space on one side: {examples(glued)}"


def test_no_gap_between_chinese_and_its_quotation_marks(built_pdf):
    text = pdf_text()
    # "…已实现 “一部手机管就医”". A space typed before a quote that opens an English phrase
    # (多 “more than”) is the writer's, and one the site shows too (the report's own "实行 “红黄蓝”")
    # is the source's: both stay.
    gaps = re.findall(rf"[{CJK}] [“‘][{CJK}]|[“‘] [{CJK}]|[{CJK}] [”’.]|[\[(] [{CJK}]|[{CJK}] [\])]", text)
    site = re.sub(r"\s+", " ", " ".join(prose(page) for page in html_pages()))
    gaps = [g for g in gaps if g not in site]
    assert not gaps, f"{len(gaps)} spaces next to quotation marks in Chinese: {examples(gaps)}"


class _ProseText(HTMLParser):
    """The text of a page's article outside code, scripts and styles; block elements end a line."""
    SKIP = {"code", "pre", "script", "style", "kbd", "samp", "tt", "math"}
    BLOCK = {"p", "li", "td", "th", "dt", "dd", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6",
             "caption", "figcaption", "tr", "table", "section", "blockquote"}

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        # the open elements, each with whether it starts a skipped part (code, a cell's input, output):
        # a skipped <div> ends with its own </div>, not with the next </code>
        self.stack, self.in_article, self.chunks = [], 0, []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag in self.BLOCK:
            self.chunks.append("\n")
        if tag == "article":
            self.in_article += 1
        if tag not in self.VOID:
            skip = tag in self.SKIP or "highlight" in classes or "cell_input" in classes or "output" in classes.split()
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.chunks.append("\n")
        if tag == "article":
            self.in_article -= 1
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.in_article and not any(skip for _, skip in self.stack):
            self.chunks.append(data)


def prose(page: Path) -> str:
    parser = _ProseText()
    parser.feed(page.read_text(encoding="utf-8"))
    return "".join(parser.chunks)


def html_pages() -> list[Path]:
    _need(HTML / "index.html")
    return sorted(p for p in (HTML / "book").rglob("*.html"))


def test_prose_has_curly_quotes_and_straight_ones_only_in_code(built_html):
    straight, wrong = [], []
    for page in html_pages():
        text = prose(page)
        for m in re.finditer(r"\S{0,12}[\"']\S{0,12}", text):
            straight.append(f"{page.relative_to(HTML)}: {m.group(0)}")
        # an opening quote before a space or closing punctuation, or a closing one after "(" or a space
        for m in re.finditer(r"\S{0,10}(?:[“‘](?=[\s).,;:])|(?<=[\s(])[”](?=\w))\S{0,10}", text):
            wrong.append(f"{page.relative_to(HTML)}: {m.group(0)}")
    assert not straight, f"{len(straight)} straight quotes in prose: {examples(straight, 10)}"
    assert not wrong, f"{len(wrong)} quotation marks facing the wrong way: {examples(wrong, 10)}"


def test_spaces_between_chinese_words_survive_in_the_pdf(built_pdf):
    """A space typed between two Chinese words ("编辑 邓植元", as the report's credits are quoted) is
    printed in the PDF as on the site; xeCJK drops it unless told otherwise."""
    text = pdf_text()
    # a line break is a space where the typed space fell at the line's end, and nothing where the line
    # broke inside a Chinese word: accept the pair in either reading
    readings = [re.sub(r"\s+", " ", t) for t in (text, re.sub(rf"(?<=[{CJK}])\n(?=[{CJK}])", "", text))]
    missing = []
    for page in html_pages():
        for pair in set(re.findall(rf"[{CJK}]+ [{CJK}]+", prose(page))):
            if not any(pair in pdf for pdf in readings):
                missing.append(pair)
    assert not missing, f"spaces lost between Chinese words in the PDF: {examples(sorted(missing))}"


def test_footnote_marks_sit_against_their_word(built_pdf):
    text = pdf_text()
    loose = re.findall(rf"[A-Za-z][{SUPERIOR}]+ [:;,.)]|[A-Za-z]\d{{1,2}} [:;,.)]", text)
    assert not loose, f"space between a footnote mark and the punctuation after it: {examples(loose)}"


# --- Minus signs ----------------------------------------------------------------------------------

def test_negative_numbers_have_a_minus_sign(built_pdf):
    text = pdf_text()
    hyphens = re.findall(r"(?:^|[\s(\[=≈:;,])-\d[\d,.]*%?", text, flags=re.M)
    assert not hyphens, f"{len(hyphens)} negative numbers printed with a hyphen (U+002D), not a minus " \
                        f"(U+2212): {examples(hyphens, 10)}"


# --- Tables -------------------------------------------------------------------------------------

def _word_gaps(size_range=(7.5, 9.5)):
    """Interword gaps (as a fraction of the line height) in lines of the tables' type size."""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(_need(PDF)), "-"],
                         capture_output=True, text=True, check=True).stdout
    gaps = []
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    for line in re.findall(r"<line [^>]*>(.*?)</line>", out, re.S):
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in word.findall(line)]
        if len(words) < 2 or any(w[4] == "." for w in words):  # dot leaders of the contents
            continue
        height = words[0][3] - words[0][1]
        if not size_range[0] < height < size_range[1]:
            continue
        steps = [(b[0] - a[2]) / height for a, b in zip(words, words[1:])]
        if steps and all(abs(s - 0.6) < 0.03 for s in steps):  # monospace code: fixed-width spaces
            continue
        gaps += [(s, a[4], b[4]) for s, a, b in zip(steps, words, words[1:])]
    return gaps


def test_table_cells_are_ragged_right_without_rivers(built_pdf):
    """A justified narrow cell stretches its spaces ("New        Growth Drivers"); a ragged-right
    cell keeps them at their natural width (about 0.3 of the line height here)."""
    gaps = _word_gaps()
    wide = [g for g in gaps if 0.65 < g[0] < 1.3]
    assert len(gaps) > 1000, f"only {len(gaps)} gaps measured: is the table type size still footnotesize?"
    assert len(wide) / len(gaps) < 0.01, \
        f"{len(wide)} of {len(gaps)} spaces in table-size text stretched to over twice their width: " \
        f"{examples([f'{a} | {b}' for _, a, b in wide])}"


def test_chinese_in_narrow_cells_is_not_letterspaced(built_pdf):
    spaced = re.findall(rf"[{CJK}](?: [{CJK}]){{3,}}", pdf_text())
    assert not spaced, f"Chinese stretched letter by letter: {examples(spaced)}"


def chinese_names() -> list[str]:
    names = list(pd.read_csv(REPO_ROOT / "data" / "programs.csv")["name_zh"])
    glossary = pd.read_csv(REPO_ROOT / "data" / "glossary.csv")
    column = next(c for c in ("term_zh", "zh", "term") if c in glossary.columns)
    return sorted({n for n in names + list(glossary[column].dropna()) if len(n) >= 3}, key=len, reverse=True)


def test_no_chinese_name_leaves_one_character_alone_on_a_line(built_pdf):
    lines = [line.strip() for line in pdf_text().split("\n")]
    names = chinese_names()
    orphans = []
    for before, line in zip(lines, lines[1:]):
        m = re.fullmatch(rf"([{CJK}])[)）”’，。、,.]*", line)
        if not m:
            continue
        for name in names:
            if name.endswith(m.group(1)) and before.endswith(name[:-1]):
                orphans.append(f"{before} / {line}")
                break
    assert not orphans, f"{len(orphans)} Chinese names broken before their last character: {examples(orphans)}"


# --- Contents, list of figures, front matter, parts -------------------------------------------------

def test_numbers_in_the_contents_and_list_of_figures_stand_apart_from_titles(built_pdf):
    touching = [line for page in pdf_pages()[:14] for line in page.split("\n")
                if re.match(r"^[A-Z]?\d+(\.\d+)*[A-Z][a-z]", line.strip())]
    assert not touching, f"entry numbers run into their titles: {examples(touching)}"


def page_labels() -> list[str]:
    from pypdf import PdfReader

    return list(PdfReader(str(_need(PDF))).page_labels)


def test_the_introduction_opens_page_one_under_its_own_heading(built_pdf):
    toc = _need(TOC).read_text(encoding="utf-8")
    first = re.search(r"\\contentsline \{(chapter|part)\}\{(.*?)\}\{(\w+)\}", toc)
    assert first and first.group(2) == "Introduction" and first.group(3) == "1", \
        f"the first entry of the contents is not 'Introduction' on page 1: {first and first.groups()}"
    labels, pages = page_labels(), pdf_pages()
    one = labels.index("1", labels.index("i"))  # (the title page is "Cover", before the roman pages)
    assert "INTRODUCTION" in pages[one] or "Introduction" in pages[one].split("\n")[:6]
    lof = [i for i, p in enumerate(pages) if re.search(r"List of Figures|LIST OF FIGURES", p)]
    assert lof and max(lof) < one, f"pages after the list of figures still carry its name: {lof}, page 1 is {one}"
    front = labels[labels.index("i"):one]
    assert front and all(not label.isdigit() for label in front), "the front matter is not numbered in roman"


def toc_parts() -> list[dict]:
    spec = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return spec.get("parts", [])


def test_chapter_numbers_in_the_pdf_follow_the_toc(built_pdf):
    """Chapters of numbered parts are numbered 1, 2, … across those parts (as on the site); chapters
    of unnumbered parts, before them and after them (the appendices), have no number, as on the site."""
    entries = re.findall(r"\\contentsline \{chapter\}\{(\\numberline \{(\w+)\})?(.*?)\}\{\w+\}\{",
                         _need(TOC).read_text(encoding="utf-8"))
    numbers = [n for _, n, title in entries if title != "Introduction"]
    expected, count = [], 0
    for part in toc_parts():
        chapters = part.get("chapters", [])
        if part.get("numbered"):
            for _ in chapters:
                count += 1
                expected.append(str(count))
        else:
            expected += [""] * len(chapters)
    assert numbers[:len(expected)] == expected, \
        f"chapter numbers in the PDF {numbers} differ from those _toc.yml implies {expected}: update " \
        "\\tpfrontmatterparts / \\tpappendixpart in _config.yml"


def test_appendix_tables_continue_the_numbers_of_the_front_matter(built_pdf):
    """As on the site: the appendices' tables go on from the front matter's (tests/test_weight_pdf.py
    compares every number with the site's)."""
    labels = re.findall(r"\\newlabel\{book/appendix/([\w-]+):(tbl-[\w-]+)\}\{\{([^}]*)\}",
                        _need(AUX).read_text(encoding="utf-8"))
    assert labels, "no labelled tables in the appendices"
    bad = [f"{doc}:{name} = {num}" for doc, name, num in labels if not re.fullmatch(r"\d+", num)]
    assert not bad, f"appendix tables numbered within a lettered appendix, unlike the site: {bad[:6]}"


# --- Title page and citation ----------------------------------------------------------------------

def citation() -> dict:
    return yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_has_a_version_and_a_release_date():
    cff = citation()
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(cff.get("version", ""))), cff.get("version")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", str(cff.get("date-released", ""))), cff.get("date-released")
    for ref in cff.get("references", []):
        assert not re.search(rf"[{CJK}] \d|\d [{CJK}]", ref["title"]), f"Latin spaces in a Chinese title: {ref['title']}"


def test_title_page_gives_edition_and_the_date_of_the_data(built_pdf):
    page = re.sub(r"\s+", " ", pdf_pages()[0])
    version = str(citation()["version"])
    assert f"version {version}" in page, page
    ordinal = ["Preliminary", "First", "Second", "Third", "Fourth", "Fifth"][int(version.split(".")[0])]
    assert f"{ordinal} edition" in page, page
    manifest = yaml.safe_load((REPO_ROOT / "data" / "raw" / "MANIFEST.yml").read_text(encoding="utf-8"))
    y, m, d = re.search(r"(\d{4})-(\d\d)-(\d\d)", manifest["date_assigned"]).groups()
    month = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"][int(m) - 1]
    assert f"{int(d)} {month} {y}" in page and "report of 2020" in page, page


def test_bibliography_entry_keeps_its_capitals_and_its_brackets(built_pdf):
    text = re.sub(r"\s+", " ", pdf_text()).replace("’", "'")
    assert "[襄阳十大工程2020年进展]" in text, "the supplied Chinese title, bracketed, without Latin spaces"
    assert "[Progress of Xiangyang's ten programs in 2020]" in text
    page = html.unescape((HTML / "book" / "appendix" / "references.html").read_text(encoding="utf-8"))
    assert "[Progress of Xiangyang's ten programs in 2020]" in page.replace("’", "'")


# --- Print is print -------------------------------------------------------------------------------

HTML_ONLY = re.compile(r"download button|download the|download link", re.I)


def test_pdf_has_no_html_only_passages(built_pdf):
    hits = [f"p. {label}: …{m.group(0)}…" for label, page in zip(page_labels(), pdf_pages())
            for m in re.finditer(r".{0,40}(?:" + HTML_ONLY.pattern + r").{0,20}", page.replace("\n", " "), re.I)]
    assert not hits, f"the PDF tells its reader about the site's download buttons and links: {examples(hits)}"


def test_html_only_and_print_only_mechanism(tmp_path):
    """`{only} html` blocks and `[…]{.html-only}` spans reach the site, not the LaTeX; `[…]{.print-only}`
    the other way round (hidden by book.css). A two-page Sphinx project, built with both builders."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['myst_parser']\nmyst_enable_extensions = ['colon_fence', 'attrs_inline']\n"
        "latex_documents = [('index', 'mini.tex', 'Mini', 'A', 'manual')]\n", encoding="utf-8")
    (src / "index.md").write_text(
        "# Mini\n\nSee [the download button above]{.html-only}[the appendix]{.print-only} for code.\n\n"
        ":::{only} html\nDownload the notebook here.\n:::\n\n:::{only} latex\nPrinted-only sentence.\n:::\n",
        encoding="utf-8")
    for builder in ("html", "latex"):
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, str(src), str(tmp_path / builder)],
                       check=True, capture_output=True, timeout=180)
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    tex = (tmp_path / "latex" / "mini.tex").read_text(encoding="utf-8")
    assert "Download the notebook" in page and "Printed-only" not in page
    assert "Download the notebook" not in tex and "only sentence" in tex
    assert '<span class="html-only">the download button above</span>' in page
    assert '<span class="print-only">the appendix</span>' in page
    assert r"\DUrole{html-only}{the download button above}" in tex
    sty = (REPO_ROOT / "book" / "_latex" / "tenprograms.sty").read_text(encoding="utf-8")
    assert r"\csname DUrolehtml-only\endcsname#1{" in sty, "the LaTeX side drops .html-only spans"
    css = (REPO_ROOT / "_static" / "book.css").read_text(encoding="utf-8")
    assert re.search(r"\.print-only\s*\{\s*display:\s*none", css), "the site hides .print-only spans"


# --- The site ----------------------------------------------------------------------------------------

def test_one_search_field_per_page(built_html):
    pages = [p for p in html_pages() if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8").lower()]
    assert pages
    for path in pages[:5]:
        name = path.relative_to(HTML)
        page = path.read_text(encoding="utf-8")
        count = page.count('class="btn search-button-field')
        assert count == 1, f"{name} has {count} search fields"


def test_headings_set_chinese_in_the_body_text_font(built_html, server, browser):
    """The fonts Chromium really uses (CSS.getPlatformFontsForNode) for headings are among those it
    uses for body text: no fallback to another CJK family (a brush-style 楷体 before this fix)."""
    # (the Chinese of a title sits in <span lang="zh-Hans">: sphinxext/chinese.py)
    title = re.compile(rf'<h1>[^<]*(?:<span lang="zh-Hans">)?[{CJK}]')
    pages = [p for p in html_pages() if title.search(p.read_text(encoding="utf-8"))]
    assert pages, "no page has Chinese in its title"
    page = browser.new_page()
    page.goto(f"{server}/{pages[0].relative_to(HTML)}")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]

    def fonts(selector):
        used = set()
        for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"][:60]:
            used |= {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
        return used

    body = fonts("article p, article p > span[lang]")
    headings = fonts("article h1, article h2, article h3, nav.bd-links a, article h1 > span[lang], "
                     "article h2 > span[lang], nav.bd-links a > span[lang]")
    page.close()
    assert headings <= body, f"headings use fonts the body text does not: {sorted(headings - body)} " \
                             f"(body: {sorted(body)})"
    assert "Noto Sans CJK SC" in body, body
