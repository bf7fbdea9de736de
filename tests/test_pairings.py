"""One source for which achievement goes with which target (data/pairings.csv): bad pairings are rejected
with file, row and column, and the tracker, the scorecard and the registry all compute from it."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
import yaml

from tenprograms import load_dataset
from tenprograms.analysis import assessment as assessment_mod
from tenprograms.analysis import grades
from tenprograms.data import pairings as pairings_mod
from tenprograms.data.errors import DataValidationError
from tenprograms.data.paths import data_dir
from tenprograms.render import derived as dn
from tenprograms.render import fmt, templates


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _rows(edit=None) -> list[dict]:
    text = (data_dir() / pairings_mod.FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if edit:
        edit(rows)
    return rows


def _problems(ds, rows, context=None):
    _, problems = pairings_mod.check(rows, set(ds.metrics.index), ds.context if context is None else context)
    return [str(p) for p in problems]


def test_the_pairings_as_committed_are_valid(ds):
    assert _problems(ds, _rows()) == []
    assert len(pairings_mod.pairings(ds)) == len(_rows())


def test_an_unknown_achievement_is_rejected_with_file_row_and_column(ds):
    def edit(rows):
        rows[0]["achieved"] = "agriculture_no_such_area"
    problems = _problems(ds, _rows(edit))
    assert problems == ["data/pairings.csv, line 2 (target=agriculture_rice_crayfish_area_target), column achieved: "
                        "no figure 'agriculture_no_such_area' in data/metrics.csv"]


def test_an_unknown_target_fact_or_metric_is_rejected(ds):
    def edit(rows):
        rows[4]["target"] = "ctx_target_no_such_fact"
        rows[1]["target"] = "talent_no_such_target"
    problems = _problems(ds, _rows(edit))
    assert any(p.startswith("data/pairings.csv, line 6 (target=ctx_target_no_such_fact), column target: no fact")
               for p in problems), problems
    assert any(p.startswith("data/pairings.csv, line 3 (target=talent_no_such_target), column target: no figure")
               for p in problems), problems


def test_a_bad_flag_a_missing_verdict_and_a_second_pairing_are_rejected(ds):
    def edit(rows):
        rows[0]["upper_bound"] = "yes"
        rows[4]["comparable"] = ""
        rows.append(dict(rows[1]))
    problems = _problems(ds, _rows(edit))
    assert any("column upper_bound" in p for p in problems)
    assert any("line 6 (target=ctx_target_market_entities), column comparable" in p for p in problems)
    assert any("the target is paired twice" in p for p in problems)


def test_the_context_table_may_not_pair_a_target_otherwise(ds):
    context = ds.context.copy()
    context.loc["ctx_target_market_entities", "compare_with"] = "market_new_registrations_total"
    problems = _problems(ds, _rows(), context)
    assert problems == ["data/context.csv, fact_id=ctx_target_market_entities, column compare_with: "
                        "'market_new_registrations_total', but data/pairings.csv pairs the target with 'market_stock_total'"]


def test_pairings_raise_a_validation_error(ds, monkeypatch):
    monkeypatch.setattr(pairings_mod, "_read", lambda path: _rows(lambda rows: rows[0].update(achieved="nope")))
    with pytest.raises(DataValidationError, match="data/pairings.csv, line 2"):
        pairings_mod.pairings(ds)


def test_the_assessment_names_only_paired_targets(ds, tmp_path):
    spec = yaml.safe_load(assessment_mod.ASSESSMENT.read_text(encoding="utf-8"))
    spec["programs"]["market"]["progress"] = ["ctx_target_top500_firms"]
    path = tmp_path / "assessment.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="market: progress names 'ctx_target_top500_firms', which data/pairings.csv"):
        assessment_mod.load_assessment(ds, path)


def _registered_shares(ds, paired=None) -> dict[str, tuple[str, dn.Derived]]:
    """Target id → the registry's share of it: an entry in percent whose inputs are exactly a pairing."""
    values = dn.evaluate_all(ds)
    found = {}
    for target, p in (paired or pairings_mod.pairings(ds)).items():
        for ident, item in values.items():
            if item.definition.unit == "percent" and set(item.definition.inputs) == {p.achieved, target}:
                found[target] = (ident, item)
    return found


def test_the_scorecard_and_the_tracker_agree_with_the_registry_on_every_paired_target(ds):
    shares = _registered_shares(ds)
    # not vacuous: the shares the book prints are among them
    assert {"ctx_target_market_entities", "talent_college_plan_farmers_target",
            "agriculture_rice_crayfish_area_target"} <= set(shares)
    assessment = assessment_mod.load_assessment(ds)
    tracker = templates.tracker_frame(ds)
    checked = 0
    for target, (ident, item) in shares.items():
        for a in assessment.values():
            for row in grades.progress_rows(ds, a):
                if row["target"] == target:
                    assert row["achieved"] == pairings_mod.pairings(ds)[target].achieved
                    assert fmt.percent(row["share"], 0) == fmt.percent(item.value, 0), (a.slug, ident)
                    checked += 1
        if target in tracker.index:
            assert fmt.percent(item.value, 0) in tracker.loc[target, "What the report shows"], ident
            checked += 1
    assert checked >= 4


def test_a_registry_entry_paired_otherwise_than_the_pairings_is_found(ds):
    """The agreement test fails when data/pairings.csv pairs the market target with another figure
    than the registry's market_target_share reads."""
    paired = dict(pairings_mod.pairings(ds))
    paired["ctx_target_market_entities"] = replace(paired["ctx_target_market_entities"],
                                                   achieved="market_new_registrations_total")
    assert "ctx_target_market_entities" in _registered_shares(ds)
    assert "ctx_target_market_entities" not in _registered_shares(ds, paired)
