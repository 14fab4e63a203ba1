"""Everything 第三部分 says about one budget, gathered in a constant number of queries."""
from functools import cached_property

from django.db.models import Sum

from budget.codes.models import FunctionalSubject
from budget.figures.catalogue import PERSONNEL_CLASS
from budget.figures.metrics import FILTERS, PriorFigures, metrics_with_prior, unit_metrics
from budget.figures.sums import class_sums


class Facts:
    """The figures of a budget's document, or of one unit's 单位预算 (`unit`): then every sum is
    of that unit's lines, and nothing is compared with a prior year (上年数 are the department's)."""

    def __init__(self, budget, unit=None, figures=None):
        """`figures`: (metrics, PriorFigures) of the budget when the caller has them already."""
        self.budget = budget
        self.unit = unit
        self.lines = budget.lines.all() if unit is None else budget.lines.filter(unit=unit)
        self.name = budget.department.name if unit is None else unit.name
        self.year = budget.year
        if unit is None:
            self.now, self.prior = figures or metrics_with_prior(budget)
        else:
            self.now, self.prior = unit_metrics(unit), PriorFigures(budget, computed=None, entered={})
        self.reasons = {}
        self.usage = {}
        for item in budget.explanations.all():
            (self.reasons if item.kind == "reason" else self.usage)[item.key] = item.text

    def __getitem__(self, metric):
        return self.now.get(metric, 0)

    @cached_property
    def function_names(self):
        """{code: name} of every 类, 款 and 项 of the edition (a few hundred rows at most)."""
        return dict(
            FunctionalSubject.objects.filter(edition_id=self.budget.edition_id).values_list("code", "name")
        )

    @cached_property
    def class_sums(self):
        """The lines' sums by 项 and fund source (one query), which the 类 sums add up too."""
        return class_sums(self.lines, 7)

    def amount_under(self, code, sources):
        """The lines of these sources under a 类, 款 or 项 code (its first 3, 5 or 7 digits)."""
        return self.class_sums.under(code, sources)

    def subject_path(self, code):
        """'行政事业单位养老支出（款）行政单位离退休（项）' for a 项; the 款 alone for a 款."""
        path = f"{self.function_names.get(code[:5], '')}（款）"
        return path + (f"{self.function_names.get(code, '')}（项）" if len(code) == 7 else "")

    @cached_property
    def unit_count(self):
        return 1 if self.unit is not None else self.budget.units.count()

    def classes(self, sources=None):
        """[(类 code, name, amount)] of the lines of these fund sources (every source when None)."""
        totals = self.class_sums.by_class(sources)
        return [(code, self.function_names.get(code, ""), amount) for code, amount in totals.items() if amount]

    @cached_property
    def basic_names(self):
        """The names of the economic 款 of the general basic lines: (人员经费 ones, 公用经费 ones)."""
        rows = self.lines.filter(FILTERS["general.basic"]).values("economic__code", "economic__name").annotate(
            personnel=Sum("amount", filter=PERSONNEL_CLASS), public=Sum("amount", filter=~PERSONNEL_CLASS),
        ).order_by("economic__code")
        # Two codes may share a name (专用设备购置, 大型修缮 in 309 and 310): each name once.
        personnel = [row["economic__name"] for row in rows if row["personnel"]]
        public = [row["economic__name"] for row in rows if row["public"]]
        return list(dict.fromkeys(personnel)), list(dict.fromkeys(public))

    @property
    def personnel_names(self):
        return self.basic_names[0]

    @property
    def public_names(self):
        return self.basic_names[1]

    @cached_property
    def projects(self):
        """The projects in order, each with its .general, .fund, .state_capital, .fiscal and .other
        amounts from its lines."""
        rows = self.lines.filter(kind="project").values("project_id").annotate(
            general=Sum("amount", filter=FILTERS["income.general_budget"]),
            fund=Sum("amount", filter=FILTERS["income.fund_budget"]),
            state_capital=Sum("amount", filter=FILTERS["income.state_capital_budget"]),
            fiscal=Sum("amount", filter=FILTERS["income.fiscal"]),
            carryover=Sum("amount", filter=FILTERS["income.carryover_fiscal"] | FILTERS["income.balance_nonfiscal"]),
            total=Sum("amount"),
        )
        sums = {row["project_id"]: row for row in rows}
        projects = list(self.budget.projects.select_related("implementing_unit").prefetch_related("allocation", "indicators"))
        if self.unit is not None:  # a unit's projects are those with lines of the unit
            projects = [project for project in projects if project.id in sums]
        for project in projects:
            row = sums.get(project.id, {})
            project.general = row.get("general") or 0
            project.fund = row.get("fund") or 0
            project.state_capital = row.get("state_capital") or 0
            project.fiscal = row.get("fiscal") or 0
            project.total = row.get("total") or 0
            project.carryover = row.get("carryover") or 0
            project.other = project.total - project.fiscal
        return projects
