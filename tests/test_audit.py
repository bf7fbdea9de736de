import subprocess
import sys

import pytest

from tenprograms import audit, load_dataset
from tenprograms.data.expressions import ExpressionError, Interval, evaluate, metric_interval, parse_expression


def row(numeral, qualifier="exact", value_base=None):
    value = float(numeral)
    return {"numeral": numeral, "qualifier": qualifier, "value_base": value_base if value_base is not None else value}


def test_exact_counts_stand_for_themselves():
    assert metric_interval(row("17"), 1, "count") == Interval.exact(17)
    assert metric_interval(row("32792"), 1, "count") == Interval.exact(32792)
    # a count with a 万 prefix is rounded; so is any measure
    assert metric_interval(row("9.3", value_base=93000), 10**4, "count") == Interval(92500, 93000, 93500)
    assert metric_interval(row("17.2", value_base=1.72e9), 10**8, "measure") == Interval(1.715e9, 1.72e9, 1.725e9)
    assert metric_interval(row("80"), 1, "measure") == Interval(79.5, 80, 80.5)


def test_interval_arithmetic():
    a, b = Interval(1, 2, 3), Interval(4, 5, 6)
    assert a + b == Interval(5, 7, 9)
    assert b - a == Interval(1, 3, 5)
    assert (a * b).lo == 4 and (a * b).hi == 18
    assert evaluate('count("甲、乙、丙") * 2', lambda _: None) == Interval.exact(6)


@pytest.mark.parametrize("bad", ["__import__('os')", "a.b", "x[0]", "lambda: 1", "open('f')"])
def test_expressions_allow_only_arithmetic(bad):
    with pytest.raises(ExpressionError):
        parse_expression(bad)


def test_every_check_that_could_fail_would_catch_a_one_unit_error():
    """The audit's power, computed: each sum, share, ratio or difference fails when one of its figures
    is off by one unit; a sum fails when any of its terms is."""
    result = audit(load_dataset())
    checks = result[result["group"] == "could fail"]
    assert len(checks) >= 8
    assert checks["catches_one_unit"].all(), checks.loc[~checks["catches_one_unit"], "relation_id"].tolist()
    ds = load_dataset()
    for rel in checks[checks["check"] == "sum"].itertuples():
        from tenprograms.data.expressions import referenced_ids
        assert set(rel.figures_guarded) == set(referenced_ids(rel.lhs) + referenced_ids(rel.rhs)), rel.relation_id
    assert not ds.relations["relation_id"].str.contains("township_hc_share").any(), "the circular relation is back"


def test_a_one_unit_error_in_the_data_makes_its_check_fail(data_copy):
    """For every check that could fail, put a one-unit error into a figure it guards (an exact count
    off by one, a rounded figure off by one unit of its last printed digit), up and down: the audit
    of that data reports the check as failing."""
    from dataclasses import replace

    base = load_dataset()
    checks = audit(base)
    checks = checks[checks["group"] == "could fail"]
    for rel in checks.itertuples():
        for step in (1, -1):
            metric_id = rel.figures_guarded[0]
            metrics = base.metrics.copy()
            unit = base.unit_step(metric_id)
            metrics.loc[metric_id, "value_base"] = metrics.loc[metric_id, "value_base"] + step * unit
            broken = audit(replace(base, metrics=metrics))
            verdict = broken.set_index("relation_id").loc[rel.relation_id, "holds"]
            assert not verdict, f"{rel.relation_id} still holds with {metric_id} off by {step} unit"


def test_audit_cli_reports_checks_apart_and_fails_on_a_broken_sum(data_copy):
    out = subprocess.run([sys.executable, "-m", "tenprograms", "audit"], capture_output=True, text=True, check=True).stdout
    ds = load_dataset()
    for relation_id in ds.relations["relation_id"]:
        assert relation_id in out
    assert out.index("Checks that could fail") < out.index("Apart, bounds")
    # break the kindergarten sum in the data copy: the CLI must say so and exit non-zero
    path = data_copy / "relations.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("livelihood_kindergartens_completed + livelihood_kindergartens_under_construction,==,",
                        "livelihood_kindergartens_completed + livelihood_kindergartens_under_construction + 1,==,")
    path.write_text(text, encoding="utf-8")
    broken = subprocess.run([sys.executable, "-m", "tenprograms", "audit"], capture_output=True, text=True)
    assert broken.returncode == 1 and "FAILS" in broken.stdout and "livelihood_kindergartens_sum" in broken.stdout

