from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("budget.tables.urls")),
    path("", include("budget.document.urls")),
    # Until the site has a home page of its own, / (the address `make run` prints) leads to the admin.
    path("", RedirectView.as_view(pattern_name="admin:index")),
]
