"""Chinese words and printed numbers in the site's search index: Sphinx's Chinese search language
(jieba) with a user dictionary generated from the data, while the interface and English search stay
as they are.

Without it the index treats a run of Chinese characters as one word, so a two-character word such as
党员 inside running text is never found. With `html_search_language = "zh"` Sphinx segments Chinese
with jieba (`cut_for_search`, which also indexes the parts of long words) and still stems English.
The user dictionary — every glossary term, indicator name and program name, and the names in the
data package's title and its source's title (十大工程, 襄阳日报) — teaches jieba the report's own
words (稻虾共作, 营商环境, 优良天数), so each is indexed whole as well as in parts.

Numbers: the book prints them with thousands separators ("509,158"), which would index 509 and 158.
The index holds the digits without separators (509158), and the search page's query splitter
(QUERY_JS, in language_data.js) removes them from a query the same way and searches all-digit
terms, which Sphinx's searchtools.js otherwise drops.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

from sphinx import search

from ..data.paths import data_dir

#: Words jieba must know: Chinese runs of at least two characters from these columns of data/.
SOURCES = {"glossary.csv": ["term_zh"], "metrics.csv": ["indicator_zh"], "programs.csv": ["name_zh"]}
#: ... and from the data package's own title and its sources' titles: the names of the ten programs
#: as a whole (十大工程) and of the newspaper that printed the report (襄阳日报).
PACKAGE = "datapackage.json"
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
#: A number printed with thousands separators: 509,158 or 5,260,951 (not 1,2345, not a list 12,34).
GROUPED_NUMBER = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?!\d)")
#: The search page's query splitter: the browser's half of ungroup_numbers. Sphinx puts a search
#: language's `js_splitter_code` into language_data.js, which the search page loads after
#: searchtools.js (whose default splitQuery it replaces) and before the search starts.
QUERY_JS = r"""
/* The book's query splitter (src/tenprograms/sphinx_search.py). Numbers: the book prints 509,158
 * and the index holds 509158. A query's thousands separators are removed the same way
 * (GROUPED_NUMBER), and all-digit terms are searched: searchtools.js drops every term matching
 * /^\d+$/. */
const BOOK_GROUPED_NUMBER = /(?<![\d,])\d{1,3}(?:,\d{3})+(?!\d)/g;

/* Sphinx's default splitter, after the separators are removed from numbers. */
var splitQuery = (query) => query
  .replace(BOOK_GROUPED_NUMBER, (number) => number.replace(/,/g, ""))
  .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
  .filter((term) => term);

/* 509158 -> 509,158: the number as the pages print it. */
const bookGrouped = (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ",");

const bookSearchNumbers = () => {
  /* Sphinx's query parser, plus the all-digit terms it drops. */
  const parse = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = parse(query);
    const [, searchTerms, , highlightTerms] = parsed;
    splitQuery(query.trim())
      .filter((term) => /^\d+$/.test(term))
      .forEach((digits) => {
        searchTerms.add(digits);
        highlightTerms.add(digits);
        highlightTerms.add(bookGrouped(digits));
      });
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
    return parsed;
  };
  /* A result's summary is the text around a search term: around the number as printed, too. */
  const summarise = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => summarise(
    htmlText, [...keywords].flatMap((k) => (/^\d+$/.test(k) ? [k, bookGrouped(k)] : [k])), anchor);
};
/* The search starts when the page has loaded: patch before (listeners run in the order added). */
if (typeof Search !== "undefined") bookSearchNumbers();
else document.addEventListener("DOMContentLoaded", bookSearchNumbers);
"""


def ungroup_numbers(text: str) -> str:
    """'509,158 entities' -> '509158 entities': a number is indexed as the digits a reader types."""
    return GROUPED_NUMBER.sub(lambda m: m.group().replace(",", ""), text)


def user_words(data: Path) -> list[str]:
    words = set()
    for name, columns in SOURCES.items():
        with open(data / name, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                for column in columns:
                    words.update(_CHINESE_RUN.findall(row.get(column) or ""))
    package = json.loads((data / PACKAGE).read_text(encoding="utf-8"))
    titles = [package.get("title") or ""] + [s.get("title") or "" for s in package.get("sources") or []]
    for title in titles:
        words.update(_CHINESE_RUN.findall(title))
    return sorted(words)


def write_user_dictionary(data: Path, target: Path) -> Path:
    """jieba's format: one word a line with a frequency high enough to win over its parts."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(f"{w} 100000\n" for w in user_words(data)), encoding="utf-8")
    return target


class SearchChineseBook:
    """Sphinx's Chinese search language, plus: every word of the user dictionary that occurs in a
    text is indexed whole (jieba alone would miss 稻虾共作 inside the longer indicator name
    稻虾共作面积: cut_for_search adds only two- and three-character parts of a long word), and a
    number printed with thousands separators is indexed as its digits."""

    @staticmethod
    def make():
        # deferred: sphinx.search.zh imports jieba, needed only when the zh language is registered
        from sphinx.search.zh import SearchChinese

        class Book(SearchChinese):
            words: list[str] = []
            js_splitter_code = QUERY_JS

            def init(self, options):
                super().init(options)
                path = options.get("dict")
                if path and Path(path).is_file():
                    self.words = [line.split(" ")[0] for line in Path(path).read_text(encoding="utf-8").splitlines()]

            def split(self, input: str) -> list[str]:
                input = ungroup_numbers(input)
                tokens = super().split(input)
                return tokens + [w for w in self.words if w in input and w not in tokens]

        return Book


def _configure(app, config):
    if config.html_search_language != "zh":
        return
    target = Path(app.outdir).parent / "search-dictionary.txt"
    path = write_user_dictionary(data_dir(), target)
    # The digest makes a change of the dictionary or of this module's splitting a change of the
    # config, so Sphinx re-indexes every page instead of keeping the old index for unchanged ones.
    digest = hashlib.sha256(path.read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(path), "digest": digest}


def setup(app):
    search.languages["zh"] = SearchChineseBook.make()
    app.connect("config-inited", _configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

