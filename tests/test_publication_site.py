"""The built site as a publication (issue 30, items 1, 2, 3, 6, 7): Chinese marked as Chinese, citable
by machines and honest without an address, data that works where it is downloaded, code one click
away, a glossary in pinyin order and charts whose alt text gives their numbers."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tenprograms import load_dataset
from tenprograms.data.paths import REPO_ROOT

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SKIP = {"script", "style", "pre", "code", "kbd", "samp", "title", "textarea", "svg", "math", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PLACEHOLDER = "URL-TO-BE-ASSIGNED"


def pages(site: Path) -> list[Path]:
    # the English site's pages (zh/, the Chinese site inside it, is issue #31's: tests/test_translations.py)
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and p.relative_to(site).parts[0] != "zh")


class ChineseScan(HTMLParser):
    """Han characters of the page's text, split by whether their nearest lang is Chinese."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.marked = self.unmarked = 0
        self.examples: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if any(tag in SKIP for tag, _ in self.stack):
            return
        han = len(HAN.findall(data))
        if not han:
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), "")
        if lang.lower().startswith("zh"):
            self.marked += han
        else:
            self.unmarked += han
            if len(self.examples) < 3:
                self.examples.append(data.strip()[:60])


def scan(path: Path) -> ChineseScan:
    parser = ChineseScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- 1. Chinese marked as Chinese ----------------------------------------------------------------

def test_every_chinese_character_on_the_site_is_inside_a_chinese_element(built_html):
    unmarked, marked = {}, 0
    for page in pages(built_html):
        result = scan(page)
        marked += result.marked
        if result.unmarked:
            unmarked[str(page.relative_to(built_html))] = (result.unmarked, result.examples)
    assert not unmarked, f"Han characters outside lang=zh-Hans: {unmarked}"
    assert marked > 10000


def test_the_annotated_source_is_chinese_as_a_whole(built_html):
    html = (built_html / "book/appendix/source.html").read_text(encoding="utf-8")
    container = re.search(r'<div class="[^"]*cell_output[^"]*"[^>]*lang="zh-Hans"[^>]*>(.*?)</div>', html, re.S)
    assert container, "the report's lines are not in one element marked lang=zh-Hans"
    assert container.group(1).count("<p>") > 50


def test_code_and_attributes_are_never_wrapped(built_html):
    for page in pages(built_html):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'="[^"<>]*<span lang="zh-Hans"', html), f"{page}: a span inside an attribute"
        for block in re.findall(r"<pre\b.*?</pre>", html, re.S):
            assert 'lang="zh-Hans"' not in block, f"{page}: a span inside code"


# --- 2. Citable by machines, honest without an address -------------------------------------------

def _head(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("</head>", 1)[0]


def test_every_page_has_citation_tags_json_ld_description_and_opengraph(built_html):
    meta = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for page in pages(built_html):
        if page.name in ("index.html", "search.html", "genindex.html", "404.html"):
            continue  # the redirect stub, Sphinx's search and index pages, and the page for a missing address
        head = _head(page)
        for name in ("citation_title", "citation_author", "citation_publication_date", "description"):
            assert f'<meta name="{name}" content="' in head, f"{page}: no {name}"
        for prop in ("og:title", "og:description", "og:type"):
            assert f'<meta property="{prop}"' in head, f"{page}: no {prop}"
        assert str(meta["date-released"]).replace("-", "/") in head
        ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
        assert ld, f"{page}: no JSON-LD"
        data = json.loads(ld.group(1))
        if page.relative_to(built_html).as_posix() == "book/intro.html":
            assert data["@type"] == "Book" and data["bookEdition"] == str(meta["version"])
        else:
            assert data["@type"] == "Chapter" and data["isPartOf"]["@type"] == "Book", page
    chapter = _head(built_html / "book/programs/03-tourism.html")
    assert 'name="citation_inbook_title"' in chapter and "文化旅游业振兴工程" in chapter


def test_without_an_address_nothing_prints_a_placeholder_or_a_crawl_file(built_html, built_pdf):
    assert not yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")).get("url")
    for path in built_html.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".txt", ".bib", ".ris", ".cff", ".json", ".xml"):
            assert PLACEHOLDER not in path.read_text(encoding="utf-8", errors="replace"), path
    text = subprocess.run(["pdftotext", str(built_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert PLACEHOLDER not in text and "TO-BE-ASSIGNED" not in text.replace("\n", "")
    assert not (built_html / "sitemap.xml").exists() and not (built_html / "robots.txt").exists()
    for page in pages(built_html):
        assert 'rel="canonical"' not in _head(page), page


def test_the_cite_page_offers_bibtex_ris_and_cff(built_html):
    html = (built_html / "book/appendix/cite.html").read_text(encoding="utf-8")
    for name in ("tenprograms.bib", "tenprograms.ris", "CITATION.cff"):
        assert f'href="../../citation/{name}"' in html, name
    folder = built_html / "citation"
    meta = yaml.safe_load((folder / "CITATION.cff").read_text(encoding="utf-8"))
    assert meta == yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    bib = (folder / "tenprograms.bib").read_text(encoding="utf-8")
    assert bib.startswith("@book{") and f"edition = {{Version {meta['version']}}}" in bib and bib.count("{") == bib.count("}")
    ris = (folder / "tenprograms.ris").read_bytes().decode("utf-8").split("\r\n")
    assert ris[0] == "TY  - BOOK" and ris[-2] == "ER  - " and f"ET  - Version {meta['version']}" in ris


# --- 3. Data that works where it is downloaded ---------------------------------------------------

def test_the_data_package_validates_from_the_site(built_html):
    served = built_html / "data"
    package = json.loads((served / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert (served / resource["path"]).is_file(), resource["path"]
    ds = load_dataset(served)  # raises DataValidationError naming file, row and column
    assert len(ds.metrics) == len(load_dataset().metrics)


def test_no_data_file_is_linked_through_a_hashed_folder(built_html):
    for page in pages(built_html):
        html = page.read_text(encoding="utf-8")
        hashed = re.findall(r'href="[^"]*_downloads/[^"]*\.(?:csv|json|txt|yml)"', html)
        assert not hashed, f"{page}: {hashed}"
        for target in re.findall(r'href="([^"#:]+\.(?:csv|json))"', html):
            assert (page.parent / target).resolve().is_file(), f"{page}: {target} is not served"
    assert not list((built_html / "_downloads").rglob("*.csv")) if (built_html / "_downloads").exists() else True


def test_chinese_csvs_open_in_a_spreadsheet_and_figure_data_says_what_it_is(built_html):
    csvs = list((built_html / "data").glob("*.csv")) + list((built_html / "book").rglob("figure-data/*.csv"))
    assert len(csvs) > 15
    for path in csvs:
        raw = path.read_bytes()
        if HAN.search(raw.decode("utf-8-sig")):
            assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: Chinese without a byte-order mark"
    jsons = list((built_html / "book").rglob("figure-data/*.json"))
    assert len(jsons) >= 13
    version = str(yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"])
    for path in jsons:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["licence"].startswith("CC-BY-4.0"), path
        assert "襄阳日报" in json.dumps(data["source"], ensure_ascii=False), path
        assert data["edition"]["version"] == version and version in data["citation"], path


# --- 6. Code a student can open ------------------------------------------------------------------

def test_each_chapter_has_its_code_one_click_away(built_html):
    for page in sorted((built_html / "book/programs").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        hidden = re.findall(r'<details class="[^"]*\bhide above-input">.*?</details>', html, re.S)
        assert hidden, f"{page.name}: no collapsed code"
        assert any("open_chapter" in block for block in hidden), f"{page.name}: the setup cell is not there"
        assert not re.search(r"<details[^>]*\bopen\b", html), f"{page.name}: code shown open"


def test_the_pdf_has_no_code(built_pdf):
    text = subprocess.run(["pdftotext", str(built_pdf), "-"], capture_output=True, text=True, check=True).stdout
    for fragment in ("import tenprograms", "tp.open_chapter", "setup_notebook(", "tp.glue("):
        assert fragment not in text, fragment


# --- 7. Glossary and charts for readers ----------------------------------------------------------

def _plain(pinyin: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFD", pinyin) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def test_the_glossary_is_in_pinyin_order_under_a_jump_bar(built_html):
    html = (built_html / "book/appendix/glossary.html").read_text(encoding="utf-8")
    with open(REPO_ROOT / "data/glossary.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    dts = re.findall(r'<dt id="term-[^"]*">(.*?)</dt>', html, re.S)
    terms = [re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", dt)).strip() for dt in dts]
    zh = {r["term_zh"] for r in rows}
    printed = [t for t in terms if t in zh]
    expected = [r["term_zh"] for r in sorted(rows, key=lambda r: (_plain(r["pinyin"]), r["term_zh"]))]
    assert printed == expected
    bar = re.search(r'<div class="glossary-jump[^"]*">(.*?)</div>', html, re.S)
    assert bar, "no jump bar"
    letters = {r["pinyin"] and _plain(r["pinyin"])[0].upper() for r in rows if _plain(r["pinyin"])[0].isalpha()}
    for letter in letters:
        assert f'href="#glossary-{letter.lower()}"' in bar.group(1), letter
        assert f'id="glossary-{letter.lower()}"' in html, letter


def test_every_chart_alt_text_gives_the_numbers_it_shows(built_html):
    charts = 0
    for page in pages(built_html):
        html = page.read_text(encoding="utf-8")
        for alt in re.findall(r'<figure[^>]*id="fig-[^"]*">\s*(?:<a[^>]*>\s*)?<img alt="([^"]*)"', html):
            charts += 1
            assert re.search(r"Values shown|draws \d+ values", alt) and re.search(r"\d", alt), f"{page}: {alt[:120]}"
    assert charts >= 13
