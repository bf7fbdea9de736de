from decimal import Decimal

import pytest

from tenprograms.data.numerals import decimals_printed, parse_numeral, rounding_half_width, to_base, unit_multiplier


@pytest.mark.parametrize("numeral, value", [
    ("17.2", Decimal("17.2")), ("636", Decimal(636)), ("0.04", Decimal("0.04")),
    ("三", Decimal(3)), ("两", Decimal(2)), ("十", Decimal(10)), ("十一", Decimal(11)),
    ("二十", Decimal(20)), ("一百", Decimal(100)), ("五", Decimal(5)),
])
def test_parse_numeral(numeral, value):
    assert parse_numeral(numeral) == value


@pytest.mark.parametrize("bad", ["", "17,2", "1.2.3", "abc", "三a", "-5"])
def test_parse_numeral_rejects(bad):
    with pytest.raises(ValueError):
        parse_numeral(bad)


def test_multipliers_follow_the_prefix():
    assert unit_multiplier("亿元") == 10**8
    assert unit_multiplier("万人次") == 10**4
    assert unit_multiplier("个") == 1
    assert unit_multiplier("%") == 1


def test_to_base_is_exact():
    assert to_base(17.2, 10**8) == Decimal(1720000000)
    assert to_base(13.47, 10**8) == Decimal(1347000000)
    assert to_base(2, 10**4) == Decimal(20000)


def test_rounding_follows_printed_decimals():
    assert decimals_printed("17.20") == 2
    assert rounding_half_width("17.2") == Decimal("0.05")
    assert rounding_half_width("636") == Decimal("0.5")
