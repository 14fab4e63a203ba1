"""Amounts are stored in 元; documents show 万元 with two decimals, rounded half up once."""
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)


def to_wan(yuan):
    """Exact 元 → 万元 rounded to two decimals (half up)."""
    return (Decimal(yuan) / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


def format_wan(yuan):
    """'2,448.62' for 24486200 元."""
    return f"{to_wan(yuan):,.2f}"


def percent(part, whole):
    """part / whole in per cent, two decimals, half up; 0 when whole is 0."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)
