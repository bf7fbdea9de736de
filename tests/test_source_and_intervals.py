import pytest

from tenprograms import load_dataset
from tenprograms.data.source import clause, list_item, sentence


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_clause_is_verbatim_and_unique(ds):
    text = clause(ds, 47, "督办考核")
    assert text in ds.source_lines[46] and "督办考核" in text and "。" not in text
    with pytest.raises(ValueError):
        clause(ds, 47, "不存在的锚")


def test_sentence_and_list_item(ds):
    line, text = sentence(ds, "履职考核评估", lines=range(50, 57))
    assert line == 52 and text in ds.source_lines[51] and text.startswith("我市加强动态管理")
    with pytest.raises(ValueError):
        sentence(ds, "双报到", lines=range(50, 57))   # headline and body both: ambiguous
    item = list_item(ds, 52, "大学生村官")
    assert item.endswith("大学生村官") and "、" not in item and item in ds.source_lines[51]


def test_interval_follows_the_printed_qualifier(ds):
    row = ds.metrics[ds.metrics["qualifier"] == "more_than"].iloc[0]
    iv = ds.interval(row["metric_id"])
    assert iv.lo == row["value_base"] < iv.hi


def test_span_between_and_figures_in(ds):
    from tenprograms.data.source import between, figures_in, span

    text = span(ds, 4, "上半年", "缓交税款3.95亿元")
    assert text.startswith("上半年") and text.endswith("3.95亿元") and text in ds.source_lines[3]
    assert len(figures_in(ds, text, line=4)) >= 3
    assert between(ds, 4, "新增减税", "亿元") == "17.2"


def test_intervals_sum(ds):
    ids = ds.metrics.index[:3]
    total = sum(ds.interval(i) for i in ids)
    assert total.lo <= sum(ds.value(i) for i in ids) <= total.hi


def test_evaluate_and_latest_reference_date(ds):
    iv = ds.evaluate("market_new_enterprises + 1")
    assert iv.mid == ds.value("market_new_enterprises") + 1
    assert ds.latest_reference_date.strftime("%Y-%m-%d") == "2020-08-29"
