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
from docutils.utils.smartquotes import educateQuotes

from tenprograms import load_dataset
from tenprograms.data import facts
from tenprograms.render import fmt_zh, pages
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
        # braced: kept as written (the English with curly quotes, as the prose has them)
        assert fields["title"] == "{" + (row["source_zh"] if zh else educateQuotes(row["source"], "en")) + "}"
        seen_on = fmt_zh.date(row["seen_on"]) if zh else f"{row['seen_on']:%-d %B %Y}"   # in the edition's words
        assert fields["url"] == row["seen_at"] and fields["urldate"] == seen_on
        assert ("year" in fields) == (row["year"] == row["year"])          # NaN: no year, the entry says n.d.
        assert row["grade"] in fields["note"]


def test_the_bib_file_is_rewritten_only_when_it_changes(tmp_path, ds):
    path = tmp_path / "sources-en.bib"
    assert sources_bib.write(path, sources_bib.bibtex(ds))
    before = path.stat().st_mtime_ns
    assert not sources_bib.write(path, sources_bib.bibtex(ds))
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize("frame", [lambda ds: pages.facts_table(ds).frame["Source"],
                                   lambda ds: facts_frame_zh(ds)["来源（等级）"]])
def test_the_facts_table_cites_each_facts_source(ds, frame):
    cells, listed = list(frame(ds)), facts.listed(ds)     # the 2018 targets are in their own table
    assert len(cells) == len(listed)
    for cell, source_id in zip(cells, listed["source_id"]):
        assert re.search(r"\{cite:p\}`([^`]+)`", cell).group(1) == facts.citation_key(source_id)


# ---------------------------------------------------------------- the built book

def _text(fragment: str) -> str:
    """Visible text of an HTML fragment, with the typographic quotes and apostrophes made straight."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("’", "'").replace("‘", "'").replace("\n", " ")


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
    for fact_id, row in facts.listed(ds).iterrows():     # the 2018 targets: in their own table, cited once
        match = re.search(rf'<tr[^>]*><td><p><span class="target" id="{facts.anchor(fact_id)}">.*?</tr>', page, re.S)
        assert match, fact_id
        links = re.findall(r'href="appendix/references\.html#([^"]+)"', match.group(0))
        assert links, f"{fact_id}: its row links to no bibliography entry"
        description = row["source_zh"] if zh else row["source"]
        assert description.replace("’", "'") in entries[links[0]], fact_id


# ---------------------------------------------------------------- the bibliography's form (sphinxext/bibstyle.py)

LABEL = r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">\]'


def _labels(page: str) -> list[str]:
    """The bibliography's labels on a built page, in their order, without the brackets."""
    return [_text(label) for label in re.findall(LABEL, page)]


@pytest.mark.parametrize("zh", [False, True])
def test_each_entry_is_labelled_as_the_text_cites_it(built_html, zh):
    """The review: "[XiangyangDaily20]" in the list against "[襄阳日报 (Xiangyang Daily), 2020]" in the text
    (and "[20a]" in the Chinese edition). Every citation's text is its entry's label."""
    site = built_html / "zh" if zh else built_html
    references = (site / "book" / "appendix" / "references.html").read_text(encoding="utf-8")
    label_of = {i: _text(label) for i, label in re.findall(r'<div class="citation" id="([^"]+)"[^>]*>\s*' + LABEL,
                                                            references)}
    assert len(label_of) == len(_labels(references)) > 20
    cited = 0
    for page in (site / "book").rglob("*.html"):
        # [label] ({cite:p}), or [year] after the author ({cite:t})
        for target, text in re.findall(r'\[<a [^>]*href="(?:[./a-z-]*/)?references\.html#([^"]+)"[^>]*>(.*?)</a>\]',
                                       page.read_text(encoding="utf-8")):
            if target in label_of:
                label = label_of[target]
                assert _text(text) in (label, label.rsplit(", ", 1)[-1]), (page.name, text)
                cited += 1
    assert cited > 40
    # the entry does not repeat its label: no author-and-year before the title, no "visited on"
    body = _entries(references)
    assert not any(text.startswith(("Hubei Daily. Hubei Daily", "湖北日报. ")) for text in body.values())
    assert ("visited on" in " ".join(body.values())) is False


def test_the_chinese_bibliography_is_in_pinyin_order_and_in_chinese(built_html, ds):
    references = (built_html / "zh" / "book" / "appendix" / "references.html").read_text(encoding="utf-8")
    labels = _labels(references)
    pinyin = {f"{r['author_zh']}, {int(r['year']) if r['year'] == r['year'] else 'n.d.'}":
              (r["author_pinyin"], str(int(r["year"])) if r["year"] == r["year"] else "") for _, r in ds.sources.iterrows()}
    pinyin["襄阳日报, 2020"] = ("xiangyang ribao", "2020")      # the report (book/references-zh.bib)
    assert set(labels) == set(pinyin), set(labels) ^ set(pinyin)
    assert sorted(labels, key=pinyin.__getitem__) == labels
    body = " ".join(_entries(references).values())
    assert "URL:" not in body and "网址：" in body and "查阅日期：" in body
