"""Horizontal bar charts as server-rendered SVG geometry (the template draws them)."""
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 480  # viewBox units: narrow, so that labels stay legible on a phone
BAR_MAX = 340
ROW = 46  # label line and bar
BAR_HEIGHT = 18


@dataclass
class Bar:
    label: str
    amount: str  # 万元 as printed
    width: int
    y: int  # top of the row

    @property
    def bar_y(self):
        return self.y + 22

    @property
    def value_x(self):
        return self.width + 8

    @property
    def value_y(self):
        return self.bar_y + 14


def bar_width(amount, largest):
    """Proportional width; a positive amount stays visible however small."""
    if amount <= 0:
        return 0
    return max(1, int(amount * BAR_MAX / largest))


def bar_chart(items):
    """Geometry of one chart from [{"label", "amount" (万元 string)}]; bars scale to the largest."""
    amounts = [Decimal(item["amount"]) for item in items]
    largest = max(amounts, default=0) or 1
    bars = [
        Bar(item["label"], f"{amount:,.2f}", bar_width(amount, largest), n * ROW)
        for n, (item, amount) in enumerate(zip(items, amounts))
    ]
    return {"bars": bars, "width": WIDTH, "height": max(len(bars), 1) * ROW}
