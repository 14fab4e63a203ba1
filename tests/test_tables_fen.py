"""The standard tables add up integer fen and round each amount once to 万元, half up."""
from decimal import Decimal

import pytest

from budget.figures.sums import fen_of, yuan_of
from budget.tables.grid import Row, StandardTable, exact_yuan, printer


@pytest.mark.parametrize("fen, shown, yuan", [
    (24_486_200_00, "2,448.62", "24486200.00"),  # 表1 收入总计 of the reference document
    (50_00, "0.01", "50.00"),  # 50 元 is half of 0.01 万元: rounded up
    (49_99, "0.00", "49.99"),
    (1_234_567, "1.23", "12345.67"),
    (-150_00, "-0.02", "-150.00"),
])
def test_it_rounds_fen_to_wan_half_up_and_keeps_the_exact_yuan(fen, shown, yuan):
    assert (printer()(fen), exact_yuan(fen)) == (shown, yuan)


def table(zero=""):
    return StandardTable(1, "", "", ["label", "amount", "amount"], [], [Row(["合计", 0, None])], zero=zero)


def test_it_leaves_a_zero_blank_or_prints_it_as_the_table_says_and_its_exact_yuan_are_zero():
    assert table().display_rows() == [["合计", "", ""]]
    assert table(zero="0.00").display_rows() == [["合计", "0.00", ""]]
    assert table().exact_rows() == [[None, "0.00", "0.00"]]


@pytest.mark.parametrize("fen, unit, places, shown", [
    (123_456_789, "元", 2, "1,234,567.89"),
    (123_456_750, "元", 0, "1,234,568"),
    (123_456_749, "元", 0, "1,234,567"),
])
def test_it_prints_yuan_with_two_decimals_or_whole(fen, unit, places, shown):
    assert printer(unit, places)(fen) == shown


def test_it_converts_yuan_and_fen_exactly_and_refuses_a_fraction_of_a_fen():
    assert fen_of(Decimal("24486200.00")) == 2_448_620_000
    assert yuan_of(2_448_620_000) == Decimal("24486200.00")
    with pytest.raises(ValueError, match="not a whole number of fen"):
        fen_of(Decimal("0.005"))
