"""Chinese words in the site's search index: Sphinx's Chinese search language (jieba) with a user
dictionary generated from the data, while the interface and English search stay as they are.

Without it the index treats a run of Chinese characters as one word, so a two-character word such as
党员 inside running text is never found. With `html_search_language = "zh"` Sphinx segments Chinese
with jieba (`cut_for_search`, which also indexes the parts of long words) and still stems English.
The user dictionary — every glossary term, indicator name, program name and the Chinese of every
outside fact — teaches jieba the report's own words (稻虾共作, 营商环境, 优良天数), so each is indexed
whole as well as in parts.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from sphinx import search

from ..data.paths import data_dir

#: Words jieba must know: Chinese runs of at least two characters from these columns of data/.
SOURCES = {"glossary.csv": ["term_zh"], "metrics.csv": ["indicator_zh"], "programs.csv": ["name_zh"]}
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def user_words(data: Path) -> list[str]:
    words = set()
    for name, columns in SOURCES.items():
        with open(data / name, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                for column in columns:
                    words.update(_CHINESE_RUN.findall(row.get(column) or ""))
    return sorted(words)


def write_user_dictionary(data: Path, target: Path) -> Path:
    """jieba's format: one word a line with a frequency high enough to win over its parts."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(f"{w} 100000\n" for w in user_words(data)), encoding="utf-8")
    return target


class SearchChineseBook:
    """Sphinx's Chinese search language, plus: every word of the user dictionary that occurs in a
    text is indexed whole. jieba alone would miss 稻虾共作 inside the longer indicator name
    稻虾共作面积 (cut_for_search adds only two- and three-character parts of a long word)."""

    @staticmethod
    def make():
        # deferred: sphinx.search.zh imports jieba, needed only when the zh language is registered
        from sphinx.search.zh import SearchChinese

        class Book(SearchChinese):
            words: list[str] = []

            def init(self, options):
                super().init(options)
                path = options.get("dict")
                if path and Path(path).is_file():
                    self.words = [line.split(" ")[0] for line in Path(path).read_text(encoding="utf-8").splitlines()]

            def split(self, input: str) -> list[str]:
                tokens = super().split(input)
                return tokens + [w for w in self.words if w in input and w not in tokens]

        return Book


def _configure(app, config):
    if config.html_search_language != "zh":
        return
    target = Path(app.outdir).parent / "search-dictionary.txt"
    config.html_search_options = {**(config.html_search_options or {}),
                                  "dict": str(write_user_dictionary(data_dir(), target))}


def setup(app):
    search.languages["zh"] = SearchChineseBook.make()
    app.connect("config-inited", _configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
