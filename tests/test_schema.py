"""The Table Schema checks are frictionless's (src/tenprograms/data/schema.py), reported as Problems that
name file, row and column, and a table is checked again only when its bytes change."""
from __future__ import annotations

import subprocess
import sys

import frictionless
import pytest
from conftest import assert_reported, edit_cell, read_rows, write_rows

from tenprograms import load_dataset
from tenprograms.data import schema


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The tables frictionless checks from now on, by their schema's first field."""
    tables: list[str] = []
    original = frictionless.Schema.from_descriptor

    def spy(descriptor, *args, **kwargs):
        if isinstance(descriptor, dict) and "fieldsMatch" in descriptor:
            tables.append(descriptor["fields"][0]["name"])
        return original(descriptor, *args, **kwargs)

    monkeypatch.setattr(frictionless.Schema, "from_descriptor", spy)
    return tables


def test_type_enum_and_missing_column_are_found_by_frictionless(data_copy, checked):
    load_dataset(schema.REPO_ROOT / "data")              # the real data: every table known by its hash
    checked.clear()
    mid = edit_cell(data_copy / "metrics.csv", 3, "value", "many")
    kind_id = edit_cell(data_copy / "metrics.csv", 5, "kind", "vibe")
    units = read_rows(data_copy / "units.csv")
    scale = units[0].index("scale")
    write_rows(data_copy / "units.csv", [r[:scale] + r[scale + 1:] for r in units])

    assert_reported(data_copy, "data/metrics.csv", f"line 4 (metric_id={mid})", "column value", "'many' is not a number")
    assert_reported(data_copy, "data/metrics.csv", f"line 6 (metric_id={kind_id})", "column kind",
                    "'vibe' is not one of ['level'")
    assert_reported(data_copy, "data/units.csv", "header", "column scale", "required column is missing")
    assert sorted(set(checked)) == ["metric_id", "unit_zh"]   # the two changed tables, and only they


@pytest.mark.parametrize("column, bad, expected", [
    ("program", "3.5", "'3.5' is not an integer"),
    ("program", "0", "0 is below the minimum 1"),
    ("line", "59", "59 is above the maximum 58"),
    ("metric_id", "Growth", "'Growth' does not match ^[a-z][a-z0-9_]*$"),
    ("quote_en", "", "is empty but required"),
    ("value_base", "NaN", "'NaN' is not a finite number"),    # Table Schema allows NaN: our rule
])
def test_each_constraint_names_file_row_and_column(data_copy, column, bad, expected):
    mid = edit_cell(data_copy / "metrics.csv", 2, column, bad)
    where = "line 3" if column == "metric_id" else f"line 3 (metric_id={mid})"
    assert_reported(data_copy, "data/metrics.csv", where, f"column {column}", expected)


def test_a_row_too_short_or_too_long(data_copy):
    rows = read_rows(data_copy / "glossary.csv")
    rows[2] = rows[2][:-1]
    rows[4] = rows[4] + ["stray"]
    write_rows(data_copy / "glossary.csv", rows)
    assert_reported(data_copy, "data/glossary.csv", f"line 3 (term_id={rows[2][0]})", "column program", "fewer fields")
    assert_reported(data_copy, "data/glossary.csv", f"line 5 (term_id={rows[4][0]})", "'stray'", "more fields")


def test_a_duplicate_key_is_said_once(data_copy):
    rows = read_rows(data_copy / "units.csv")
    rows[3][0] = rows[2][0]
    write_rows(data_copy / "units.csv", rows)
    with pytest.raises(Exception) as info:
        load_dataset(data_copy)
    dup = [str(p) for p in info.value.problems if "duplicate" in str(p)]
    assert dup == [f"data/units.csv, line 4 (unit_zh={rows[2][0]}), column unit_zh: "
                   f"duplicate value {rows[2][0]!r} (first on line 3)"]


def test_columns_match_by_name_in_any_order(data_copy):
    before = load_dataset(data_copy).units
    rows = read_rows(data_copy / "units.csv")
    write_rows(data_copy / "units.csv", [r[::-1] for r in rows])
    assert load_dataset(data_copy).units.equals(before)


def test_an_unchanged_table_is_not_checked_again(data_copy, checked, monkeypatch):
    for memory in ("_MEMORY", "_ON_DISK"):
        monkeypatch.setattr(schema, memory, {})          # a new process: only the cache on disk is known
    load_dataset(schema.REPO_ROOT / "data")             # from disk, or checked and stored there
    monkeypatch.setattr(schema, "_MEMORY", {})
    checked.clear()
    load_dataset(schema.REPO_ROOT / "data")
    load_dataset(data_copy)                              # the same bytes elsewhere
    assert checked == []
    edit_cell(data_copy / "relations.csv", 1, "note", "edited")
    load_dataset(data_copy)
    assert checked == ["relation_id"]


def test_loading_known_data_does_not_import_frictionless():
    load_dataset(schema.REPO_ROOT / "data")              # fills the cache on disk if it is not there
    code = "import sys; from tenprograms import load_dataset; load_dataset(); print('frictionless' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
