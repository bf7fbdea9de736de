"""The sources of the outside facts (data/sources.csv, review A6): each is one row, every fact names one,
each is a generated bibliography entry in both editions, and the table of outside facts cites it.

A bad source is a validation error naming file, row and column; the generated .bib has one entry per
source; the built bibliography (English and Chinese) lists each; each row of the table of outside facts
links to its source's entry.
"""
from __future__ import annotations

import html
import re

import pybtex.database
import pytest
from conftest import assert_reported, read_rows, write_rows

from tenprograms import load_dataset
from tenprograms.data import facts
from tenprograms.render import pages
from tenprograms.render.bilingual import facts_frame_zh
from tenprograms.sphinxext import sources_bib


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


# ---------------------------------------------------------------- validation

def test_each_fact_carries_its_sources_columns(ds):
    """load_dataset joins the source's columns onto ds.context, as context.csv held them before."""
    for fact_id, row in ds.context.iterrows():
        source = ds.sources.loc[row["source_id"]]
        for column in ("source", "source_zh", "seen_at", "seen_on", "copy_kind", "grade"):
            assert row[column] == source[column], (fact_id, column)


def test_an_unknown_source_id_is_rejected(data_copy):
    rows = read_rows(data_copy / "context.csv")
    column = rows[0].index("source_id")
    rows[3][column] = "no_such_source"
    write_rows(data_copy / "context.csv", rows)
    assert_reported(data_copy, "data/context.csv", "line 4", f"fact_id={rows[3][0]}", "column source_id",
                    "'no_such_source' is not in sources")


def test_a_source_no_fact_uses_is_rejected(data_copy):
    rows = read_rows(data_copy / "sources.csv")
    unused = list(rows[1])
    unused[0] = "hubei_daily_2099"
    write_rows(data_copy / "sources.csv", [*rows, unused])
    assert_reported(data_copy, "data/sources.csv", f"line {len(rows) + 1}", "source_id=hubei_daily_2099",
                    "column source_id", "is the source of no outside fact")


@pytest.mark.parametrize("column", ["author", "author_zh", "source", "source_zh", "seen_at", "seen_on",
                                    "copy_kind", "grade"])
def test_a_source_missing_a_required_field_is_rejected(data_copy, column):
    rows = read_rows(data_copy / "sources.csv")
    rows[2][rows[0].index(column)] = ""
    write_rows(data_copy / "sources.csv", rows)
    assert_reported(data_copy, "data/sources.csv", "line 3", f"source_id={rows[2][0]}", f"column {column}",
                    "is empty but required")


def test_a_duplicate_source_id_is_rejected(data_copy):
    rows = read_rows(data_copy / "sources.csv")
    rows[3][0] = rows[2][0]
    write_rows(data_copy / "sources.csv", rows)
    assert_reported(data_copy, "data/sources.csv", "line 4", "column source_id", "duplicate value")


# ---------------------------------------------------------------- the generated entries

@pytest.mark.parametrize("zh", [False, True])
def test_one_entry_per_source_and_every_fact_cites_one(ds, zh):
    entries = pybtex.database.parse_string(sources_bib.bibtex(ds, zh=zh), "bibtex").entries
    assert list(entries) == [facts.citation_key(s) for s in ds.sources.index]
    assert {facts.citation_key(s) for s in ds.context["source_id"]} <= set(entries)
    for source_id, row in ds.sources.iterrows():
        fields = entries[facts.citation_key(source_id)].fields
        assert fields["title"] == "{" + (row["source_zh"] if zh else row["source"]) + "}"   # braced: kept as written
        assert fields["url"] == row["seen_at"] and fields["urldate"] == f"{row['seen_on']:%Y-%m-%d}"
        assert ("year" in fields) == (row["year"] == row["year"])          # NaN: no year, the entry says n.d.
        assert row["grade"] in fields["note"]


def test_the_bib_file_is_rewritten_only_when_it_changes(tmp_path, ds):
    path = tmp_path / "sources-en.bib"
    assert sources_bib.write(path, sources_bib.bibtex(ds))
    before = path.stat().st_mtime_ns
    assert not sources_bib.write(path, sources_bib.bibtex(ds))
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize("frame", [lambda ds: pages.facts_table(ds).frame.iloc[:, 2],
                                   lambda ds: facts_frame_zh(ds)["来源（等级）及查阅处"]])
def test_the_facts_table_cites_each_facts_source(ds, frame):
    cells = list(frame(ds))
    assert len(cells) == len(ds.context)
    for cell, source_id in zip(cells, ds.context["source_id"]):
        assert re.search(r"\{cite:p\}`([^`]+)`", cell).group(1) == facts.citation_key(source_id)


# ---------------------------------------------------------------- the built book

def _text(fragment: str) -> str:
    """Visible text of an HTML fragment, with the typographic apostrophe made straight."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("’", "'").replace("\n", " ")


def _entries(page: str) -> dict[str, str]:
    """The bibliography's entries on a built page: id → text."""
    found = re.findall(r'<div class="citation" id="([^"]+)"[^>]*>(.*?)</div>', page, re.S)
    return {i: _text(body) for i, body in found}


@pytest.mark.parametrize("zh", [False, True])
def test_the_built_bibliography_lists_every_source(built_html, ds, zh):
    site = built_html / "zh" if zh else built_html
    entries = _entries((site / "book" / "appendix" / "references.html").read_text(encoding="utf-8"))
    texts = " ".join(entries.values())
    for source_id, row in ds.sources.iterrows():
        description = row["source_zh"] if zh else row["source"]
        assert description.replace("’", "'") in texts, source_id
        assert row["seen_at"] in texts, source_id


@pytest.mark.parametrize("zh", [False, True])
def test_each_row_of_the_facts_table_links_to_its_sources_entry(built_html, ds, zh):
    site = built_html / "zh" if zh else built_html
    entries = _entries((site / "book" / "appendix" / "references.html").read_text(encoding="utf-8"))
    page = (site / "book" / "context.html").read_text(encoding="utf-8")
    for fact_id, row in ds.context.iterrows():
        match = re.search(rf'<tr[^>]*><td><p><span class="target" id="{facts.anchor(fact_id)}">.*?</tr>', page, re.S)
        assert match, fact_id
        links = re.findall(r'href="appendix/references\.html#([^"]+)"', match.group(0))
        assert links, f"{fact_id}: its row links to no bibliography entry"
        description = row["source_zh"] if zh else row["source"]
        assert description.replace("’", "'") in entries[links[0]], fact_id
