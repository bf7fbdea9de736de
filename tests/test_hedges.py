"""The hedge method: the strict reading follows the word's direction, the wide reading takes its
width from data/hedges.csv (validated), and the sensitivity table shows the verdicts the width moves."""
from __future__ import annotations

import pytest
from conftest import assert_reported, edit_cell

from tenprograms import load_dataset
from tenprograms.analysis.hedges import WIDTHS, sensitivity
from tenprograms.data.expressions import Hedge, Interval, metric_interval
from tenprograms.render.hedges import width_words

HEDGES = {"余": Hedge("at_or_above", "digit", 0, 1), "多": Hedge("at_or_above", "digit", 0, 1),
          "以上": Hedge("at_or_above", "percent", 0, None), "近": Hedge("below", "percent", -10, 0),
          "左右": Hedge("around", "percent", -10, 10)}
WORD = {"more_than": "余", "at_least": "以上", "nearly": "近", "about": "左右"}


def row(numeral, qualifier, value_base):
    return {"numeral": numeral, "qualifier": qualifier, "qualifier_zh": WORD[qualifier], "value_base": value_base}


@pytest.mark.parametrize("numeral, qualifier, value_base, multiplier, scale, strict, wide", [
    # 近2万: under 20,000, never above it (the old strict reading allowed up to 25,000)
    ("2", "nearly", 20000, 10**4, "count", Interval(15000, 20000, 20000), Interval(15000, 20000, 20000)),
    ("600", "nearly", 600, 1, "count", Interval.exact(600), Interval(540, 600, 600)),
    # 4万余: 40,000 or more, never below it (the old strict reading allowed 35,000)
    ("4", "more_than", 40000, 10**4, "count", Interval(40000, 40000, 45000), Interval(40000, 40000, 50000)),
    ("4500", "more_than", 4500, 1, "count", Interval.exact(4500), Interval(4500, 4500, 4600)),
    # 80%以上: 80 or more (the old strict reading allowed 79.5)
    ("80", "at_least", 80, 1, "measure", Interval(80, 80, 80.5), Interval(80, 80, float("inf"))),
    # 100左右: either side, ±10% wide (the old wide reading allowed 50 to 150)
    ("100", "about", 100, 1, "count", Interval.exact(100), Interval(90, 100, 110)),
])
def test_each_hedge_direction_gives_the_right_interval(numeral, qualifier, value_base, multiplier, scale, strict, wide):
    r = row(numeral, qualifier, value_base)
    assert metric_interval(r, multiplier, scale, "strict", HEDGES) == strict
    assert metric_interval(r, multiplier, scale, "wide", HEDGES) == wide
    if qualifier != "about":   # the strict reading never crosses to the side the word rules out
        got = metric_interval(r, multiplier, scale, "strict", HEDGES)
        assert (got.hi <= value_base) if qualifier == "nearly" else (got.lo >= value_base)


def test_a_digit_width_never_reaches_the_next_unit():
    r = row("4500", "more_than", 4500)
    assert metric_interval(r, 1, "count", "wide", HEDGES, width=5).hi == 4600
    assert metric_interval(r, 1, "count", "wide", HEDGES, width=0.5).hi == 4550


def test_a_hedge_without_a_reading_is_an_error():
    with pytest.raises(ValueError, match="hedges.csv"):
        metric_interval(row("100", "about", 100), 1, "count", "wide", {})


def test_the_real_data_reads_the_chapter_figures_as_the_words_allow():
    ds = load_dataset()
    cards = ds.interval("infrastructure_health_cards_issued", "strict")
    assert cards.hi == 20000                                  # review A2: the ceiling is 20,000, not 25,000
    people = ds.interval("livelihood_smart_community_beneficiaries", "strict")
    assert people.lo == 40000                                 # review A3: the floor is 40,000, not 35,000


@pytest.mark.parametrize("column, bad, expected", [
    ("qualifier", "nearly", "sets the qualifier about"),
    ("wide_low", "5", "wide_low"),
    ("wide_high", "0", "needs wide_high above 0"),
    ("hedge", "约莫", "not a hedging word"),
])
def test_a_bad_hedges_row_is_named(data_copy, column, bad, expected):
    rows = (data_copy / "hedges.csv").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(rows) if text.startswith("左右,"))
    edit_cell(data_copy / "hedges.csv", line, column, bad)
    assert_reported(data_copy, "data/hedges.csv", f"line {line + 1}", f"column {column}", expected)


def test_a_hedged_figure_without_a_reading_is_named(data_copy):
    rows = (data_copy / "hedges.csv").read_text(encoding="utf-8").splitlines()
    (data_copy / "hedges.csv").write_text("\n".join(r for r in rows if not r.startswith("近,")) + "\n", encoding="utf-8")
    assert_reported(data_copy, "data/metrics.csv", "metric_id=infrastructure_health_cards_issued",
                    "column qualifier_zh", "no reading")


def test_the_sensitivity_table_has_the_verdicts_that_change():
    ds = load_dataset()
    result = sensitivity(ds).set_index("id")
    talent = result.loc["talent_scarce_per_year"]
    # the talent plan: short of two intakes at every plausible width, "cannot say" only at ±50%
    assert [talent[w] for w in WIDTHS] == ["short", "short", "short", "cannot say"]
    assert talent["depends"] and talent["break_even"] == pytest.approx(2.4)
    assert width_words(ds, talent["hedged"], talent["break_even"]) == "±24% (左右)"
    assert width_words(ds, talent["hedged"], talent["break_even"], "zh") == "±24%（左右）"
    # every verdict that rests on a hedged figure is there, and only those
    assert set(result.index) >= {"talent_scarce_pace", "talent_hr_agencies_named", "talent_apartments_target"}
    assert not result.loc["talent_apartments_target", "depends"]
