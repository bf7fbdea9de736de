import pandas as pd
import pytest

from tenprograms import fmt


def row(numeral, unit, word="", qualifier="exact", value_base=None, unit_base="item", bound=""):
    return pd.Series({"numeral": numeral, "unit_zh": unit, "qualifier_zh": word, "qualifier": qualifier,
                      "value_base": value_base if value_base is not None else float(numeral),
                      "unit_base": unit_base, "bound": bound})


@pytest.mark.parametrize("r, printed", [
    (row("17.2", "亿元"), "17.2亿元"), (row("2", "万张", "近", "nearly"), "近2万张"),
    (row("9.3", "万名", "余", "more_than"), "9.3万余名"), (row("4500", "户", "余", "more_than"), "4500余户"),
    (row("100", "个", "多", "more_than"), "100多个"), (row("80", "%", "以上", "more_than"), "80%以上"),
    (row("100", "名", "左右", "about"), "100名左右"), (row("10000", "套", "左右", "about"), "10000套左右"),
])
def test_as_printed_puts_the_qualifier_where_the_report_does(r, printed):
    assert fmt.as_printed(r) == printed


def test_in_english_agrees_in_number():
    assert fmt.in_english(row("32792", "户", unit_base="market entity")) == "32,792 market entities"
    assert fmt.in_english(row("1", "家", unit_base="enterprise")) == "1 enterprise"
    assert fmt.in_english(row("1332", "人", unit_base="person")) == "1,332 people"
    assert fmt.in_english(row("58.7", "微克/立方米", unit_base="µg/m³")) == "58.7 µg/m³"
    assert fmt.in_english(row("82.5", "%", unit_base="percent")) == "82.5%"
    assert fmt.in_english(row("7", "名", unit_base="rank")) == "rank 7"
    assert fmt.in_english(row("27", "万亩", value_base=270000, unit_base="mu")) == "270,000 mu"
    assert fmt.in_english(row("17.2", "亿元", value_base=1.72e9, unit_base="CNY")) == "¥1.72 billion"
    assert fmt.in_english(row("2", "万张", "近", "nearly", value_base=20000, unit_base="card")) == "nearly 20,000 cards"


def test_numbers_and_amounts():
    assert fmt.number(1234567) == "1,234,567"
    assert fmt.number(2.345, 1) == "2.3"
    assert fmt.number(58.7) == "58.7" and fmt.number(0.04) == "0.04" and fmt.number(82.5) == "82.5"
    assert fmt.cny(2.364e7) == "¥23.64 million"
    assert fmt.cny(4.655921e8) == "¥465.59 million" and fmt.cny(3.067e9) == "¥3.067 billion"
    assert fmt.english_magnitude(1125000) == "1.125 million" and fmt.english_magnitude(4500) == "4,500"
    assert fmt.chinese_amount(1.72e9) == "17.2亿元"
    assert fmt.percent(82.5) == "82.5%"
    assert fmt.breakable("a" * 40) == "a" * 16 + " " + "a" * 16 + " " + "a" * 8
