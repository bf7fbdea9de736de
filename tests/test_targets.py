"""The target tracker's rules: one count of the report's targets, progress without spurious ranges,
and the 2018 targets paired only with figures the context data names."""
from __future__ import annotations

from tenprograms import load_dataset
from tenprograms.analysis import targets
from tenprograms.data.pairings import pairings as all_pairings
from tenprograms.render import templates

SLOGANS = {"ecology_task_areas", "grassroots_five_basics", "livelihood_two_no_worries", "civility_ten_small"}


def test_the_count_of_targets_is_derived_step_by_step():
    ds = load_dataset()
    steps = targets.reconciliation(ds)
    rows = targets.report_targets(ds)
    assert steps["rows"].iloc[0] == len(rows)
    assert steps["rows"].iloc[:-1].sum() == steps["rows"].iloc[-1] == rows["counted"].sum()
    not_counted = rows[~rows["counted"]]
    assert set(not_counted["role"]) <= {"plan duration", "upper end of a printed range", "second measure of one project"}
    assert (rows.loc[rows["kind"] == "duration", "counted"] == False).all()  # noqa: E712
    assert not SLOGANS & set(rows.index)


def test_exact_counts_give_progress_without_a_range():
    ds = load_dataset()
    p = targets.progress(ds, "talent_college_plan_farmers_target", "wide")
    assert p.share_lo == p.share == p.share_hi == ds.value("talent_college_plan_enrolled_2019") / 1200


def test_a_hedged_target_is_read_both_ways():
    ds = load_dataset()
    strict = targets.progress(ds, "talent_scarce_per_year", "strict")
    wide = targets.progress(ds, "talent_scarce_per_year", "wide")
    assert strict.share_lo == strict.share_hi
    assert wide.share_lo < strict.share < wide.share_hi
    assert strict.intakes == 2          # 2019 and 2020: yearly intakes, not a straight line through the year


def test_every_target_has_a_pairing_or_a_reason():
    ds = load_dataset()
    frame = templates.tracker_frame(ds)
    assert len(frame) == targets.reconciliation(ds)["rows"].iloc[-1]
    assert set(frame.index) == set(targets.pairings(ds)) | set(templates.NO_ACHIEVEMENT)


def test_2018_targets_are_compared_only_where_the_context_data_pairs_them():
    ds = load_dataset()
    frame = targets.outside_targets(ds)
    compared = frame[frame["verdict"] != "no figure"]
    paired_2018 = {t for t in all_pairings(ds) if t in ds.context.index and ds.context.loc[t, "topic"] == "target_2018"}
    assert set(compared.index) == paired_2018
    assert compared["metric_id"].notna().all()
