"""book/derived.yml: every derived number defined once, and no page computing one again.

The ledger (book/numbers.csv, current by tests/test_ledger.py) gives each glued value's provenance: a
figure of the report (metric_ids), a registered derived number (derived_id), or neither. Every
glued value with digits must be one of the first two or exempt with a reason in book/derived.yml; a
value glued without the registry that shows what a registered number shows is that number computed
again, and fails.
"""
from __future__ import annotations

import csv
import re
import shutil

import pytest

import tenprograms as tp
from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import derived as dn

LEDGER = REPO_ROOT / "book" / "numbers.csv"

_MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December)"
#: The reasons book/derived.yml may give (`exempt:`) for a glued value with digits that is not registered,
#: each with what such a value must look like: a category that says "not a number" holds no bare number.
REASONS = {
    "text, not a number (a headline, a period's words or a unit as the report prints them, digits inside words)":
        lambda shown: re.search(r"[A-Za-z\u4e00-\u9fff]{2}|µg/m³", shown),
    "a date label (day and month of a figure's period or of an outside fact), not a quantity":
        lambda shown: re.fullmatch(rf"\d{{1,2}} {_MONTH}( \d{{4}})?", shown),
    "a calendar year read from a figure's period, used as a label":
        lambda shown: re.fullmatch(r"(19|20)\d\d", shown),
    "a count of the items one sentence of the source names (or of the county units it leaves unnamed), "
    "read from the quote printed beside it":
        lambda shown: re.fullmatch(r"[1-9]\d?", shown),
    "a threshold the source writes in words (过千万元, 5亿元以上), in English; part of a definition, not a "
    "figure of the dataset":
        lambda shown: re.fullmatch(r"¥\d+( million| billion)", shown),
    "a figure of the report in English words the glue suffixes do not give (two figures in one phrase, an "
    "ordinal, a unit noun the glossary lacks)":
        lambda shown: re.search(r"[A-Za-z]{2}", shown),
    "a date or period shown as a label (the period of a printed figure; the source's date as its manifest "
    "records it)":
        lambda shown: re.search(rf"{_MONTH}|\d{{4}}-\d\d-\d\d", shown),
    "the book's release (version and date from CITATION.cff), an identifier, not a quantity":
        lambda shown: re.fullmatch(r"\d+\.\d+\.\d+|\d{1,2} " + _MONTH + r" \d{4}|\d{4}-\d\d-\d\d", shown),
    # what is left to register (issue 27): any value, until it is registered
    "computed on this page only, not yet registered": lambda shown: True,
}


@pytest.fixture(scope="module")
def values():
    return dn.evaluate_all(tp.load_dataset())


@pytest.fixture(scope="module")
def rows():
    with open(LEDGER, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_glued_number_is_reported_registered_or_exempt_and_none_is_computed_twice(rows, values):
    problems = dn.ledger_problems(rows, values, dn.exemptions())
    assert not problems, "\n".join(problems)


def test_a_page_that_computes_a_registered_number_again_fails(rows, values):
    """The check catches a duplicate: 73 good-air days still needed, glued by a page from its own
    arithmetic (as 09-ecology did with math.ceil) instead of from the registry."""
    row = next(r for r in rows if r["derived_id"] == "good_air_days_still_needed")
    again = {**row, "key": "rest_needed_again", "derived_id": ""}
    problems = dn.ledger_problems(rows + [again], values, dn.exemptions())
    assert len(problems) == 1 and "good_air_days_still_needed" in problems[0] and "rest_needed_again" in problems[0]


def test_a_new_unregistered_number_fails(rows, values):
    new = {"page": "book/intro.ipynb", "key": "something_new", "shown": "12.5%", "metric_ids": "", "derived_id": ""}
    assert dn.ledger_problems(rows + [new], values, dn.exemptions()) == [
        "book/intro.ipynb: something_new = '12.5%': a number neither reported, nor registered in book/derived.yml, nor exempt"]


def category_problems(rows, exempt: dict) -> list[str]:
    """An exempt value whose reason is not one of REASONS, or that is not what its reason says it is."""
    problems = []
    for r in rows:
        reason = exempt.get((r["page"], r["key"]))
        if reason is None or r["derived_id"] or r["metric_ids"] or reason.startswith("coincidence"):
            continue
        if reason not in REASONS:
            problems.append(f"{r['page']}: {r['key']}: exempt for a reason tests/test_derived.py does not know: {reason!r}")
        elif not REASONS[reason](r["shown"]):
            problems.append(f"{r['page']}: {r['key']} = {r['shown']!r} is not {reason.split(' (')[0]!r}: register it")
    return problems


def test_every_exemption_gives_a_known_reason_that_fits_the_value(rows):
    problems = category_problems(rows, dn.exemptions())
    assert not problems, "\n".join(problems)


def test_a_number_exempted_as_text_or_a_label_fails(rows):
    """A number filed under a category that says it is not one (text, a date, a year) fails: only the
    registry, or the reason 'not yet registered', takes it."""
    exempt = dn.exemptions()
    text, date = list(REASONS)[:2]
    new = [{"page": "book/intro.ipynb", "key": "share_new", "shown": "12.5%", "metric_ids": "", "derived_id": ""},
           {"page": "book/intro.ipynb", "key": "days_new", "shown": "73", "metric_ids": "", "derived_id": ""}]
    exempt |= {("book/intro.ipynb", "share_new"): text, ("book/intro.ipynb", "days_new"): date}
    assert category_problems(rows + new, exempt) == [
        "book/intro.ipynb: share_new = '12.5%' is not 'text, not a number': register it",
        "book/intro.ipynb: days_new = '73' is not 'a date label': register it"]
    exempt[("book/intro.ipynb", "days_new")] = "computed on this page only"
    assert "does not know" in category_problems(rows + new, exempt)[1]


def test_the_same_derived_id_shows_the_same_text_on_every_page(rows, values):
    bad = {**next(r for r in rows if r["derived_id"] == "market_target_share"), "shown": "72%"}
    assert "other than the registry" in dn.ledger_problems([bad], values, {})[0]


def test_the_review_cases_are_each_glued_from_one_definition(rows):
    """Good-air days still needed, the market gap and net growth, the talent intake progress: every
    page that prints them carries the one derived id."""
    by_id: dict[str, set] = {}
    for r in rows:
        if r["derived_id"]:
            by_id.setdefault(r["derived_id"], set()).add(r["page"])
    assert by_id["good_air_days_still_needed"] >= {"book/intro.ipynb", "book/programs/09-ecology.ipynb",
                                                   "book/across/targets.ipynb"}
    assert by_id["market_target_share"] >= {"book/intro.ipynb", "book/programs/07-market.ipynb",
                                            "book/across/targets.ipynb"}
    assert by_id["market_net_growth"] >= {"book/programs/07-market.ipynb", "book/across/targets.ipynb"}
    assert by_id["talent_scarce_progress_strict"] >= {"book/programs/08-talent.ipynb", "book/across/reporting.ipynb"}


def test_no_notebook_recomputes_the_review_cases():
    """The old computations are gone from the notebooks' code."""
    patterns = [r"math\.ceil", r"year_days\s*=\s*366", r"first_year \+ 2 - start", r"2 \* strict\.mid",
                r"100 \* stock / target", r"sc\.calc\(", r"removeprefix\(\"Target: \"\)"]
    for path in sorted((REPO_ROOT / "book").rglob("*.ipynb")):
        code = "\n".join("".join(c["source"]) for c in __import__("json").loads(path.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        for pattern in patterns:
            assert not re.search(pattern, code), f"{path.relative_to(REPO_ROOT)} computes {pattern} itself"


def test_every_entry_evaluates_and_is_formatted(values):
    assert len(values) == len(dn.registry()) >= 30
    for ident, item in values.items():
        assert str(item.text), ident
        assert set(item.inputs) == set(item.definition.inputs), ident


def test_a_function_may_read_only_the_inputs_it_declares(tmp_path, monkeypatch):
    text = (REPO_ROOT / "book" / "derived.yml").read_text(encoding="utf-8")
    broken = text.replace("    inputs: [good_air_days_target, ecology_good_days]\n    function: good_air_days_still_needed",
                          "    inputs: [good_air_days_target]\n    function: good_air_days_still_needed")
    assert broken != text
    path = tmp_path / "derived.yml"
    path.write_text(broken, encoding="utf-8")
    monkeypatch.setattr(dn, "REGISTRY", path)
    with pytest.raises(KeyError, match="good_air_days_still_needed reads 'ecology_good_days'"):
        dn.evaluate_one(tp.load_dataset(), "good_air_days_still_needed")


@pytest.mark.parametrize("old, new, message", [
    ("    expr: 100 * market_stock_total / ctx_target_market_entities\n",
     "    expr: 100 * market_stock_total / ctx_target_market_entities / market_stock_growth\n",
     "market_target_share: expr uses undeclared inputs"),
    ("    format: percent0\n", "    format: percent7\n", "format 'percent7'"),
    ("    caveat: A stock at the end of July set against a target for the end of the year.\n", "",
     "market_target_share: missing caveat"),
])
def test_a_broken_registry_entry_is_named(tmp_path, old, new, message):
    path = tmp_path / "derived.yml"
    shutil.copy(REPO_ROOT / "book" / "derived.yml", path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        dn.load_registry(path)
