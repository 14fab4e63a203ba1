"""The one parser of amounts (budget.figures.money.parse_amount), used by forms, sheets and files."""
from decimal import Decimal

import pytest

from budget.figures.money import AmountError, parse_amount


@pytest.mark.parametrize("typed, unit, yuan", [
    ("2448.62", "wan_yuan", "24486200.00"),
    ("1,234.50", "yuan", "1234.50"),
    ("1,234,567", "yuan", "1234567.00"),
    ("１２３４．５", "wan_yuan", "12345000.00"),  # typed with a Chinese input method
    ("１，２３４", "yuan", "1234.00"),
    (" 5 ", "yuan", "5.00"),
    ("191.250", "wan_yuan", "1912500.00"),  # a trailing zero loses nothing
    (191.25, "wan_yuan", "1912500.00"),  # a spreadsheet cell
    (24, "wan_yuan", "240000.00"),
    ("9999999999.99", "wan_yuan", "99999999999900.00"),
])
def test_it_reads_amounts_as_typed(typed, unit, yuan):
    assert parse_amount(typed, unit=unit) == Decimal(yuan)


@pytest.mark.parametrize("typed, message", [
    ("12,5", "不是有效的金额：12,5（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"),
    ("１２，５", "不是有效的金额：12,5（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"),
    ("1,2345", "不是有效的金额：1,2345（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"),
    ("1.2.3", "不是数字：1.2.3"),
    ("1e9", "不是数字：1e9"),
    ("1e9999999", "不是数字：1e9999999"),
    ("NaN", "不是数字：NaN"),
    ("Infinity", "不是数字：Infinity"),
    ("+5", "不是数字：+5"),
    ("٣", "不是数字：٣"),  # Decimal() would take Arabic-Indic digits
    ("²", "不是数字：²"),
    ("-1", "不能为负数：-1"),
    ("1.234", "以万元为单位最多两位小数：1.234"),
    ("10000000000", "数值过大：10000000000（应小于 10,000,000,000 万元）"),
    ("", "不能为空"),
    ("1" * 41, "数字过长（41 个字符）"),
    (1e28, "数值过大：1e+28（应小于 10,000,000,000 万元）"),
    (float("nan"), "不是数字：nan"),
    (float("inf"), "不是数字：inf"),
    (True, "不是数字：True"),
    (-3, "不能为负数：-3"),
    (0.30000000000000004, "以万元为单位最多两位小数：0.30000000000000004"),
])
def test_it_refuses_what_is_not_an_amount(typed, message):
    with pytest.raises(AmountError) as error:
        parse_amount(typed, unit="wan_yuan")
    assert error.value.message == message


def test_it_takes_back_a_stored_amount_with_fen_in_wan_yuan():
    assert parse_amount("191.250037", unit="wan_yuan", keep=Decimal("1912500.37")) == Decimal("1912500.37")
    with pytest.raises(AmountError):
        parse_amount("191.250038", unit="wan_yuan", keep=Decimal("1912500.37"))


@pytest.mark.parametrize("written", ["1,234.50", "１２.５", " 12.50", "12.", ".5"])
def test_it_reads_only_plain_decimals_in_strict_mode(written):
    with pytest.raises(AmountError):
        parse_amount(written, strict=True)
    assert parse_amount("1234.50", strict=True) == Decimal("1234.50")
