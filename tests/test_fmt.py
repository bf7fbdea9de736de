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


MINUS = "\u2212"


@pytest.mark.parametrize("name, args, printed", [
    ("number", (-0.09,), f"{MINUS}0.09"),
    ("number", (-1234567,), f"{MINUS}1,234,567"),
    ("number", (-2.345, 1), f"{MINUS}2.3"),
    ("percent", (-0.09, 2), f"{MINUS}0.09%"),
    ("percent", (-46.3,), f"{MINUS}46.3%"),
    ("english_magnitude", (-2.5e6,), f"{MINUS}2.5 million"),
    ("english_magnitude", (-1.72e9, 1), f"{MINUS}1.7 billion"),
    ("english_magnitude", (-4500,), f"{MINUS}4,500"),
    ("cny", (-3e6,), f"{MINUS}¥3 million"),
    ("cny", (-4500,), f"{MINUS}¥4,500"),
    ("chinese_amount", (-3e8,), f"{MINUS}3亿元"),
    ("chinese_amount", (-23641700,), f"{MINUS}2364.17万元"),
    ("chinese_amount", (-120,), f"{MINUS}120元"),
], ids=lambda v: v if isinstance(v, str) and v.isidentifier() else "")
def test_negative_numbers_print_a_real_minus_sign(name, args, printed):
    text = getattr(fmt, name)(*args)
    assert text == printed
    assert "-" not in text, "a hyphen-minus (U+002D) is not a minus sign"


def test_values_that_round_to_zero_print_no_sign():
    assert fmt.number(-0.004, 2) == "0.00"
    assert fmt.percent(-0.01) == "0.0%"
    assert fmt.number(-0.0) == "0"


def test_in_english_prints_negative_values_with_a_minus_sign():
    assert fmt.in_english(row("-0.09", "%", value_base=-0.09, unit_base="percent")) == f"{MINUS}0.09%"
    assert fmt.in_english(row("-2", "个百分点", value_base=-2.0, unit_base="percentage point")) == \
        f"{MINUS}2 percentage points"
    assert fmt.in_english(row("-3", "亿元", value_base=-3e8, unit_base="CNY")) == f"{MINUS}¥300 million"


def test_positive_numbers_are_unchanged():
    assert fmt.number(0.09) == "0.09" and fmt.percent(13.96, 2) == "13.96%" and fmt.cny(3e6) == "¥3 million"


def test_charts_print_a_real_minus_sign():
    """Tick labels (axes.unicode_minus), bar labels (value_label) and range labels (ranges) of the
    plot theme: U+2212, in fonts that have the glyph."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    from tenprograms import plot

    plot.use_book_theme()
    assert matplotlib.rcParams["axes.unicode_minus"] is True
    for family in plot.FONT_FAMILY:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=0, lazy=True)
        assert 0x2212 in font.getBestCmap(), f"{family} ({path}) has no U+2212 glyph"
    fig, ax = plot.new_figure()
    ax.plot([-2, 2], [-3, 3])
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert any(t.startswith(MINUS) for t in ticks) and not any(t.startswith("-") for t in ticks), ticks
    assert plot.value_label(-0.09) == f"{MINUS}0.09" and plot.value_label(-4500, "more_than") == f"{MINUS}4,500+"
    plot.ranges(ax, ["a"], [-1500], [-500])
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_xticklabels()]
    assert f"{MINUS}1,500" in labels and not any(t.startswith("-") for t in labels), labels
    plt.close(fig)


def test_change_prints_its_sign():
    assert fmt.change(13.96, 2) == "+13.96%"
    assert fmt.change(-0.09, 2) == f"{MINUS}0.09%"
    assert fmt.change(0.004, 2) == "0.00%" and fmt.change(-0.004, 2) == "0.00%"
