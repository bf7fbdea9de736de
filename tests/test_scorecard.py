"""The book's assessment (book/assessment.yml) and the cross-program scorecard: every id resolves,
no number is typed, and each classification rule gives the grade the text relies on — so a wrong
classification fails here, not silently in a figure."""
from __future__ import annotations

import copy

import pandas as pd
import pytest
import yaml

import tenprograms as tp
from tenprograms.analysis import assessment as assessment_mod
from tenprograms.analysis import grades, profile
from tenprograms.build.prose_numbers import markdown_numbers
from tenprograms.data.pairings import pairings
from tenprograms.render import charts, fmt, templates
from tenprograms.render import derived as derived_numbers


@pytest.fixture(scope="module")
def ds():
    return tp.load_dataset()


@pytest.fixture(scope="module")
def assessment(ds):
    return assessment_mod.load_assessment(ds)


# ---------------------------------------------------------------- the file itself

def test_every_program_is_assessed_once(ds, assessment):
    assert sorted(a.program for a in assessment.values()) == sorted(ds.programs["program"])


PROSE_FIELDS = ("claim", "key_figures", "yardstick", "caveat", "status_note")


def _prose(entry) -> list[str]:
    texts = []
    for key in PROSE_FIELDS:
        value = entry.get(key, "")
        texts += value if isinstance(value, list) else [value]
    return texts


def test_no_number_is_typed_into_the_assessment():
    spec = yaml.safe_load(assessment_mod.ASSESSMENT.read_text(encoding="utf-8"))["programs"]
    found = {}
    for slug, entry in spec.items():
        for text in _prose(entry):
            # placeholders are where numbers come in: strip them, then no digit may be left
            digits = markdown_numbers(templates.PLACEHOLDER.sub("", text))
            if digits:
                found.setdefault(slug, []).extend(digits)
    assert not found, f"digits typed in book/assessment.yml (use a placeholder): {found}"


def test_the_digit_check_sees_a_typed_number_in_the_assessment():
    assert markdown_numbers(templates.PLACEHOLDER.sub("", "{market_stock_total} against 700,000"))
    assert not markdown_numbers(templates.PLACEHOLDER.sub("", "{market_stock_total} against {outside:ctx_target_market_entities}"))


def test_a_figure_of_another_program_is_rejected(ds, tmp_path):
    spec = yaml.safe_load(assessment_mod.ASSESSMENT.read_text(encoding="utf-8"))
    spec["programs"]["grassroots"]["claim_figures"] = ["market_stock_total"]
    path = tmp_path / "assessment.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="belongs to another program"):
        assessment_mod.load_assessment(ds, path)


def test_an_unknown_status_is_rejected(ds, tmp_path):
    spec = yaml.safe_load(assessment_mod.ASSESSMENT.read_text(encoding="utf-8"))
    spec["programs"]["growth"]["status"] = "likely"
    path = tmp_path / "assessment.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="status"):
        assessment_mod.load_assessment(ds, path)


def test_every_outside_fact_named_exists(ds, assessment):
    context = ds.context
    spec = yaml.safe_load(assessment_mod.ASSESSMENT.read_text(encoding="utf-8"))["programs"]
    named = set()
    for entry in spec.values():
        for text in _prose(entry):
            named |= {m.group(2) for m in templates.PLACEHOLDER.finditer(text) if m.group(1) in ("outside", "mark")}
        named |= {t for t in entry.get("progress", []) if assessment_mod.is_fact_id(t)}
    assert named and not named - set(context.index), f"not in data/context.csv: {named - set(context.index)}"


def test_an_outside_target_is_set_against_the_figure_the_context_table_names(ds, assessment):
    context = ds.context
    for item in assessment.values():
        for pair in item.progress:
            if pair.outside:
                named = context.loc[pair.target, "compare_with"]
                assert named in ("", pair.achieved), f"{item.slug}: {pair.target} is to be compared with {named}"
                assert context.loc[pair.target, "program"] == item.program


def test_every_text_renders_as_myst_and_as_plain_text(ds, assessment):
    myst = templates.overview_frame(ds, assessment, myst=True)
    plain = templates.overview_frame(ds, assessment, myst=False)
    assert len(myst) == len(plain) == len(assessment)
    text = " ".join(myst.astype(str).to_numpy().ravel())
    assert "{outside}`ctx_target_market_entities`" in text and "{doc}`" in text
    assert not any("{" in cell and "}" in cell and "`" not in cell for cell in plain.to_numpy().ravel())


# ---------------------------------------------------------------- the claim's status

def test_a_checked_claim_has_a_check_that_could_fail_and_only_then(ds, assessment):
    result = tp.audit(ds)
    for item in assessment.values():
        checks = assessment_mod.headline_checks(ds, item, result)
        if item.status == "checked":
            assert len(checks) and checks["holds"].all(), f"{item.slug}: 'checked' but no check on its claim holds"
        else:
            assert not len(checks), f"{item.slug}: its claim is checked by {list(checks['relation_id'])}; say so"


def test_an_inferred_claim_rests_on_a_computation_with_outside_data(assessment):
    for item in assessment.values():
        if item.status == "inferred":
            texts = [item.claim, item.yardstick, *item.key_figures]
            used = [m.group(2) for t in texts for m in templates.PLACEHOLDER.finditer(t) if m.group(1) == "derived"]
            assert any(derived_numbers.facts_of(i) for i in used), item.slug


# ---------------------------------------------------------------- periods and the placeholders

@pytest.mark.parametrize("metric_id, expected", [
    ("growth_tax_cuts_h1", "first half of 2020"),
    ("market_new_registrations_total", "January–July 2020"),
    ("market_stock_total", "end-July 2020"),
    ("ecology_good_days", "1 January–27 August 2020"),
    ("civility_markets_upgraded", "since 2018"),
    ("tourism_huiyou_entries", "to 29 August 2020"),
    ("growth_digital_lines_cumulative", "running total, no start date"),
    ("talent_scarce_recruited", "running total at the time of writing"),
    ("tourism_a_level_spots", "at the time of writing"),
    ("agriculture_rice_crayfish_area_target", "by end-2020"),
])
def test_period_in_english(ds, metric_id, expected):
    assert fmt.period_en(ds.metric(metric_id)) == expected


@pytest.mark.parametrize("metric_id, expected", [
    ("growth_tax_cuts_h1", "¥1.72 billion"),
    ("infrastructure_health_cards_issued", "nearly 20,000"),
    ("grassroots_members_reported", "more than 93,000"),
    ("market_indicators_over80_completion", "at least 80%"),
    ("ecology_good_day_rate_change", "21 percentage points"),
    ("talent_scarce_per_year", "about 100"),
])
def test_numbers_keep_their_hedge(ds, metric_id, expected):
    assert fmt.number_en(ds.metric(metric_id)) == expected


def test_plural_of_a_glossary_term():
    assert templates.plural_term("market entity") == "market entities"
    assert templates.plural_term("affordable (public-benefit) kindergarten") == "affordable (public-benefit) kindergartens"


@pytest.mark.parametrize("metric_id, expected", [
    ("growth_tax_cuts_h1", "dated"),
    ("civility_markets_upgraded", "dated"),          # a dated start: since 2018
    ("tourism_a_level_spots", "time of writing"),    # a stock with no date is dated to the writing
    ("grassroots_members_reported", "start not printed"),
    ("growth_national_tech_demo_firms_new", "start not printed"),
    ("growth_tech_upgrade_projects_target", "plan without date"),
])
def test_period_class(ds, metric_id, expected):
    assert profile.period_class(ds.metric(metric_id)) == expected


# ---------------------------------------------------------------- yardsticks

def _pair(pairs, relation_id):
    found = pairs[pairs["relation_id"] == relation_id]
    return found.iloc[0]["type"] if len(found) else None


def test_part_of_whole_pairs_the_report_prints(ds):
    pairs = profile.yardstick_pairs(ds)
    assert _pair(pairs, "tourism_a_level_reopened_le_total") == "part of a whole"        # 36 of 38
    assert _pair(pairs, "tourism_travel_agencies_resumed_le_total") == "part of a whole"  # 71 of 82
    assert _pair(pairs, "livelihood_kindergartens_sum") == "part of a whole"             # 11 + 6 of 17
    assert _pair(pairs, "livelihood_schools_sum") == "part of a whole"
    assert _pair(pairs, "ecology_sanluanwu_handled_le_found") == "part of a whole"       # 187 of 204
    # 7 of 346: secretaries against villages, units an identity of the report equates
    assert _pair(pairs, "grassroots_replaced_le_assessed") == "part of a whole"


def test_flows_against_their_stocks(ds):
    pairs = profile.yardstick_pairs(ds)
    assert _pair(pairs, "growth_national_tech_demo_new_le_cumulative") == "flow against its stock"  # 1 (of 3)
    assert _pair(pairs, "market_new_le_stock_total") == "flow against its stock"


def test_achievements_against_targets(ds):
    pairs = profile.yardstick_pairs(ds)
    assert _pair(pairs, "agriculture_rice_crayfish_target_ge_current") == "achievement against a target"
    assert _pair(pairs, "talent_enrolment_within_target") == "achievement against a target"


@pytest.mark.parametrize("relation_id", [
    "ecology_kilns_ge_firms",                           # kilns and firms are different things
    "ecology_pm25_le_pm10",                             # concentrations do not add
    "livelihood_remaining_poor_people_ge_households",   # people and households
    "agriculture_tea_income_range_order",               # the two ends of a printed range
    "tourism_major_projects_value_bound",               # a threshold times a count
])
def test_relations_that_are_not_yardsticks(ds, relation_id):
    assert _pair(profile.yardstick_pairs(ds), relation_id) is None


def test_each_figure_takes_its_strongest_yardstick(ds):
    yard = profile.figure_yardstick(ds)
    assert yard["ecology_good_days_change"] == "year on year"
    assert yard["tourism_a_level_visitors_pct_last_year"] == "year on year"
    assert yard["market_share_enterprises"] == "share, rate or rank"
    assert yard["tourism_a_level_spots_reopened"] == "part of a whole"
    assert yard["civility_markets_upgraded"] == "none"
    assert set(yard) <= {"year on year", "share, rate or rank", "part of a whole", "flow against its stock",
                         "achievement against a target", "none"}


# ---------------------------------------------------------------- the five grades

def test_outcome_or_activity(ds, assessment):
    assert grades.grade_evidence(ds, assessment["ecology"]) == ("full", "outcome vs last year")
    assert grades.grade_evidence(ds, assessment["market"]) == ("full", "outcome vs last year")
    assert grades.grade_evidence(ds, assessment["livelihood"]) == ("partial", "outcome, no baseline")
    assert grades.grade_evidence(ds, assessment["grassroots"]) == ("none", "activity only")


def test_an_outcome_without_a_year_on_year_figure_is_not_graded_full(ds, assessment):
    item = copy.deepcopy(assessment["ecology"])
    item.outcomes = ["ecology_pm25_mean"]              # a level: no comparison of its own
    assert grades.grade_evidence(ds, item)[0] == "partial"
    item.outcomes = []
    assert grades.grade_evidence(ds, item)[0] == "none"


def test_yardstick_printed(ds):
    assert grades.grade_yardstick(ds, 3) == ("full", "year on year")
    assert grades.grade_yardstick(ds, 6) == ("partial", "part of a whole")
    assert grades.grade_yardstick(ds, 1) == ("partial", "flow vs stock")
    assert grades.grade_yardstick(ds, 4) == ("none", "none printed")


def test_own_target(ds, assessment):
    assert grades.grade_target(ds, assessment["market"]) == ("partial", "2018 target†C")
    assert grades.grade_target(ds, assessment["talent"]) == ("full", "report + 2018 target†C")
    assert grades.grade_target(ds, assessment["agriculture"]) == ("full", "report + 2019 plan†B")
    assert grades.grade_target(ds, assessment["infrastructure"]) == ("none", "none")


def test_progress(ds, assessment):
    def label(slug):
        grade, text, share = grades.grade_progress(ds, assessment[slug])
        return grade, charts.tile_label({"progress_label": text, "progress_share": share}, "progress")
    assert label("market") == ("full", "73% of target†C")
    assert label("ecology") == ("partial", "above target†C")
    assert label("growth") == ("partial", "definitions differ†C")
    assert label("talent") == ("full", "42% of target")
    assert label("grassroots") == ("none", "none")


def test_a_hedged_or_part_year_pair_is_not_like_for_like(ds, assessment):
    item = copy.deepcopy(assessment["talent"])
    item.progress = [pairings(ds)["talent_scarce_per_year"]]
    assert grades.progress_rows(ds, item)[0]["reasons"] == ["a hedged figure"]
    rows = grades.progress_rows(ds, assessment["ecology"])
    assert "a part-year rate against a full-year target" in rows[0]["reasons"]


def test_epidemic_visible(ds):
    assert grades.grade_epidemic(ds, 3) == ("full", "fall vs last year")     # visits at 26.5% of last year
    assert grades.grade_epidemic(ds, 7) == ("partial", "named in text")      # a first-quarter fall, in words
    assert grades.grade_epidemic(ds, 9) == ("none", "not named")


def test_the_scorecard_and_its_figure(ds, assessment):
    card = grades.scorecard(ds, assessment)
    assert list(card["program"]) == sorted(ds.programs["program"])
    for key in grades.DIMENSIONS:
        assert set(card[key]) <= set(grades.GRADES)
    fig = charts.plot_scorecard(card)
    tiles = [p for p in fig.axes[0].patches if p.get_width() < 1]
    assert len(tiles) == len(card) * len(grades.DIMENSIONS)


# ---------------------------------------------------------------- silences

def test_the_report_is_silent_on_the_economy(ds):
    silent = profile.silences(ds)
    assert (silent["figures"] == 0).all() and silent["words_found"].map(len).eq(0).all()


def test_the_silence_check_would_see_a_word(ds):
    class Fake:
        source_text = ds.source_text + "全市地区生产总值"
        metrics = ds.metrics
    found = profile.silences(Fake())
    assert found.loc[found["indicator"].str.startswith("GDP"), "words_found"].iloc[0] == ["地区生产总值", "生产总值"]


def test_figure_profile_has_one_row_per_figure(ds):
    frame = profile.figure_profile(ds)
    assert len(frame) == len(ds.metrics)
    assert set(frame["period"]) <= set(profile.PERIOD_CLASSES)


def test_the_scorecard_data_file_holds_every_tile(ds, assessment, tmp_path):
    card = grades.scorecard(ds, assessment)
    frame = pd.read_csv(charts.write_scorecard_data(card, folder=tmp_path))
    assert len(frame) == len(card) * len(grades.DIMENSIONS)
    assert set(frame["value"]) <= {0, 1, 2} and frame["label"].notna().all()
