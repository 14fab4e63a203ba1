"""Amounts are stored in 元; documents show 万元 with two decimals, rounded half up once.

Also the one parser of amounts typed in forms, read from spreadsheets or exchange files.
"""
import re
from decimal import ROUND_HALF_UP, Decimal

from budget.budgets.models import MAX_DIGITS

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
YUAN, WAN_YUAN = "yuan", "wan_yuan"
UNIT_FACTOR = {YUAN: Decimal(1), WAN_YUAN: TEN_THOUSAND}
UNIT_LABEL = {YUAN: "元", WAN_YUAN: "万元"}


def to_wan(yuan):
    """Exact 元 → 万元 rounded to two decimals (half up)."""
    return (Decimal(yuan) / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


def format_wan(yuan):
    """'2,448.62' for 24486200 元."""
    return f"{to_wan(yuan):,.2f}"


def wan(yuan):
    """'2,448.62 万元', as the document's sentences write an amount."""
    return f"{format_wan(yuan)} 万元"


def plain_wan(yuan):
    """'4748.35万元', '27万元', '0万元': the Shanghai sentences' 万元, without separators or a
    space, and without the decimals of a whole 万元."""
    return f"{to_wan(yuan):f}".removesuffix(".00") + "万元"


def exact(yuan, unit, *, grouping=False):
    """`yuan` in `unit` (YUAN or WAN_YUAN), exact: two decimals, more only when it has them."""
    value = Decimal(yuan) / UNIT_FACTOR[unit]
    separator = "," if grouping else ""
    if value == value.quantize(CENT):
        return f"{value.quantize(CENT):{separator}}"
    return f"{value.normalize():{separator}f}"


def growth(current, prior):
    """Per cent change; from 0 to a positive figure it is 100.00%, from 0 to 0 it is 0.00%."""
    if prior:
        return abs(percent(current - prior, prior))
    return Decimal("100.00") if current else Decimal("0.00")


def change(current, prior):
    """'增加 7.50 万元，增长 30.61%' or '减少 … 下降 …'; None when the prior figure is unknown."""
    if prior is None:
        return None
    difference = current - prior
    if to_wan(difference) < 0:
        return f"减少 {format_wan(-difference)} 万元，下降 {growth(current, prior)}%"
    return f"增加 {format_wan(difference)} 万元，增长 {growth(current, prior)}%"


def percent(part, whole):
    """part / whole in per cent, two decimals, half up; 0 when whole is 0."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


# Parsing: the one way an amount typed by a person or written in a file becomes 元.
AMOUNT_LIMIT = Decimal(10) ** (MAX_DIGITS - 2)
# Longer text is no amount; refusing it first keeps Decimal from working on megabytes of digits.
MAX_TEXT = 40
# Chinese input methods type full-width digits and punctuation; they mean the ASCII ones.
FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－＋　", "0123456789,.-+ ")
# Thousands separators only in groups of three, so "12,5" (a decimal comma) is no amount.
TYPED = re.compile(r"(-?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?", re.ASCII)
PLAIN = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?", re.ASCII)


class AmountError(ValueError):
    """An amount refused; the message says why, the caller adds where (field, cell, JSON path)."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message, self.code = message, code


def parse_amount(value, *, unit=YUAN, keep=None, strict=False, limit=AMOUNT_LIMIT):
    """`value` in `unit` (元 or 万元) as exact 元 with two decimals, or AmountError.

    `value` is text as typed (full-width digits, "1,234.50"), or a number read from a
    spreadsheet cell; `strict` admits only the exchange format's plain "1234.50". At most two
    decimals in `unit`, except that `keep` (the stored amount, which may have fen in 万元)
    is accepted back unchanged. Never negative, never `limit` 元 or more.
    """
    number, factor = _number(value, strict), UNIT_FACTOR[unit]
    if number < 0:
        raise AmountError(f"不能为负数：{_shown(value)}", "min_value")
    if number >= limit / factor:
        raise AmountError(f"数值过大：{_shown(value)}（应小于 {limit / factor:,f} {UNIT_LABEL[unit]}）", "max_digits")
    yuan = number * factor
    if number != number.quantize(CENT) and yuan != keep:
        raise AmountError(f"以{UNIT_LABEL[unit]}为单位最多两位小数：{_shown(value)}", "max_decimal_places")
    return yuan.quantize(CENT)


def _shown(value):
    """The value as its cell or field shows it: a whole float without '.0', text stripped."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value).strip()[:MAX_TEXT]


def _number(value, strict):
    """The Decimal that `value` writes, refusing exponents, NaN, Infinity and misplaced separators."""
    if isinstance(value, bool):
        raise AmountError(f"不是数字：{value}")
    if isinstance(value, (int, float, Decimal)):
        # repr: the shortest decimal that is the float, i.e. what the cell shows.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise AmountError(f"不是数字：{value}")
        return number
    text = str(value) if strict else str(value).translate(FULL_WIDTH).strip()
    if not text:
        raise AmountError("不能为空", "required")
    if len(text) > MAX_TEXT:
        raise AmountError(f"数字过长（{len(text)} 个字符）", "max_digits")
    match = (PLAIN if strict else TYPED).fullmatch(text)
    if match is None:
        raise AmountError(_why_not(text, strict))
    if strict:
        return Decimal(text)  # PLAIN: a sign, digits and decimals, as Decimal reads them
    sign, whole, fraction = match.groups()
    return Decimal(f"{sign}{whole.replace(',', '')}.{fraction or '0'}")


def _why_not(text, strict):
    if strict:
        return f"不是数字：{text!r}（金额写作字符串，如 \"12.50\"）"
    if "," in text:
        return f"不是有效的金额：{text}（千位分隔符“,”应每三位一个，小数点用“.”，如 1,234.50）"
    return f"不是数字：{text}"
