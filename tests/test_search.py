"""The site's search finds the book's words, names and numbers, in a real browser (Debian's Chromium):
every page whose text uses the word, or prints the number, is among the results.

Numbers: the book prints them with thousands separators ("509,158"); a query for 509158 or 509,158
finds them, as does 32792 (printed so in the Chinese quotes).

Needs the built site (`make test` builds it first).
"""
from __future__ import annotations

import csv
import functools
import re
from html import unescape
from urllib.parse import quote

import pytest
from conftest import REPO_ROOT as ROOT
from conftest import SITE  # the server and browser fixtures are conftest's

WORDS = ["党员", "脱贫", "稻虾共作", "营商环境", "优良天数", "market entities", "crayfish"]
#: The book's own names: the programs' collective name, the newspaper, each program's full name.
with open(ROOT / "data" / "programs.csv", encoding="utf-8-sig", newline="") as _f:
    PROGRAM_NAMES = [row["name_zh"] for row in csv.DictReader(_f)]
NAMES = ["十大工程", "襄阳日报", *PROGRAM_NAMES]
#: Numbers as a reader types them: bare digits, or with the separators the book prints.
NUMBERS = ["509158", "509,158", "32792", "32,792", "2020"]
#: Pages a search result can point to: the book's pages, not the search page or the index.
SKIP = {"search.html", "genindex.html"}
#: A number as printed: digits, optionally grouped in threes by commas ("509,158").
PRINTED_NUMBER = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d])|\d+")


@pytest.fixture(scope="module")
def search(server, browser):
    """search(query) -> {page: its summary}: the pages the site's search page lists for the query, as a
    real browser shows them, each with the text around the match that the list shows."""

    def run(query: str) -> dict[str, str]:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/search.html?q={quote(query)}", wait_until="networkidle")
        # the summary line is filled in only when the search has finished
        page.wait_for_function("(document.querySelector('#search-results p.search-summary') || {}).innerText",
                               timeout=20_000)
        # each result's summary arrives after its page is fetched
        page.wait_for_function("[...document.querySelectorAll('#search-results ul.search li')]"
                               ".every(li => li.querySelector('p.context'))", timeout=20_000)
        items = page.eval_on_selector_all("#search-results ul.search li", "els => els.map(li => "
                                          "[li.querySelector('a').getAttribute('href'), "
                                          "li.querySelector('p.context').innerText])")
        page.close()
        assert not errors, f"the search page for {query!r} raised: {errors}"
        return {re.sub(r"[?#].*$", "", href).lstrip("./"): summary for href, summary in items}

    yield run


@functools.cache
def page_texts() -> dict[str, str]:
    """The readable text of every built page (the article body, as Sphinx indexes it)."""
    texts = {}
    for path in SITE.rglob("*.html"):
        rel = str(path.relative_to(SITE))
        if rel in SKIP or rel.startswith(("_", "zh/")):  # zh/: the Chinese site, its own index (test_translations)
            continue
        html = path.read_text(encoding="utf-8")
        body = re.search(r'<article class="bd-article">(.*?)</article>', html, re.S)
        text = re.sub(r"<[^>]+>", " ", body.group(1) if body else "")
        texts[rel] = unescape(re.sub(r"\s+", " ", text))
    return texts


def uses(text: str, word: str) -> bool:
    if re.search(r"[\u4e00-\u9fff]", word):
        return word in text
    return all(re.search(rf"\b{w[:5]}", text, re.I) for w in word.split())


def prints(text: str, number: str) -> bool:
    """Whether the text prints the number, with or without thousands separators."""
    digits = number.replace(",", "")
    return any(m.replace(",", "") == digits for m in PRINTED_NUMBER.findall(text))


@pytest.mark.parametrize("word", WORDS + NAMES)
def test_search_finds_every_page_that_uses_the_word(word, search):
    expected = {p for p, text in page_texts().items() if uses(text, word)}
    assert expected, f"no built page uses {word!r}: the test would prove nothing"
    found = set(search(word))
    missing = sorted(expected - found)
    assert not missing, f"search for {word!r} misses pages that use it: {missing} (found {sorted(found)})"
    if word in NAMES:
        # a name is found whole, not as its parts (十大 and 工程 are on pages that never say 十大工程)
        assert found <= expected, f"search for {word!r} lists pages that do not use it: {sorted(found - expected)}"


@pytest.mark.parametrize("number", NUMBERS)
def test_search_finds_every_page_that_prints_the_number(number, search):
    expected = {p for p, text in page_texts().items() if prints(text, number)}
    assert expected, f"no built page prints {number!r}: the test would prove nothing"
    results = search(number)
    found = set(results)
    missing = sorted(expected - found)
    assert not missing, f"search for {number!r} misses pages that print it: {missing} (found {sorted(found)})"
    assert found <= expected, f"search for {number!r} lists pages that do not print it: {sorted(found - expected)}"
    # the list shows each page's text around the number, as printed (not the page's first lines)
    blind = sorted(p for p, summary in results.items() if not prints(summary, number))
    assert not blind, f"search for {number!r}: the summaries of {blind} do not show the number"


# The index's half, without a browser: the splitting that builds searchindex.js.

@pytest.mark.parametrize("text, indexed", [
    ("509,158 market entities", "509158 market entities"),
    ("5,260,951 people", "5260951 people"),
    ("市场主体32792户", "市场主体32792户"),
    ("1,2345 and 12,34 and 2019, 2020", "1,2345 and 12,34 and 2019, 2020"),  # not thousands groups
    ("9.3万余名", "9.3万余名"),
])
def test_numbers_are_indexed_without_separators(text, indexed):
    from tenprograms.sphinxext.search import ungroup_numbers

    assert ungroup_numbers(text) == indexed


def test_the_query_splitter_ungroups_numbers_as_the_index_does():
    from tenprograms.sphinxext.search import GROUPED_NUMBER, QUERY_JS

    js = re.search(r"const BOOK_GROUPED_NUMBER = /(.*)/g;", QUERY_JS)
    assert js, "the query splitter no longer defines BOOK_GROUPED_NUMBER"
    assert js.group(1) == GROUPED_NUMBER.pattern


def test_the_dictionary_holds_the_books_names():
    from tenprograms.sphinxext.search import user_words

    words = set(user_words(ROOT / "data"))
    missing = [name for name in NAMES if name not in words]
    assert not missing, f"the search dictionary lacks {missing}"
