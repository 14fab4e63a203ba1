from django.contrib import admin
from django.urls import include, path

# The public site first: its pages are the most requested, and Django tries the patterns in
# order (nothing else starts with budgets/).
urlpatterns = [
    path("", include("budget.public.urls")),
    # The lines grid's pages, before the admin's own patterns catch every address under a budget.
    path("admin/budgets/budget/", include("budget.entry.grid.urls")),
    path("admin/", admin.site.urls),
    path("", include("budget.ops.urls")),
    path("", include("budget.tables.urls")),
    path("", include("budget.document.urls")),
    path("", include("budget.workflow.urls")),
    path("", include("budget.nextyear.urls")),
    path("", include("budget.audit.urls")),
    path("", include("budget.bureau.urls")),
    path("", include("budget.opendata.urls")),
]
