"""After the report (book/across/after-the-report.ipynb): the chapter is in the table of contents, and
its findings follow from the data — the full-year good-air share against the target and the national
average, the awards since June 2019, the market stock at the previous pace — computed by the registry
(book/derived.yml), never typed."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

import tenprograms as tp
from tenprograms.analysis.outcomes import _months
from tenprograms.data import facts
from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import derived as dn

PAGE = REPO_ROOT / "book" / "across" / "after-the-report.ipynb"


@pytest.fixture(scope="module")
def ds():
    return tp.load_dataset()


def test_the_chapter_follows_the_target_tracker_in_the_toc():
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert files[files.index("book/across/targets") + 1] == "book/across/after-the-report"


def test_the_good_air_findings_are_computed_from_the_outcome_the_target_and_the_national_average(ds):
    outcome = facts.value(ds, "ctx_outcome_good_air_share_2020")
    target = facts.value(ds, "ctx_target_good_air_share")
    national = facts.value(ds, "ctx_national_good_air_share_2020")
    margin = dn.evaluate_one(ds, "outcome_good_air_margin").value
    below = dn.evaluate_one(ds, "outcome_good_air_below_national").value
    assert margin == pytest.approx(outcome - target) and 0 < margin < 1        # met, by under a point
    assert below == pytest.approx(national - outcome) and below > 0            # below the national average
    # the copy's count and share agree: the count over the days of 2020 rounds to the share printed
    assert round(dn.evaluate_one(ds, "outcome_good_air_share_check").value, 1) == outcome
    # the days after the report beat what was needed, so the year met the target with days to spare
    assert dn.evaluate_one(ds, "outcome_good_air_share_after").value > dn.evaluate_one(ds, "good_air_share_needed").value
    assert dn.evaluate_one(ds, "outcome_good_air_days_margin").value > 0
    # the outcome and the target rest on grade-C copies (the page must say so); the 2021 report is grade A
    assert facts.value(ds, "ctx_outcome_good_air_share_2021") > facts.value(ds, "ctx_outcome_good_air_share_2020")
    grades = ds.context["grade"]
    assert grades["ctx_outcome_good_air_share_2020"] == "C" and grades["ctx_outcome_good_air_share_2021"] == "A"


def test_a_full_year_share_below_the_target_would_turn_the_finding(ds, monkeypatch):
    """The margin is computed, not typed: with a full-year share under the target it turns negative."""
    real = facts.value

    def lower(d, fact_id):
        return real(d, "ctx_target_good_air_share") - 1 if fact_id == "ctx_outcome_good_air_share_2020" else real(d, fact_id)

    monkeypatch.setattr(dn.context, "value", lower)
    assert dn.evaluate_one(ds, "outcome_good_air_margin").value < 0


def test_the_awards_since_june_2019_are_the_report_s_counts_minus_the_baseline(ds):
    for added, metric, fact in [("outcome_digital_lines_added", "growth_digital_lines_cumulative", "ctx_digital_lines_2019"),
                                ("outcome_digital_workshops_added", "growth_digital_workshops_cumulative",
                                 "ctx_digital_workshops_2019"),
                                ("outcome_smart_factories_added", "growth_smart_factories_cumulative",
                                 "ctx_smart_factories_2019")]:
        assert dn.evaluate_one(ds, added).value == ds.value(metric) - facts.value(ds, fact) > 0
    # "about a year": whole months from the baseline's date to the report's latest reference date
    baseline = pd.Timestamp(ds.context.loc["ctx_digital_lines_2019", "reference_date"])
    assert dn.evaluate_one(ds, "outcome_digital_months").value == _months(baseline, ds.latest_reference_date)


@pytest.mark.parametrize("start, end, months", [("2019-06-19", "2020-08-29", 14), ("2019-06-19", "2020-06-18", 11),
                                                ("2019-06-19", "2020-06-19", 12), ("2020-01-31", "2020-02-29", 0)])
def test_whole_months_count_a_month_only_once_its_day_is_reached(start, end, months):
    assert _months(pd.Timestamp(start), pd.Timestamp(end)) == months


def test_the_market_stock_at_the_previous_pace_stays_far_short_of_the_target(ds):
    at_pace = dn.evaluate_one(ds, "outcome_market_stock_at_pace").value
    stock, target = ds.value("market_stock_total"), facts.value(ds, "ctx_target_market_entities")
    assert stock < at_pace < target
    assert dn.evaluate_one(ds, "outcome_market_target_share_at_pace").value == pytest.approx(100 * at_pace / target)


def test_the_page_glues_its_findings_from_the_registry_and_names_the_confirming_documents():
    nb = json.loads(PAGE.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for ident in ("outcome_good_air_margin", "outcome_good_air_below_national", "outcome_digital_lines_added_share",
                  "outcome_market_stock_at_pace", "market_target_gap"):
        assert f'"{ident}"' in code, ident
    assert "grade-C" in prose and "襄阳市2020年生态环境状况公报" in prose          # the C-grade finding says so
    assert "襄阳市2020年国民经济和社会发展统计公报" in prose                       # what would settle the market
    for ch in ("01-growth", "04-civility", "07-market", "09-ecology"):
        text = (REPO_ROOT / "book" / "programs" / f"{ch}.ipynb").read_text(encoding="utf-8")
        assert "../across/after-the-report" in text, ch
    assert "{doc}`after-the-report`" in (REPO_ROOT / "book" / "across" / "targets.ipynb").read_text(encoding="utf-8")


def test_the_built_page_shows_the_outcome_with_its_grade(built_html, ds):
    html = (built_html / "book" / "across" / "after-the-report.html").read_text(encoding="utf-8")
    assert facts.display(ds, "ctx_outcome_good_air_share_2020") in html
    assert facts.mark(ds, "ctx_outcome_good_air_share_2020").endswith("C")
    assert 'id="fig-after-air"' in html and 'id="fig-after-market"' in html
