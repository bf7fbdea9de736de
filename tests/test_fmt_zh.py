"""The Chinese edition's number formats (render/fmt_zh.py), checked against the report's own printing."""
import pandas as pd
import pytest

from tenprograms.data.dataset import load_dataset
from tenprograms.render import derived as registry
from tenprograms.render import fmt, fmt_zh
from tenprograms.render.glue import ZH


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_every_figure_printed_in_digits_reads_as_the_report_prints_it(ds):
    """The Chinese display of a figure in base units (what the zh edition glues as <id>__en@zh) is the
    very text of the report's quote: 50.92万户, 近2万张, 9.3万余名, 4500余户, 100名左右, 21个百分点.
    Left out: ranges (the quote prints both ends as one), numerals in characters (一条, 三个), the rank."""
    skipped = ds.metrics["qualifier"].eq("range") | ds.metrics["unit_base"].eq("rank") \
        | ~ds.metrics["numeral"].str[0].str.isdigit()
    checked = ds.metrics[~skipped]
    assert len(checked) > 140
    wrong = [(i, fmt_zh.in_chinese(r), r["quote"]) for i, r in checked.iterrows() if fmt_zh.in_chinese(r) not in r["quote"]]
    assert not wrong


@pytest.mark.parametrize("metric_id, shown", [
    ("infrastructure_health_cards_issued", "近2万张"),         # 发放电子健康卡近2万张
    ("civility_eateries_regulated", "4500余户"),               # hedge after the number
    ("civility_small_ads_removed", "45万余处"),                 # 余 between 万 and the measure word
    ("talent_scarce_per_year", "100名左右"),                   # 左右 after the measure word
    ("talent_apartments_target", "10000套左右"),               # not 1万套: the report printed digits
    ("market_stock_enterprises", "107164户"),                  # no thousands separator
    ("growth_tax_cuts_h1", "17.2亿元"),
    ("ecology_good_day_rate_change", "21个百分点"),
    ("market_indicators_over80_completion", "80%以上"),
    ("agriculture_tea_income_per_mu_low", "6000元/亩（下限）"),
    ("livelihood_poor_counties_delisted", "3个"),               # 三个 in digits
])
def test_in_chinese(ds, metric_id, shown):
    assert fmt_zh.in_chinese(ds.metric(metric_id)) == shown


@pytest.mark.parametrize("metric_id, period", [
    ("tourism_signed_projects", "2020年1—7月"), ("growth_tax_cuts_h1", "2020年上半年"),
    ("ecology_good_days_change", "2020年1月1日—8月27日"), ("market_stock_growth", "截至2020年7月底"),
    ("civility_markets_upgraded", "2018年以来"), ("talent_college_plan_enrol_2020", "2020年"),
    ("infrastructure_health_cards_issued", "目前"), ("growth_5g_sites_upgraded", "累计，未注明起始时间"),
])
def test_period(ds, metric_id, period):
    assert fmt_zh.period(ds.metric(metric_id)) == period


@pytest.mark.parametrize("x, decimals, shown", [
    (509200, None, "50.92万"), (20000, None, "2万"), (107164, None, "107164"), (4500, None, "4500"),
    (1.72e9, None, "17.2亿"), (465592100, None, "4.6559亿"), (-3e8, None, "−3亿"),
    (1.72e9, 1, "17亿"), (1.25e6, 1, "125万"), (3.95e8, 2, "3.95亿"),
])
def test_magnitude(x, decimals, shown):
    assert fmt_zh.magnitude(x, decimals) == shown


def test_small_formats():
    assert fmt_zh.date(pd.Timestamp("2020-08-27")) == "2020年8月27日"
    assert fmt_zh.points(21) == "21个百分点"
    assert fmt_zh.percent(82.5) == "82.5%"
    assert fmt_zh.number(1234567) == "1234567"
    assert fmt_zh.amount(23641700) == "2364.17万元"
    assert fmt_zh.hedged("3000", "人", "近") == "近3000人"
    assert fmt_zh.hedged("3000", "人", "余") == "3000余人"
    assert fmt_zh.period_words("1-8月") == "2020年1—8月"
    with pytest.raises(ValueError, match="unknown hedge word"):
        fmt_zh.hedged("3", "个", "约")


def test_measure_word_reads_units_csv():
    assert fmt_zh.measure_word("万张") == "张"
    assert fmt_zh.measure_word("亿元") == "元"
    assert fmt_zh.measure_word("万") == ""
    assert fmt_zh.measure_word("个工作日") == "个工作日"
    with pytest.raises(KeyError, match=r"units.csv: no unit '只'"):
        fmt_zh.measure_word("只")


def test_english_and_chinese_displays_of_every_figure_read_the_same(ds):
    """fmt.in_english and fmt_zh.in_chinese show one value: parsed back, they agree within their rounding."""
    for metric_id, row in ds.metrics.iterrows():
        assert fmt_zh.same_reading(fmt.number_en(row), fmt_zh.number_zh(row)), metric_id
        assert fmt_zh.same_reading(fmt.english_magnitude(row["value_base"]), fmt_zh.magnitude(row["value_base"])), metric_id


def test_same_reading_can_fail():
    assert fmt_zh.same_reading("¥1.72 billion", "17.2亿元")
    assert fmt_zh.same_reading("27 August 2020", "2020年8月27日")
    assert not fmt_zh.same_reading("¥1.72 billion", "1.72亿元")
    assert not fmt_zh.same_reading("27 August 2020", "2020年8月26日")
    assert not fmt_zh.same_reading("1,234 to 2,345", "1234")
    assert fmt_zh.same_reading("January–July 2020", "2020年1—7月")
    assert not fmt_zh.same_reading("January–August 2020", "2020年1—7月")
    assert fmt_zh.same_reading("2026-12-01", "2026年12月1日")


def test_every_derived_format_has_a_chinese_display_that_reads_the_same(ds):
    """Each derived number of book/derived.yml: its Chinese display (glued as <key>@zh) shows the
    English display's value within the rounding."""
    values = registry.evaluate_all(ds)
    assert len(values) > 50
    for ident, d in values.items():
        zh = registry.text_zh(d)
        assert registry.FORMATS_ZH.get(d.definition.format) is None or zh != d.text or "," not in str(d.text), ident
        assert fmt_zh.same_reading(d.text, zh), (ident, d.text, zh)
    assert ZH == "@zh"


def test_numbers_csv_shows_the_same_value_in_both_editions():
    """book/numbers.csv: every number the prose shows reads the same in the English (shown) and the
    Chinese edition (shown_zh, the value glued as <key>@zh) within the rounding each states."""
    import csv

    from tenprograms.data.paths import REPO_ROOT

    with open(REPO_ROOT / "book" / "numbers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and "shown_zh" in rows[0]
    differ = [r for r in rows if r["shown_zh"] != r["shown"]]
    assert differ, "no key has a Chinese display of its own: the notebooks glue no <key>@zh"
    # a chapter's headline is a sentence (data/programs.csv headline_en / headline_zh), not a formatted
    # number: "in the first seven months" reads 前7个月
    sentences = {"headline_en"}
    wrong = [(r["page"], r["key"], r["shown"], r["shown_zh"]) for r in rows
             if r["shown"] != "[figure]" and r["key"] not in sentences and not fmt_zh.same_reading(r["shown"], r["shown_zh"])]
    assert not wrong


@pytest.mark.parametrize("table, column, key", [("context.csv", "statement_zh", "ctx_population_2020"),
                                                ("glossary.csv", "explanation_zh", "market_entity"),
                                                ("relations.csv", "description_zh", "market_stock_sum"),
                                                ("context.csv", "caution_zh", "ctx_area"),
                                                ("sources.csv", "source_zh", "zhwiki_xiangyang"),
                                                ("claims.csv", "reason_zh", "market_stock")])
def test_the_chinese_text_of_the_data_is_required(tmp_path, table, column, key):
    """The zh edition never falls back to English data (pitfall 12): an empty Chinese cell (a fact's
    statement, a term's explanation, a relation, a caution, a source, a verdict's reason) stops the
    load, naming file, row and column."""
    import csv
    import io
    import shutil

    from tenprograms.data.errors import DataValidationError
    from tenprograms.data.paths import data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    path = data / table
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for r in rows:
        if key in r.values():
            r[column] = ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(DataValidationError, match=rf"{table}, line \d+ .*{key}.*column {column}: is empty but required"):
        load_dataset(data)
