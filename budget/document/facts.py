"""Everything 第三部分 says about one budget, gathered in a constant number of queries."""
from functools import cached_property

from django.db.models import Q, Sum

from budget.budgets import sources as S
from budget.codes.models import FunctionalSubject

from .figures import FILTERS, PERSONNEL, by_function, metrics_with_prior


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

    def classes(self, q=Q()):
        """[(类 code, name, amount)] of the lines matching q."""
        return [(code, self.function_names.get(code, ""), amount) for code, amount in by_function(self.budget, q, 3)]

    def economic_names(self, q):
        rows = self.budget.lines.filter(q).values("economic__code", "economic__name").annotate(total=Sum("amount"))
        return [row["economic__name"] for row in rows.order_by("economic__code") if row["total"]]

    @cached_property
    def personnel_names(self):
        return self.economic_names(FILTERS["general.basic"] & PERSONNEL)

    @cached_property
    def public_names(self):
        return self.economic_names(FILTERS["general.basic"] & ~PERSONNEL)

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
