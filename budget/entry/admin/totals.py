"""The lines' totals by fund source and kind, as the budget's pages show them (summed by budget.figures)."""
from budget.budgets import models as m
from budget.budgets.sources import Source
from budget.figures.sums import ALL, sums_by

from .amounts import shown


def line_totals(budget, unit):
    """Rows (source label, basic, project, total) shown in `unit`, and the total row."""
    cells = {key: amount for key, (amount,) in sums_by(budget.lines, ["source", "kind"], [ALL]).items()}
    kinds = [m.Line.Kind.BASIC.value, m.Line.Kind.PROJECT.value]
    sources = Source.values

    def row(label, amounts):
        return {"label": label, "amounts": [shown(a, unit) for a in amounts + [sum(amounts)]]}

    rows = [row(Source(source).label, [cells.get((source, kind), 0) for kind in kinds])
            for source in sources if any((source, kind) in cells for kind in kinds)]
    total = row("合计", [sum(cells.get((source, kind), 0) for source in sources) for kind in kinds])
    return {"rows": rows, "total": total, "unit": unit.label}
