"""The Chinese edition shows no English that it computed: every glued value a paragraph shows reads
in Chinese (book/numbers.csv shown_zh, the value glued as <key>@zh or the key's own value), and the
tables and sentences built in code have Chinese twins."""
from __future__ import annotations

import csv
import re

import pytest

from tenprograms.data.dataset import load_dataset
from tenprograms.data.paths import REPO_ROOT
from tenprograms.render import fmt_zh

#: Latin letters a Chinese paragraph may show: proper nouns, units and standards the Chinese text
#: writes in Latin letters too (the report's own 5G and A级, the book's source grades A级/B级/C级, †A/†B/†C).
LATIN_ALLOWED = ["PM2.5", "PM10", "µg/m³", "GB 3095-2012", "5G", "A级", "B级", "C级", "†A", "†B", "†C"]
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


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


# ---------------------------------------------------------------- the Chinese columns of the data

def test_an_english_sentence_in_a_chinese_column_is_refused(tmp_path):
    """A Chinese column that holds English only (a pasted caution) is refused: the pattern asks for Chinese."""
    import shutil

    from tenprograms.data.errors import DataValidationError
    from tenprograms.data.paths import data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    path = data / "claims.csv"
    text = path.read_text(encoding="utf-8")
    zh = next(r["reason_zh"] for r in csv.DictReader(text.splitlines()) if r["claim_id"] == "market_stock")
    path.write_text(text.replace(zh, "Far below the target"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"claims.csv, line \d+ .*market_stock.*column reason_zh"):
        load_dataset(data)


# ---------------------------------------------------------------- the Chinese tables

URL = re.compile(r"https?://\S+")


def latin_cells(frame, columns=None) -> list[str]:
    return [str(v) for c in (columns or frame.columns) for v in frame[c] if english_left(URL.sub("", str(v)))]


def test_the_audit_tables_in_chinese(ds):
    """Both audit tables have a Chinese twin: program names, relations, verdicts in Chinese, the same
    rows in the same order as the English."""
    from tenprograms.analysis.audit import audit
    from tenprograms.render import bilingual, tables

    result = audit(ds)
    for en, zh in ((tables.audit_checks_frame, bilingual.audit_checks_frame_zh),
                   (tables.audit_apart_frame, bilingual.audit_apart_frame_zh)):
        english, chinese = en(ds, result), zh(ds, result)
        assert len(english) == len(chinese) > 3
        assert not latin_cells(chinese)
        assert [v.startswith("成立") for v in chinese["结论"]] == [v.startswith("holds") for v in english["Verdict"]]


def test_the_claims_and_facts_tables_in_chinese(ds):
    """The claims table's reasons and the outside facts' sources and cautions are Chinese; a foreign
    source keeps its own name (CBS News), nothing else is English."""
    from tenprograms.analysis.audit import audit
    from tenprograms.render import bilingual

    claims = bilingual.claims_frame_zh(ds, audit(ds))
    assert not latin_cells(claims, ["理由", "类型", "报告内部核对"])
    facts = bilingual.facts_frame_zh(ds)
    assert not latin_cells(facts, ["注意事项"])
    # the sources are cited (the Chinese bibliography's generated entries: sphinxext/sources_bib.py)
    sources = [v for _, row in ds.sources.iterrows() for v in (row["author_zh"], row["source_zh"])
               if english_left(URL.sub("", v))]
    assert all("CBS News" in v for v in sources), sources


# ---------------------------------------------------------------- the assessment's Chinese twin (Table 1)

def test_table_one_in_chinese(ds):
    """Table 1's Chinese twin: every cell Chinese (outside the roles and proper nouns), the figures as
    the report prints them, the same ten programs in the same order."""
    from tenprograms.analysis.assessment import load_assessment
    from tenprograms.render import templates

    assessment = load_assessment(ds)
    english, chinese = templates.overview_frame(ds, assessment), templates.overview_frame_zh(ds, assessment)
    assert len(english) == len(chinese) == 10
    roles = re.compile(r"\{\w+\}`[^`]*`")
    assert not [v for c in chinese.columns for v in chinese[c] if english_left(roles.sub("", v))]
    market = chinese.iloc[6]
    assert "32792户" in market["报告所称"] and "2020年1—7月" in market["报告所称"]


def _assessment_copy(tmp_path, edit):
    import yaml

    from tenprograms.analysis.assessment import ASSESSMENT

    spec = yaml.safe_load(ASSESSMENT.read_text(encoding="utf-8"))
    edit(spec["programs"])
    path = tmp_path / "assessment.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("edit, message", [
    (lambda p: p["market"]["zh"].pop("caveat"), r"assessment.yml: market: zh.caveat is missing"),
    (lambda p: p["market"]["zh"].update(claim=p["market"]["zh"]["claim"].replace(
        "market_new_registrations_total", "market_stock_total")), r"market: zh names .* the English"),
    (lambda p: p["ecology"]["zh"]["key_figures"].pop(), r"ecology: zh.key_figures has 1 entries, the English 2"),
])
def test_a_chinese_twin_that_is_missing_or_names_other_figures_is_refused(ds, tmp_path, edit, message):
    """The Chinese twin must exist for every program and rest on the same numbers as the English."""
    from tenprograms.analysis.assessment import load_assessment
    from tenprograms.render import templates

    assessment = load_assessment(ds)
    assert templates.assessment_zh(assessment)
    with pytest.raises(ValueError, match=message):
        templates.assessment_zh(assessment, _assessment_copy(tmp_path, edit))


# ---------------------------------------------------------------- the target tracker and the reporting chapter

def test_the_target_tracker_in_chinese(ds):
    """The tracker's Chinese twin: the same targets in the same order, every sentence Chinese, and the
    same progress as the English (the percentages of each row are the same numbers)."""
    from tenprograms.analysis.targets import reconciliation
    from tenprograms.render import templates, tracker_zh

    english, chinese = templates.tracker_frame(ds), tracker_zh.tracker_frame_zh(ds)
    assert list(english.index) == list(chinese.index)
    assert not latin_cells(chinese)
    percent = re.compile(r"(\d+)%")
    for metric_id in english.index:
        assert percent.findall(english.loc[metric_id, "What the report shows"]) == \
            percent.findall(chinese.loc[metric_id, "报告显示的进展"]), metric_id
    steps = tracker_zh.reconciliation_zh(reconciliation(ds))
    assert not latin_cells(steps)
    with pytest.raises(ValueError, match="no Chinese for the reconciliation steps"):
        tracker_zh.reconciliation_zh(reconciliation(ds).assign(step="A new step"))


def test_the_reporting_tables_in_chinese():
    import pandas as pd

    from tenprograms.render import bilingual

    yardsticks = pd.DataFrame({"Yardstick": ["year on year", "none"], "Figures": [3, 4], "Pairs printed": ["–", "–"],
                               "Example (verbatim)": ["同比增长4.3%", "改造124条背街小巷"]})
    assert list(bilingual.yardsticks_zh(yardsticks)["参照"]) == ["同比", "无参照"]
    silences = pd.DataFrame({"Indicator": ["GDP (地区生产总值)"], "Words looked for in the source": ["地区生产总值 / GDP"],
                             "Found": ["no"]})
    assert bilingual.silences_zh(silences).iloc[0].tolist() == ["地区生产总值", "地区生产总值、GDP", "否"]
    with pytest.raises(ValueError, match="no Chinese name"):
        bilingual.silences_zh(silences.assign(Indicator="GDP"))
