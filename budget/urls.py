from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("budget.ops.urls")),
    path("", include("budget.tables.urls")),
    path("", include("budget.document.urls")),
    path("", include("budget.workflow.urls")),
    path("", include("budget.consolidated.urls")),
    path("", include("budget.audit.urls")),
    path("", include("budget.review.urls")),
    path("", include("budget.opendata.urls")),
    path("", include("budget.public.urls")),
]
