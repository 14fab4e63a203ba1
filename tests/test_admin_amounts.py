"""The admin's amount field: typed in 万元 or 元, cleaned to exact 元."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.entry.admin.amounts import AmountField, in_unit, shown


@pytest.mark.parametrize("unit, typed, yuan", [
    ("wan_yuan", "2448.62", "24486200.00"), ("wan_yuan", "0.01", "100.00"), ("wan_yuan", "1,234", "12340000.00"),
    ("yuan", "24486200.37", "24486200.37"), ("yuan", " 5 ", "5.00"),
])
def test_it_converts_what_is_typed_into_exact_yuan(unit, typed, yuan):
    assert AmountField(unit=unit).clean(typed) == Decimal(yuan)


@pytest.mark.parametrize("unit, typed, message", [
    ("wan_yuan", "0.001", "以万元为单位最多两位小数：0.001；需要精确到分请在“人员归属”中改用元"),
    ("yuan", "0.001", "以元为单位最多两位小数：0.001"),
    ("wan_yuan", "-1", "不能为负数：-1"),
    ("wan_yuan", "十二", "不是数字：十二"),
    ("wan_yuan", "NaN", "不是数字：NaN"),
    ("wan_yuan", "10000000000", "数值过大：10000000000（应小于 10,000,000,000 万元）"),
    ("wan_yuan", "12,5", "不是有效的金额：12,5（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"),
    ("wan_yuan", "1e9999999", "不是数字：1e9999999"),
    ("wan_yuan", "", "这个字段是必填项。"),
])
def test_it_refuses(unit, typed, message):
    with pytest.raises(ValidationError) as error:
        AmountField(unit=unit).clean(typed)
    assert error.value.messages == [message]


def test_it_takes_back_the_stored_amount_with_fen():
    field = AmountField(unit="wan_yuan")
    field.stored = Decimal("1912500.37")
    assert field.prepare_value(field.stored) == "191.250037"
    assert field.clean("191.250037") == Decimal("1912500.37")
    with pytest.raises(ValidationError):
        field.clean("191.250038")


def test_it_shows_amounts_for_reading():
    assert in_unit(Decimal("24486200"), "wan_yuan") == "2448.62"
    assert in_unit(Decimal("24486200"), "yuan") == "24486200.00"
    assert shown(Decimal("24486250"), "wan_yuan") == "2,448.63"
    assert shown(Decimal("24486200.37"), "yuan") == "24,486,200.37"
    assert shown(None, "yuan") == ""
