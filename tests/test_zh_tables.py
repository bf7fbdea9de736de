"""The Chinese edition shows no English that it computed: every glued value a paragraph shows reads
in Chinese (book/numbers.csv shown_zh, the value glued as <key>@zh or the key's own value), and the
tables and sentences built in code have Chinese twins."""
from __future__ import annotations

import csv
import re

import pytest

from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import fmt_zh

#: Latin letters a Chinese paragraph may show: proper nouns, units and standards the Chinese text
#: writes in Latin letters too (the report's own 5G and A级).
LATIN_ALLOWED = ["PM2.5", "PM10", "µg/m³", "GB 3095-2012", "5G", "A级"]
LATIN = re.compile(r"[A-Za-z]")


def english_left(text: str) -> bool:
    """Whether a Chinese display still has Latin letters once the allowed proper nouns are taken out."""
    for word in LATIN_ALLOWED:
        text = text.replace(word, "")
    return bool(LATIN.search(text))


def numbers_rows(path=REPO_ROOT / "book" / "numbers.csv") -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def english_in_chinese_paragraphs(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(page, key, shown_zh) of every value a Chinese paragraph would show in English. Figures are
    glued images ('[figure]'), drawn in Chinese by the charts (render/charts.py)."""
    return sorted({(r["page"], r["key"], r["shown_zh"]) for r in rows
                   if r["shown_zh"] != "[figure]" and english_left(r["shown_zh"])})


def test_english_left_allows_only_the_proper_nouns():
    assert not english_left("PM2.5年均浓度38µg/m³")
    assert not english_left("全市38家A级景区已开放36家")
    assert english_left("27 August 2020")
    assert english_left("no")
    assert english_left("A-level scenic spots")


def test_every_glued_value_a_chinese_paragraph_shows_is_chinese():
    """Each glued text value with Latin letters has a Chinese <key>@zh (numbers.csv shown_zh): '7th' is
    第7名, '1 January to 27 August' is 1月1日至8月27日, 'None' is 没有."""
    rows = numbers_rows()
    assert len(rows) > 500
    assert not english_in_chinese_paragraphs(rows)


def test_the_check_finds_an_english_value(tmp_path):
    """The check fails on a key whose Chinese display is its English one (a glue without zh=)."""
    rows = numbers_rows()
    broken = [dict(r) for r in rows]
    target = next(r for r in broken if r["key"] == "rank_ordinal")
    target["shown_zh"] = target["shown"]
    assert english_in_chinese_paragraphs(broken) == [(target["page"], "rank_ordinal", target["shown"])]


@pytest.mark.parametrize("day, words", [("2020-08-27", "8月27日"), ("2020-01-01", "1月1日")])
def test_month_day(day, words):
    assert fmt_zh.month_day(day) == words
    assert fmt_zh.same_reading(f"{int(words.split('月')[1][:-1])} {'August' if '8月' in words else 'January'}",
                               words)


def test_date_note_in_chinese_or_an_error():
    assert fmt_zh.date_note("on or after 2020-08-29 (not printed; inferred)") == "2020年8月29日或其后（报告未印日期，系推断）"
    with pytest.raises(ValueError, match="no Chinese wording"):
        fmt_zh.date_note("before 2020-08-29")
