"""Outside facts (data/context.csv): they load, a fact without its source is rejected, and the
{outside} and {ctx} roles render the value and a dagger that links to the fact's row, in HTML and LaTeX.

The role tests build a three-page Sphinx project in a temporary folder (MyST, as the book's pages are):
a chapter that uses the roles, and a context page that prints `pages.facts_table(ds)`.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import textwrap

import pytest
from conftest import REPO_ROOT, assert_reported, read_rows, write_rows
from sphinx.application import Sphinx
from sphinx.errors import SphinxWarning
from sphinx.util.docutils import docutils_namespace, patch_docutils

from tenprograms import load_dataset
from tenprograms.data import facts as context
from tenprograms.render import pages, targets2018

#: The fact ids the chapters and the assessment name; chapters may use them before they read the CSV.
FIXED_IDS = """ctx_programs_launch ctx_population_2020 ctx_population_2010 ctx_county_units ctx_census_units ctx_area
ctx_gdp_2019 ctx_newspaper ctx_target_gdp_2020 ctx_target_digital_lines_2018 ctx_target_digital_workshops_2018
ctx_target_digital_share ctx_target_new_economy_firms ctx_target_top500_firms ctx_target_clusters
ctx_target_han_river_km ctx_target_good_air_share ctx_target_market_entities ctx_target_talent_fund
ctx_target_graduates_per_year ctx_target_talent_teams ctx_plan2019_organic_area ctx_plan2019_rice_shrimp_new
ctx_plan2019_tea_gardens ctx_plan2019_sanpin_products ctx_plan2019_leisure_sites ctx_plan2019_demo_coops
ctx_plan2019_farmers_trained""".split()


# ---------------------------------------------------------------- the data

def test_context_loads_with_every_fixed_id():
    ds = load_dataset()
    assert set(FIXED_IDS) <= set(ds.context.index)
    assert ds.context.loc["ctx_target_market_entities", "value"] == 700000
    assert context.display(ds, "ctx_target_good_air_share") == "74% or more"
    assert context.value(ds, "ctx_gdp_2019") == 4812.8e8
    assert ds.context["caution"].str.len().min() > 0 and ds.context["source"].str.len().min() > 0
    with pytest.raises(KeyError, match="ctx_nope.*data/context.csv"):
        context.value(ds, "ctx_nope")


def edit_cell(data_dir, file, row_id, column, value):
    """Set one cell of the row whose first column is row_id (data/<file>); return its line number."""
    rows = read_rows(data_dir / file)
    ids = [r[0] for r in rows]
    rows[ids.index(row_id)][rows[0].index(column)] = value
    write_rows(data_dir / file, rows)
    return ids.index(row_id) + 1


def edit_fact(data_dir, fact_id, column, value):
    return edit_cell(data_dir, "context.csv", fact_id, column, value)


def edit_source(data_dir, source_id, column, value):
    return edit_cell(data_dir, "sources.csv", source_id, column, value)


#: The source of ctx_target_market_entities (data/sources.csv).
MARKET_SOURCE = "hubei_daily_2018"


@pytest.mark.parametrize("column", ["source_id", "caution"])
def test_a_fact_without_its_provenance_is_rejected(data_copy, column):
    line = edit_fact(data_copy, "ctx_target_market_entities", column, "")
    assert_reported(data_copy, "data/context.csv", f"line {line}", "fact_id=ctx_target_market_entities",
                    f"column {column}", "is empty but required")


@pytest.mark.parametrize("column", ["source", "seen_at", "seen_on"])
def test_a_source_without_its_provenance_is_rejected(data_copy, column):
    line = edit_source(data_copy, MARKET_SOURCE, column, "")
    assert_reported(data_copy, "data/sources.csv", f"line {line}", f"source_id={MARKET_SOURCE}",
                    f"column {column}", "is empty but required")


@pytest.mark.parametrize("column, value, message", [
    ("program", "11", "11 is not in programs"),
    ("compare_with", "market_no_such_figure", "is not in metrics"),
    ("topic", "gossip", "is not one of"),
    ("fact_id", "target-market", "does not match"),
    ("display", "70,000", "prints 70000, not the value 700000"),
    ("unit_en", "", "needs its unit"),
    ("source_id", "hubei_daily_2019", "'hubei_daily_2019' is not in sources"),
    # the source was seen on 2026-12-01
    ("reference_date", "2026-12-02", "is after the day its source hubei_daily_2018 was seen (2026-12-01)"),
])
def test_a_bad_fact_is_rejected_naming_line_and_column(data_copy, column, value, message):
    line = edit_fact(data_copy, "ctx_target_market_entities", column, value)
    assert_reported(data_copy, "data/context.csv", f"line {line}", f"column {column}", message)


@pytest.mark.parametrize("column, value, message", [
    ("seen_at", "bcjhc.cn/html/780251.htm", "does not match"),
    ("seen_on", "2026-02-30", "is not an ISO date"),
    ("seen_on", "2999-01-01", "is in the future"),
    ("copy_kind", "a friend told me", "is not one of"),
    ("grade", "D", "is not one of"),
    # the source is a third-party copy: only grade C fits
    ("grade", "A", "A does not fit copy_kind 'third-party copy' (which allows C)"),
])
def test_a_bad_source_is_rejected_naming_line_and_column(data_copy, column, value, message):
    line = edit_source(data_copy, MARKET_SOURCE, column, value)
    assert_reported(data_copy, "data/sources.csv", f"line {line}", f"column {column}", message)


def test_a_grade_that_does_not_fit_a_changed_copy_kind_is_rejected(data_copy):
    # the grade stays C while the copy is said to be the publisher's own page: the grade is the column at fault
    line = edit_source(data_copy, MARKET_SOURCE, "copy_kind", "original")
    assert_reported(data_copy, "data/sources.csv", f"line {line}", "column grade",
                    "C does not fit copy_kind 'original' (which allows A)")


def test_display_numbers():
    from tenprograms.data.checks import display_number

    assert display_number("¥481.28 billion") == 481280000000
    assert display_number("74% or more") == 74
    assert display_number("19,728 km²") == 19728
    assert display_number("about 1,000") == 1000
    assert display_number("the organ (机关报) of the committee") is None


# ---------------------------------------------------------------- the roles, built

CONF = """
extensions = ["myst_parser", "tenprograms.sphinxext.site", "sphinxcontrib.bibtex", "tenprograms.sphinxext.sources_bib"]
# the sources' entries are generated (sources_bib); the table of outside facts cites them
bibtex_bibfiles = []
bibtex_reference_style = "author_year"
myst_enable_extensions = ["colon_fence"]
root_doc = "index"
exclude_patterns = ["_build"]
tenprograms_context_doc = "context"
latex_engine = "xelatex"
numfig = True
latex_documents = [("index", "book.tex", "Test", "Test", "manual")]
"""

CHAPTER = """# A chapter

Market entities were to reach {outside}`ctx_target_market_entities` by 2020.
Nearly twenty thousand cards, a small share of the population{ctx}`ctx_population_2020`.
"""


def build(tmp_path, builder, chapter=CHAPTER, facts_table=True):
    """Build the little project with `builder` as the book does (-W: a warning fails the build)."""
    src = tmp_path / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Test\n\n```{toctree}\nchapter\ncontext\nreferences\n```\n", encoding="utf-8")
    (src / "references.md").write_text("# Bibliography\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8")
    (src / "chapter.md").write_text(chapter, encoding="utf-8")
    ds = load_dataset()
    targets = ds.context[ds.context["topic"] == "target_2018"]
    table = (targets2018.context_table(ds, targets, "Targets", "目标").en._repr_markdown_() + "\n\n"
             + pages.facts_table(ds)._repr_markdown_()) if facts_table else "No table."
    (src / "context.md").write_text(f"# Before the programs\n\n{table}\n", encoding="utf-8")
    out = tmp_path / "out" / builder
    warnings = io.StringIO()
    with patch_docutils(str(src)), docutils_namespace():
        app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees" / builder), builder,
                     status=None, warning=warnings, warningiserror=True, freshenv=True)
        app.build()
    return out


def test_outside_role_in_html(tmp_path):
    out = build(tmp_path, "html")
    page = (out / "chapter.html").read_text(encoding="utf-8")
    link = re.search(r'700,000<a class="[^"]*reference internal[^"]*" href="context.html#ctx-target-market-entities"'
                     r' title="From outside the report \(Grade C: [^"]*\): Hubei Daily[^"]*"><sup>†C</sup></a>', page)
    assert link, page[page.find("Market"):page.find("Market") + 600]
    # {ctx} prints the dagger only, right after the words it marks
    assert re.search(r'population<a [^>]*href="context.html#ctx-population-2020"[^>]*><sup>†C</sup></a>', page)
    assert "ctx_population_2020" not in re.sub(r"<[^>]+>", "", page)
    facts = (out / "context.html").read_text(encoding="utf-8")
    for fact_id in FIXED_IDS:
        assert f'id="{context.anchor(fact_id)}"' in facts, fact_id
    # the row cites its source; the source's entry in the bibliography gives the address it was seen at
    assert re.search(r'id="ctx-programs-launch".*?href="references.html#', facts, re.S)
    entries = (out / "references.html").read_text(encoding="utf-8")
    assert '<a class="reference external" href="http://bcjhc.cn/html/gundong/20180425/780251.htm">' in entries


def test_outside_role_in_latex(tmp_path):
    out = build(tmp_path, "latex")
    tex = (out / "book.tex").read_text(encoding="utf-8")
    ref = r"\hyperref[\detokenize{context:ctx-target-market-entities}]"
    assert "700,000{" + ref + r"{\sphinxcrossref{\textsuperscript{\textdagger C}}}}" in tex
    assert r"\label{\detokenize{context:ctx-target-market-entities}}" in tex
    assert r"\hyperref[\detokenize{context:ctx-population-2020}]" in tex
    assert r"\sphinxurl{http://bcjhc.cn/html/gundong/20180425/780251.htm}" in tex


def test_an_unknown_fact_fails_the_build(tmp_path):
    with pytest.raises(SphinxWarning, match="unknown outside fact 'ctx_no_such_fact'"):
        build(tmp_path, "html", chapter="# A chapter\n\nA number {outside}`ctx_no_such_fact`.\n")


def test_a_fact_without_its_row_in_the_context_chapter_fails_the_build(tmp_path):
    with pytest.raises(SphinxWarning, match="has no row in the tables tbl-context-facts or tbl-context-targets"):
        build(tmp_path, "html", facts_table=False)


def test_a_row_of_the_facts_table_must_be_a_fact(tmp_path, monkeypatch):
    real = pages.facts_table

    def with_a_stranger(ds):
        table = real(ds)
        table.frame.loc[len(table.frame)] = ["A fact nobody recorded.", "1", "Nobody.", "None."]
        return table

    monkeypatch.setattr(pages, "facts_table", with_a_stranger)
    with pytest.raises(SphinxWarning, match="is not an outside fact of data/context.csv"):
        build(tmp_path, "html", chapter=textwrap.dedent(CHAPTER))


def test_each_outside_fact_shows_the_same_number_in_both_editions():
    # display_zh is how the Chinese edition prints the fact (70万户, 2020年1月23日): the same number or
    # date as display, within its rounding, or the check below names the fact
    from tenprograms.render import fmt_zh

    rows = list(csv.DictReader(open(REPO_ROOT / "data" / "context.csv", encoding="utf-8")))
    assert all(r["display_zh"].strip() for r in rows)
    differ = [r["fact_id"] for r in rows if not fmt_zh.same_reading(r["display"], r["display_zh"])]
    assert differ == []
    # and the comparison bites: a Chinese display off by a factor of ten is caught
    assert not fmt_zh.same_reading("700,000", "7万户")
    assert not fmt_zh.same_reading("23 January 2020", "2020年1月22日")
