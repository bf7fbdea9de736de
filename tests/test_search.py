"""The site's search finds Chinese words and English ones, in a real browser (Debian's Chromium):
every page whose text uses the word is among the results.

Needs the built site (`make test` builds it first).
"""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from conftest import SITE  # the server and browser fixtures are conftest's

WORDS = ["党员", "脱贫", "稻虾共作", "营商环境", "优良天数", "market entities", "crayfish"]
#: Pages a search result can point to: the book's pages, not the search page or the index.
SKIP = {"search.html", "genindex.html"}


def page_texts() -> dict[str, str]:
    """The readable text of every built page (the article body, as Sphinx indexes it)."""
    texts = {}
    for path in SITE.rglob("*.html"):
        rel = str(path.relative_to(SITE))
        if rel in SKIP or rel.startswith("_"):
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


@pytest.mark.parametrize("word", WORDS)
def test_search_finds_every_page_that_uses_the_word(word, server, browser):  # noqa: F811
    expected = {p for p, text in page_texts().items() if uses(text, word)}
    assert expected, f"no built page uses {word!r}: the test would prove nothing"
    page = browser.new_page()
    page.goto(f"{server}/search.html?q={quote(word)}", wait_until="networkidle")
    page.wait_for_function("document.querySelector('#search-results') && "
                           "!document.querySelector('#search-results').classList.contains('searching')"
                           " && document.querySelector('#search-results p.search-summary') !== null",
                           timeout=20_000)
    links = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.getAttribute('href'))")
    page.close()
    found = {re.sub(r"[?#].*$", "", href).lstrip("./") for href in links}
    missing = sorted(expected - found)
    assert not missing, f"search for {word!r} misses pages that use it: {missing} (found {sorted(found)})"
