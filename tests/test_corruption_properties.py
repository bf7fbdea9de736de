"""Property-based: corrupt a copy of the data in many random ways; validation must reject every one,
naming the file, the row and the column. The count of corruptions tried is printed at the end of
the test session (see conftest.py)."""
from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import CORRUPTIONS_TRIED, read_rows, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenprograms import DataValidationError, load_dataset
from tenprograms.data.paths import REPO_ROOT

DATA = REPO_ROOT / "data"
TRIED = CORRUPTIONS_TRIED  # conftest prints the count
read, write = read_rows, write_rows


METRICS = read(DATA / "metrics.csv")
HEADER = METRICS[0]
N_ROWS = len(METRICS) - 1
COL = {name: i for i, name in enumerate(HEADER)}
TABLES = ["programs.csv", "metrics.csv", "relations.csv", "glossary.csv", "units.csv", "numeral_exclusions.csv"]


def corrupt(data: Path, kind: str, row: int, pick: int, amount: int) -> tuple[str, str, str]:
    """Apply one corruption; return (file, row fragment, column) the error message must name."""
    rows = read(data / "metrics.csv")
    r = 1 + row % N_ROWS
    mid = rows[r][COL["metric_id"]]
    line = f"line {r + 1}"
    if kind == "drop_column":
        table = TABLES[pick % len(TABLES)]
        trows = read(data / table)
        c = amount % len(trows[0])
        name = trows[0][c]
        write(data / table, [x[:c] + x[c + 1:] for x in trows])
        return f"data/{table}", "header", name
    if kind == "rename_column":
        table = TABLES[pick % len(TABLES)]
        trows = read(data / table)
        c = amount % len(trows[0])
        name = trows[0][c]
        trows[0][c] = name + "_renamed"
        write(data / table, trows)
        return f"data/{table}", "header", name
    if kind == "wrong_type":
        column = ["program", "line", "value", "value_base", "period_start"][pick % 5]
        if column == "period_start" and not rows[r][COL[column]]:
            column = "value"
        rows[r][COL[column]] = ["n/a", "12abc", "七", "1,5"][amount % 4]
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", line, column
    if kind == "edit_quote":
        quote = rows[r][COL["quote"]]
        at = amount % (len(quote) + 1)
        rows[r][COL["quote"]] = quote[:at] + "※" + quote[at:]
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, "quote"
    if kind == "change_value":
        value = float(rows[r][COL["value"]])
        rows[r][COL["value"]] = repr(value + 1 + amount % 97)
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, "value"
    if kind == "change_value_base":
        base = float(rows[r][COL["value_base"]])
        rows[r][COL["value_base"]] = repr(base * (2 + amount % 9) + 1)
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, "value_base"
    if kind == "duplicate_id":
        other = 1 + (r + 1 + amount % (N_ROWS - 1)) % N_ROWS
        if other == r:
            other = 1 + r % N_ROWS
        rows[other][COL["metric_id"]] = mid
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", f"line {max(r, other) + 1}", "metric_id"
    if kind == "swap_program":
        current = int(rows[r][COL["program"]])
        rows[r][COL["program"]] = str(1 + (current + amount % 9) % 10)
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, ""
    if kind == "shift_dates":
        start = date(2018, 1, 1) + timedelta(days=amount % 900)
        rows[r][COL["period_start"]] = start.isoformat()
        rows[r][COL["period_end"]] = (start - timedelta(days=1 + pick % 300)).isoformat()
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, "period_end"
    if kind in ("contradict_period_start", "contradict_period_end"):
        # a date the printed period words (period_zh) cannot mean: never one of the dates any rule allows
        column = kind.removeprefix("contradict_")
        allowed = {"2018-01-01", "2019-01-01", "2020-01-01", "2019-12-31", "2020-06-30", "2020-07-31",
                   "2020-08-27", "2020-08-29", "2020-12-31", rows[r][COL[column]]}
        bad = date(2018, 1, 1) + timedelta(days=amount % 1100)
        while bad.isoformat() in allowed:
            bad += timedelta(days=1 + pick % 7)
        rows[r][COL[column]] = bad.isoformat()
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, column
    if kind == "unknown_unit":
        rows[r][COL["unit_zh"]] = ["斤", "公顷", "千瓦", "亿吨", "打"][amount % 5]
        write(data / "metrics.csv", rows)
        return "data/metrics.csv", mid, "unit_zh"
    if kind == "changed_source":
        source = next((data / "raw").glob("*.txt"))
        raw = bytearray(source.read_bytes())
        raw[amount % len(raw)] ^= 0x01
        source.write_bytes(bytes(raw))
        return "xiangyang-daily-ten-programs-2020.txt", "", ""
    if kind == "bad_enum":
        table, column, bad = [("metrics.csv", "qualifier", "roughly"), ("units.csv", "scale", "lots"),
                              ("numeral_exclusions.csv", "category", "misc"), ("relations.csv", "check", "guess")][pick % 4]
        trows = read(data / table)
        k = 1 + amount % (len(trows) - 1)
        trows[k][trows[0].index(column)] = bad
        write(data / table, trows)
        return f"data/{table}", f"line {k + 1}", column
    if kind == "empty_required":
        table = TABLES[pick % len(TABLES)]
        trows = read(data / table)
        c = amount % len(trows[0])
        k = 1 + row % (len(trows) - 1)
        optional = {"qualifier_zh", "bound", "period_zh", "period_start", "period_end", "comparison", "note"}
        if trows[0][c] in optional:
            c = 0
        trows[k][c] = ""
        write(data / table, trows)
        return f"data/{table}", f"line {k + 1}", trows[0][c]
    if kind == "broken_relation":
        rel = read(data / "relations.csv")
        k = 1 + row % (len(rel) - 1)
        rel[k][rel[0].index("lhs")] = f"no_such_metric_{amount} + {rel[k][rel[0].index('lhs')]}"
        write(data / "relations.csv", rel)
        return "data/relations.csv", rel[k][0], "lhs"
    raise ValueError(kind)


KINDS = ["drop_column", "rename_column", "wrong_type", "edit_quote", "change_value", "change_value_base",
         "duplicate_id", "swap_program", "shift_dates", "contradict_period_start", "contradict_period_end",
         "unknown_unit", "changed_source", "broken_relation", "bad_enum", "empty_required"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    copy = tmp_path_factory.mktemp("pristine") / "data"
    shutil.copytree(DATA, copy)
    return copy


@settings(max_examples=1000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), row=st.integers(0, 10_000), pick=st.integers(0, 1000), amount=st.integers(0, 10_000))
def test_every_corruption_is_rejected_with_file_row_and_column(pristine, tmp_path_factory, kind, row, pick, amount):
    data = tmp_path_factory.mktemp("corrupt") / "data"
    shutil.copytree(pristine, data)
    file, where, column = corrupt(data, kind, row, pick, amount)
    with pytest.raises(DataValidationError) as info:
        load_dataset(data)
    messages = [str(p) for p in info.value.problems]
    assert any(file in m and where in m and (not column or f"column {column}" in m) for m in messages), \
        f"{kind}: expected {file} / {where} / {column}, got {messages}"
    TRIED[kind] = TRIED.get(kind, 0) + 1
