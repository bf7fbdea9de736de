"""The claims table (data/claims.csv): it validates, bad rows are stopped with file, row and column,
Table 1 is built from it, and the page of claims lists every claim."""
from __future__ import annotations

import re

import pytest
from conftest import assert_reported, read_rows, write_rows

from tenprograms import load_dataset
from tenprograms.analysis.assessment import load_assessment
from tenprograms.analysis.audit import GROUPS
from tenprograms.analysis.claims import headline, headline_problems
from tenprograms.build.prose_numbers import typed_numbers
from tenprograms.data.claims import COULD_FAIL_CHECKS
from tenprograms.render import templates

CLAIMS = "data/claims.csv"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _edit(data, claim_id: str, column: str, value: str) -> int:
    """Set one cell of one claim's row in a copy; return the file line of the row."""
    path = data / "claims.csv"
    rows = read_rows(path)
    col = rows[0].index(column)
    for number, row in enumerate(rows[1:], start=2):
        if row[0] == claim_id:
            row[col] = value
            write_rows(path, rows)
            return number
    raise AssertionError(f"no claim {claim_id}")


# ---------------------------------------------------------------- the table as it is

def test_the_claims_table_validates_with_enough_claims_for_every_program(ds):
    claims = ds.claims
    assert len(claims) >= 40
    per_program = claims.groupby("program").size()
    assert set(per_program.index) == set(ds.programs["program"]) and (per_program >= 3).all(), per_program
    assert (claims["headline"] == "yes").sum() == len(ds.programs)


def test_each_headline_is_the_assessments_claim_and_agrees_on_its_checks(ds):
    assert headline_problems(ds, load_assessment(ds)) == []


def test_the_could_fail_kinds_are_the_audits():
    assert COULD_FAIL_CHECKS == {kind for kind, group in GROUPS.items() if group == "could fail"}


def test_no_reason_types_a_number(ds):
    typed = {r.claim_id: typed_numbers(r.reason) for r in ds.claims.itertuples() if typed_numbers(r.reason)}
    assert not typed, typed


# ---------------------------------------------------------------- bad rows are stopped

@pytest.mark.parametrize("column, bad, kind", [
    ("metric_ids", "market_stock_total market_stock_totl", "metric_id 'market_stock_totl'"),
    ("relation_ids", "market_new_sum no_such_relation", "relation_id 'no_such_relation'"),
    ("fact_ids", "ctx_no_such_fact", "fact_id 'ctx_no_such_fact'"),
    ("outside_fact_ids", "ctx_target_market_entities ctx_missing", "fact_id 'ctx_missing'"),
])
def test_an_unknown_id_is_named_with_file_row_and_column(data_copy, column, bad, kind):
    line = _edit(data_copy, "market_stock", column, bad)
    assert_reported(data_copy, CLAIMS, f"line {line}", "claim_id=market_stock", f"column {column}", kind)


def test_a_quote_not_in_the_source_is_stopped(data_copy):
    line = _edit(data_copy, "ecology_good_days", "quote", "优良天数199天")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column quote", "not found verbatim on source line 46")


def test_a_check_that_cannot_fail_is_not_internal_consistency(data_copy):
    line = _edit(data_copy, "tourism_spots_reopened", "internally_consistent", "tourism_a_level_reopened_le_total")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column internally_consistent", "bound check, which cannot fail")


def test_none_cannot_hide_a_check_that_covers_the_claim(data_copy):
    line = _edit(data_copy, "livelihood_kindergartens", "internally_consistent", "none")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column internally_consistent",
                    "leaves out livelihood_kindergartens_sum")


def test_an_outside_verdict_names_its_facts_and_none_found_names_none(data_copy):
    line = _edit(data_copy, "livelihood_counties_delisted", "outside_fact_ids", "")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column outside_fact_ids", "needs its facts")
    line = _edit(data_copy, "growth_permit_days", "outside_fact_ids", "ctx_programs_launch")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column outside_fact_ids", "'none found'")


def test_a_reason_with_a_typed_number_and_a_second_headline_are_stopped(data_copy):
    line = _edit(data_copy, "market_stock", "reason", "Far below the 700,000 target.")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column reason", "types a number")
    line = _edit(data_copy, "market_stock", "headline", "yes")
    assert_reported(data_copy, CLAIMS, "column headline", "program 7 has 2 headline claims")


def test_a_verdict_outside_the_schema_is_stopped(data_copy):
    line = _edit(data_copy, "market_stock", "outside_evidence", "trusted")
    assert_reported(data_copy, CLAIMS, f"line {line}", "column outside_evidence", "not one of")


# ---------------------------------------------------------------- Table 1 is built from the table

def test_table_1_shows_the_two_verdicts_and_no_trust_grade(ds):
    frame = templates.overview_frame(ds, load_assessment(ds), myst=False)
    assert "Status of the claim" not in frame.columns
    assert {"Checks inside the report", "Outside evidence (grade)"} <= set(frame.columns)
    row = frame.set_index("Program").loc[f"{ds.program(9)['name_en']} ({ds.program(9)['name_zh']})"]  # with its Chinese name
    assert row["Checks inside the report"].startswith("Consistent")
    assert re.match(r"Qualified(†[ABC])+: ", row["Outside evidence (grade)"])
    assert not any("trust" in str(cell) for cell in frame.to_numpy().ravel())


def test_changing_a_verdict_in_the_claims_table_changes_table_1(data_copy):
    before = templates.overview_frame(load_dataset(data_copy), load_assessment(load_dataset(data_copy)), myst=False)
    _edit(data_copy, "ecology_good_days", "outside_evidence", "contradicted")
    _edit(data_copy, "growth_permit_days", "reason", "A changed reason.")
    _edit(data_copy, "growth_permit_days", "outside_evidence", "confirmed")
    _edit(data_copy, "growth_permit_days", "outside_fact_ids", "ctx_programs_launch")
    ds = load_dataset(data_copy)
    after = templates.overview_frame(ds, load_assessment(ds), myst=False)
    cell = after["Outside evidence (grade)"]
    assert cell[8].startswith("Contradicted†") and not before["Outside evidence (grade)"][8].startswith("Contradicted")
    assert cell[0].startswith("Confirmed†C: A changed reason")
    assert headline(ds, 1)["claim_id"] == "growth_permit_days"


# ---------------------------------------------------------------- the page

def test_the_page_lists_every_claim_and_offers_the_csv(built_html, ds):
    page = (built_html / "book" / "across" / "claims.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*claims\.csv"', page), "no download link to data/claims.csv"
    # the page's text as a reader sees it: Chinese runs sit in lang="zh-Hans" spans
    text = re.sub(r"<[^>]+>", "", page).replace("“", "").replace("”", "")
    for quote in ds.claims["quote"]:
        assert quote.replace("“", "").replace("”", "")[:6] in text
    intro = (built_html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "Outside evidence (grade)" in intro and "Status of the claim" not in intro
