"""The citations of the book and of each chapter agree with CITATION.cff."""
from __future__ import annotations

import yaml

from tenprograms import load_dataset
from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import cite


def test_citations_carry_the_version_and_title_of_citation_cff():
    meta = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    text = cite.citations_markdown(load_dataset())
    # the book, and one chapter as the pattern for all (review 2: one citation pattern instead of ten)
    assert text.count(f"version {meta['version']}") == 2 and text.count(f"版本 {meta['version']}") == 2
    assert meta["title"] in text and "引用格式" in text
    assert load_dataset().programs["name_zh"].iloc[0] in text


def test_the_url_replaces_the_placeholder(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8") + "url: https://example.org/book\n",
                   encoding="utf-8")
    meta = cite.metadata(cff)
    english, _ = cite.chapter(meta, 7, "Market Entity Cultivation", "市场主体培育工程", "book/programs/07-market.html")
    assert english.endswith("https://example.org/book/book/programs/07-market.html")


def test_without_an_address_a_citation_names_the_edition_and_no_placeholder():
    meta = cite.metadata()
    assert not meta["url"], "CITATION.cff has a url: this test is about the book without one"
    texts = [*cite.book(meta), *cite.chapter(meta, 7, "Market Entity Cultivation", "市场主体培育工程", "p.html"),
             cite.bibtex(meta), cite.ris(meta)]
    for text in texts:
        assert meta["version"] in text and meta["date"].replace("-", "/") in text.replace("-", "/")
        assert "URL" not in text and "http" not in text and "TO-BE" not in text

