"""On the built site every derived number in the prose is one click from its definition: a link to
its entry on the appendix page of derived numbers, titled with its definition and inputs. The PDF
prints the plain number. (Needs a built book: `make book`.)"""
from __future__ import annotations

import csv
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import derived as dn
from tenprograms.sphinxext.derived import anchor

HTML = REPO_ROOT / "_build" / "html"
TEX = REPO_ROOT / "_build" / "latex" / "book.tex"
LEDGER = REPO_ROOT / "book" / "numbers.csv"
pytestmark = pytest.mark.skipif(not (HTML / "index.html").exists(), reason="needs a built book: make book")


class Links(HTMLParser):
    """The derived-number links of a page: (href, title, text inside)."""

    def __init__(self):
        super().__init__()
        self.links, self._open = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "derived-number" in (a.get("class") or "").split():
            self._open = [a.get("href", ""), a.get("title", ""), ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append(tuple(self._open))
            self._open = None


def derived_rows() -> dict[str, list[dict]]:
    with open(LEDGER, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["derived_id"]]
    by_page: dict[str, list[dict]] = {}
    for r in rows:
        by_page.setdefault(r["page"], []).append(r)
    return by_page


@pytest.mark.parametrize("page", sorted(derived_rows()))
def test_every_glued_derived_number_links_to_its_definition_with_a_title(page, built_html):
    html = HTML / (page.rsplit(".", 1)[0] + ".html")
    parser = Links()
    parser.feed(html.read_text(encoding="utf-8"))
    rows = derived_rows()[page]
    expected = Counter((anchor(r["derived_id"]), r["shown"]) for r in rows)
    found = Counter()
    for href, title, text in parser.links:
        target = (html.parent / href.split("#")[0]).resolve()
        assert target == (HTML / "book" / "appendix" / "derived-numbers.html").resolve(), href
        assert re.fullmatch(r"derived-[a-z0-9-]+", href.rsplit("#", 1)[1]), href
        ident = href.rsplit("#", 1)[1]
        definition = dn.registry()[ident.removeprefix("derived-").replace("-", "_")]
        assert title.startswith(definition.definition) and "Inputs: " in title and "Computed by" in title, title
        assert all(name in title for name in definition.inputs), (ident, title)
        found[(ident, text)] += 1
    assert found == expected, f"{page}: derived numbers in the ledger vs links in the HTML"


def test_the_appendix_lists_every_derived_number_with_its_pages(built_html):
    text = (HTML / "book" / "appendix" / "derived-numbers.html").read_text(encoding="utf-8")
    for ident in dn.registry():
        assert f'id="{anchor(ident)}"' in text, ident
    entry = text[text.index(f'id="{anchor("good_air_days_still_needed")}"'):]
    entry = re.sub(r"<[^>]+>", "", entry[:entry.index(f'id="{anchor("good_air_days_remaining")}"')])
    assert "Printed on" in entry and "(as rest_needed)" in entry and "(as air_more_days)" in entry
    assert "good_air_days_target = " in entry and "tenprograms.analysis.derived_functions.good_air_days_still_needed" in entry


@pytest.mark.skipif(not TEX.exists(), reason="needs the PDF build: make book")
def test_the_pdf_prints_the_plain_number(built_pdf):
    tex = TEX.read_text(encoding="utf-8")
    # the appendix page is in the PDF, but nothing links to its entries, and no number carries a link
    assert not re.search(r"hyperref\[\\detokenize\{book/appendix/derived-numbers:derived-|derived-numbers\.html", tex)
    assert "73\\%" in tex
