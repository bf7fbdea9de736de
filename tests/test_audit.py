import subprocess
import sys

import pytest

from tenprograms import audit, load_dataset
from tenprograms.audit import ExpressionError, Interval, evaluate, metric_interval, parse_expression


def row(numeral, qualifier="exact", value_base=None):
    value = float(numeral)
    return {"numeral": numeral, "qualifier": qualifier, "value_base": value_base if value_base is not None else value}


def test_intervals_follow_printed_rounding_and_qualifiers():
    assert metric_interval(row("17.2", value_base=1.72e9), 10**8) == Interval(1.715e9, 1.72e9, 1.725e9)
    assert metric_interval(row("4500", "more_than"), 1) == Interval(4500, 4500, 4600)
    assert metric_interval(row("2", "nearly", 20000), 10**4) == Interval(10000, 20000, 20000)
    assert metric_interval(row("100", "about"), 1) == Interval(50, 100, 150)


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


def test_audit_runs_and_detects_a_broken_sum(data_copy):
    result = audit(load_dataset())
    assert len(result) == len(load_dataset().relations) > 0
    # break one relation: a sum whose parts no longer add up must fail
    rel = data_copy / "relations.csv"
    text = rel.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split(",")
    sums = [i for i, l in enumerate(lines) if ",sum," in l]
    assert sums, "expected at least one sum relation"
    lines[sums[0]] = lines[sums[0]].replace(",==,", ",==,2*")
    rel.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = audit(load_dataset())
    assert not broken["holds"].all()


def test_audit_cli_prints_every_relation():
    out = subprocess.run([sys.executable, "-m", "tenprograms", "audit"], capture_output=True, text=True, check=True).stdout
    ds = load_dataset()
    for relation_id in ds.relations["relation_id"]:
        assert relation_id in out
    assert f"of {len(ds.relations)} relations hold" in out
