"""Each class of bad data is stopped with a message naming file, row and column.

Every test breaks a private copy of data/ in one way and checks the message; none touches data/.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import assert_reported, edit_cell, problems, read_rows, write_rows

from tenprograms import load_dataset
from tenprograms.data.paths import REPO_ROOT

DATA_FILE = REPO_ROOT / "data" / "metrics.csv"


def test_the_real_data_validates():
    ds = load_dataset()
    assert len(ds.metrics) > 100 and len(ds.programs) == 10


def test_missing_column(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    i = rows[0].index("unit_base")
    write_rows(data_copy / "metrics.csv", [r[:i] + r[i + 1:] for r in rows])
    assert_reported(data_copy, "data/metrics.csv", "header", "column unit_base", "missing")


def test_unknown_column(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    write_rows(data_copy / "metrics.csv", [r + (["colour"] if n == 0 else ["red"]) for n, r in enumerate(rows)])
    assert_reported(data_copy, "data/metrics.csv", "column colour", "unknown column")


def test_wrong_type(data_copy):
    mid = edit_cell(data_copy / "metrics.csv", 3, "value", "many")
    assert_reported(data_copy, "data/metrics.csv", "line 4", f"metric_id={mid}", "column value", "not a number")


def test_duplicate_id(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    rows[5][0] = rows[4][0]
    write_rows(data_copy / "metrics.csv", rows)
    assert_reported(data_copy, "data/metrics.csv", "line 6", "column metric_id", "duplicate", "first on line 5")


def test_unknown_program(data_copy):
    mid = edit_cell(data_copy / "metrics.csv", 2, "program", "11")
    assert_reported(data_copy, "data/metrics.csv", "line 3", f"metric_id={mid}", "column program")


def test_swapped_program(data_copy):
    mid = edit_cell(data_copy / "metrics.csv", 2, "program", "9")
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={mid}", "column metric_id", "program slug")


def test_quote_not_in_source(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    col = rows[0].index("quote")
    mid = edit_cell(data_copy / "metrics.csv", 7, "quote", rows[7][col] + "等")
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={mid}", "column quote", "not found verbatim")


def test_numeral_not_in_quote(data_copy):
    mid = edit_cell(data_copy / "metrics.csv", 1, "numeral", "987654")
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={mid}", "column numeral", "does not appear in its quote")


def test_value_not_the_printed_numeral(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    col = rows[0].index("value")
    mid = edit_cell(data_copy / "metrics.csv", 1, "value", str(float(rows[1][col]) + 1))
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={mid}", "column value", "not the printed numeral")


def test_value_base_disagrees_with_unit(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    unit, base = rows[0].index("unit_zh"), rows[0].index("value_base")
    n = next(i for i, r in enumerate(rows) if i and r[unit] == "亿元")
    mid = edit_cell(data_copy / "metrics.csv", n, "value_base", str(float(rows[n][base]) / 10))
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={mid}", "column value_base", "亿元 multiplier")


def test_end_before_start(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    start, end = rows[0].index("period_start"), rows[0].index("period_end")
    n = next(i for i, r in enumerate(rows) if i and r[start] and r[end])
    rows[n][end] = "2019-01-01"
    write_rows(data_copy / "metrics.csv", rows)
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={rows[n][0]}", "column period_end", "before period_start")


def test_bad_date(data_copy):
    rows = read_rows(data_copy / "metrics.csv")
    end = rows[0].index("period_end")
    n = next(i for i, r in enumerate(rows) if i and r[end])
    mid = edit_cell(data_copy / "metrics.csv", n, "period_end", "2020-02-30")
    assert_reported(data_copy, "data/metrics.csv", f"metric_id={mid}", "column period_end", "ISO date")


@pytest.mark.parametrize("file, key, column, bad, expected", [
    ("metrics.csv", "metric_id", "unit_zh", "斤", "斤"),
    ("metrics.csv", "metric_id", "kind", "vibe", "not one of"),
    ("relations.csv", "relation_id", "lhs", "no_such_metric + 1", "no_such_metric"),
    ("glossary.csv", "term_id", "term_zh", "不存在的术语", "not found in the source"),
])
def test_one_bad_cell_is_named(data_copy, file, key, column, bad, expected):
    row_id = edit_cell(data_copy / file, 1, column, bad)
    assert_reported(data_copy, f"data/{file}", f"{key}={row_id}", f"column {column}", expected)


def test_source_checksum_changed(data_copy):
    source = next((data_copy / "raw").glob("*.txt"))
    source.write_bytes(source.read_bytes().replace("636".encode(), "637".encode(), 1))
    assert_reported(data_copy, "xiangyang-daily-ten-programs-2020.txt", "checksum changed")


def test_source_not_utf8(data_copy):
    source = next((data_copy / "raw").glob("*.txt"))
    source.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    assert_reported(data_copy, "xiangyang-daily-ten-programs-2020.txt", "not valid UTF-8")


def test_bom_crlf_and_stray_whitespace_load_identically(data_copy):
    path = data_copy / "metrics.csv"
    before = load_dataset(data_copy).metrics
    rows = read_rows(path)
    rows = [rows[0]] + [[f" {cell}  " if i in (1, 6, 13) else cell for i, cell in enumerate(r)] for r in rows[1:]]
    write_rows(path, rows)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    after = load_dataset(data_copy).metrics
    assert before.equals(after)


def test_all_problems_reported_at_once_and_nothing_returned(data_copy):
    edit_cell(data_copy / "metrics.csv", 1, "kind", "vibe")
    edit_cell(data_copy / "metrics.csv", 2, "unit_zh", "斤")
    found = problems(data_copy)
    assert len(found) >= 2


def test_cli_validate_exit_codes(data_copy):
    ok = subprocess.run([sys.executable, "-m", "tenprograms", "validate"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    edit_cell(data_copy / "metrics.csv", 1, "kind", "vibe")
    bad = subprocess.run([sys.executable, "-m", "tenprograms", "validate"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "data/metrics.csv, line 2" in bad.stderr and "column kind" in bad.stderr


# ---------------------------------------------------------------- dates against the printed period

def row_of(path, metric_id):
    rows = read_rows(path)
    return next(i for i, r in enumerate(rows) if i and r[0] == metric_id), rows


@pytest.mark.parametrize("metric_id, column, bad, expected", [
    ("market_stock_total", "period_end", "2020-06-30", "1-7月"),                 # the newcomer review's case
    ("market_new_registrations_total", "period_start", "2020-02-01", "1-7月"),
    ("growth_tax_cuts_h1", "period_end", "2020-07-31", "上半年"),
    ("ecology_good_days", "period_end", "2020-08-28", "截至8月27日"),
    ("market_indicators_total", "period_end", "2020-08-31", "截至7月底"),
    ("civility_markets_upgraded", "period_start", "2019-01-01", "2018年以来"),
    ("civility_markets_upgraded", "period_end", "2020-08-29", "2018年以来"),      # "since": no end printed
    ("ecology_kilns", "period_start", "2020-03-01", "今年以来"),
    ("talent_college_plan_enrolled_2019", "period_end", "2020-12-31", "2019年"),
    ("talent_scarce_program_years", "period_start", "2020-01-01", "从2019年起"),
    ("agriculture_rice_crayfish_area_target", "period_end", "2021-12-31", "今年年底"),
    ("talent_college_plan_enrol_2020", "period_start", "2019-01-01", "今年"),
    ("agriculture_crayfish_coops", "period_end", "2020-08-29", "目前"),           # "at present": never invent a date
    ("growth_5g_sites_upgraded", "period_start", "2020-01-01", "no period"),      # no period word, no date
])
def test_a_date_that_contradicts_the_printed_period(data_copy, metric_id, column, bad, expected):
    mid = edit_cell(data_copy / "metrics.csv", row_of(data_copy / "metrics.csv", metric_id)[0], column, bad)
    assert mid == metric_id
    n = row_of(data_copy / "metrics.csv", metric_id)[0]
    assert_reported(data_copy, "data/metrics.csv", f"line {n + 1}", f"metric_id={mid}", f"column {column}", expected)


@pytest.mark.parametrize("metric_id, column", [("market_stock_total", "period_end"),
                                               ("civility_markets_upgraded", "period_start")])
def test_a_date_the_period_fixes_may_not_be_left_out(data_copy, metric_id, column):
    n, _ = row_of(data_copy / "metrics.csv", metric_id)
    edit_cell(data_copy / "metrics.csv", n, column, "")
    assert_reported(data_copy, "data/metrics.csv", f"line {n + 1}", f"metric_id={metric_id}", f"column {column}", "empty")


def test_a_period_word_without_a_rule(data_copy):
    n, _ = row_of(data_copy / "metrics.csv", "market_stock_total")
    edit_cell(data_copy / "metrics.csv", n, "period_zh", "第三季度")
    assert_reported(data_copy, "data/metrics.csv", f"line {n + 1}", "column period_zh", "no rule")


def test_every_period_word_of_the_data_has_a_rule():
    from tenprograms.data.checks import period_rule
    words = {r[read_rows(DATA_FILE)[0].index("period_zh")] for r in read_rows(DATA_FILE)[1:]}
    assert len(words) > 10
    for word in words:
        period_rule(word)                                   # raises on a word without a rule
