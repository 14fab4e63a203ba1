"""Everything 第三部分 says about one budget, gathered in a constant number of queries."""
from functools import cached_property

from django.db.models import Q, Sum
from django.db.models.functions import Substr

from budget.budgets import sources as S
from budget.codes.models import FunctionalSubject

from .figures import FILTERS, PERSONNEL, metrics_with_prior


class Facts:
    def __init__(self, budget):
        self.budget = budget
        self.name = budget.department.name
        self.year = budget.year
        self.now, self.prior = metrics_with_prior(budget)
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
        """{(类 code, fund source): amount} of the lines, from one grouped query."""
        rows = (
            self.budget.lines.annotate(prefix=Substr("function__code", 1, 3))
            .values("prefix", "source").annotate(total=Sum("amount")).order_by()
        )
        return {(row["prefix"], row["source"]): row["total"] for row in rows}

    def classes(self, sources=None):
        """[(类 code, name, amount)] of the lines of these fund sources (every source when None)."""
        totals = {}
        for (code, source), amount in self.class_sums.items():
            if sources is None or source in sources:
                totals[code] = totals.get(code, 0) + amount
        return [(code, self.function_names.get(code, ""), amount) for code, amount in sorted(totals.items()) if amount]

    @cached_property
    def basic_names(self):
        """The names of the economic 款 of the general basic lines: (人员经费 ones, 公用经费 ones)."""
        rows = self.budget.lines.filter(FILTERS["general.basic"]).values("economic__code", "economic__name").annotate(
            personnel=Sum("amount", filter=PERSONNEL), public=Sum("amount", filter=~PERSONNEL),
        ).order_by("economic__code")
        return [row["economic__name"] for row in rows if row["personnel"]], [row["economic__name"] for row in rows if row["public"]]

    @property
    def personnel_names(self):
        return self.basic_names[0]

    @property
    def public_names(self):
        return self.basic_names[1]

    @cached_property
    def projects(self):
        """The projects in order, each with .general, .fiscal and .other amounts from its lines."""
        rows = self.budget.lines.filter(kind="project").values("project_id").annotate(
            general=Sum("amount", filter=Q(source__in=S.GENERAL)),
            fiscal=Sum("amount", filter=Q(source__in=S.FISCAL)),
            total=Sum("amount"),
        )
        sums = {row["project_id"]: row for row in rows}
        projects = list(self.budget.projects.prefetch_related("allocation", "indicators"))
        for project in projects:
            row = sums.get(project.id, {})
            project.general = row.get("general") or 0
            project.fiscal = row.get("fiscal") or 0
            project.total = row.get("total") or 0
            project.other = project.total - project.fiscal
        return projects
