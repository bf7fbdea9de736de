"""The dataset is complete and well described: numeral census, data package, glossary coverage."""
from __future__ import annotations

from tenprograms import load_dataset
from tenprograms.census import census
from tenprograms.paths import REPO_ROOT


def test_every_numeral_of_the_source_is_accounted_for():
    occurrences = census(load_dataset())
    missing = [f"line {o.line}: {o.numeral}" for o in occurrences if not o.covered_by]
    assert len(occurrences) > 150
    assert not missing, f"numerals neither a figure nor excluded: {missing}"


def test_census_catches_a_dropped_row(data_copy):
    path = data_copy / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    assert any(not o.covered_by for o in census(load_dataset()))


def test_every_exclusion_is_used():
    ds = load_dataset()
    used = sum(1 for o in census(ds) if o.covered_by.startswith("exclusion:"))
    assert used == len(ds.numeral_exclusions)


def test_data_package_validates_with_frictionless():
    from frictionless import Package

    report = Package(str(REPO_ROOT / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_source_is_a_byte_copy():
    ds = load_dataset()
    assert ds.manifest["lines"] == len(ds.source_lines)
    assert not (REPO_ROOT / "data" / "raw" / ds.manifest["file"]).read_bytes().endswith(b"\n")
