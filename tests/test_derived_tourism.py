"""The computations of chapter 3's derived numbers (analysis/derived_chapters2.py, book/derived.yml):
the growth of two stocks combined under the two readings of the modern-services figures, and the floor
of the major projects' value, on hand-made inputs and on the data."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

import tenprograms as tp
from tenprograms.analysis import derived_chapters2 as dc
from tenprograms.data.expressions import Interval
from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import derived as dn


class Given:
    """Inputs of a registry function, given by hand: values, and intervals (exact unless given)."""

    def __init__(self, values: dict, intervals: dict | None = None):
        self.definition = SimpleNamespace(id="made_up")
        self._values, self._intervals = values, intervals or {}

    def value(self, name):
        return self._values[name]

    def interval(self, name, convention="wide"):
        return self._intervals.get(name, Interval.exact(self._values[name]))


def test_combined_growth_on_exact_figures():
    """110 after 10% growth was 100; 55 after 10% was 50: together 165 against 150, apart 55 against 50,
    both 10%; 120 after 20% (100) less 55 after 10% (50) is 65 against 50, 30%."""
    same = Given({"w": 110, "wg": 10, "p": 55, "pg": 10})
    for combine in ("sum", "difference"):
        r = dc.combined_growth_range(same, "w", "wg", "p", "pg", combine)
        assert r.lo == pytest.approx(10) and r.mid == pytest.approx(10) and r.hi == pytest.approx(10)
    apart = dc.combined_growth_range(Given({"w": 120, "wg": 20, "p": 55, "pg": 10}), "w", "wg", "p", "pg", "difference")
    assert apart.mid == pytest.approx(30)


def test_combined_growth_widens_with_the_rounding_and_the_wide_reading():
    """A rounding interval on one figure widens the range around the same middle; a wider reading of a
    hedge (here given for 'wide' only) widens it further."""
    half = Interval(109.5, 110, 110.5)
    rounded = Given({"w": 110, "wg": 10, "p": 55, "pg": 10}, {"w": half})
    r = dc.combined_growth_range(rounded, "w", "wg", "p", "pg", "difference")
    assert r.lo < 10 < r.hi and r.mid == pytest.approx(10)

    class Hedged(Given):
        def interval(self, name, convention="wide"):
            return Interval(100, 110, 120) if (name, convention) == ("w", "wide") else super().interval(name)

    wide = dc.combined_growth_range(Hedged({"w": 110, "wg": 10, "p": 55, "pg": 10}), "w", "wg", "p", "pg", "difference")
    assert wide.lo < r.lo and wide.hi > r.hi and wide.mid == pytest.approx(10)


def test_combined_growth_rejects_an_unknown_combination():
    with pytest.raises(ValueError, match="made_up: combine must be 'sum' or 'difference', not 'ratio'"):
        dc.combined_growth_range(Given({"w": 1, "wg": 1, "p": 1, "pg": 1}), "w", "wg", "p", "pg", "ratio")


def test_major_floor_is_the_value_less_the_other_projects_each_below_the_threshold():
    inputs = Given({"value": 18.778e9, "others": 19, "majors": 6})
    assert dc.major_projects_floor(inputs, "value", "others", "majors") == pytest.approx(18.778e9 - 19 * 5e8)


def test_major_floor_fails_when_the_majors_own_floor_binds():
    """With ¥12 billion signed, the value less 19 projects below ¥500 million (¥2.5 billion) is below what
    6 majors of ¥500 million or more hold at least (¥3 billion): the page's bound would be wrong."""
    inputs = Given({"value": 12e9, "others": 19, "majors": 6})
    with pytest.raises(ValueError, match="made_up: majors times the threshold"):
        dc.major_projects_floor(inputs, "value", "others", "majors")


def test_the_registered_readings_agree_with_each_other():
    """On the data: reading A's growth (an expression) is the middle of its range (a function), and the
    range holds it; the modern-services increase shows what culture and tourism's shows, as the page says."""
    ds, cache = tp.load_dataset(), {}
    mid = dn.evaluate_one(ds, "tourism_rest_services_growth", cache).value
    rng = dn.evaluate_one(ds, "tourism_rest_services_growth_range", cache).value
    assert rng.lo < mid < rng.hi and rng.mid == pytest.approx(mid, rel=1e-9)
    assert (dn.evaluate_one(ds, "tourism_funds_increase", cache).text
            == dn.evaluate_one(ds, "tourism_services_funds_increase", cache).text)


def test_the_tourism_page_computes_none_of_them_itself():
    """The page's own interval arithmetic (Interval.exact(100), the 5e8 threshold) is gone from its code."""
    path = REPO_ROOT / "book" / "programs" / "03-tourism.ipynb"
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "code")
    for pattern in ("Interval.exact(", "5e8", ".mid", "fmt.percent(100"):
        assert pattern not in code, f"book/programs/03-tourism.ipynb computes {pattern!r} itself"
