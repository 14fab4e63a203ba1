"""The grid's addresses, under the budget's admin page; each view behind the admin's login."""
from django.contrib import admin
from django.urls import path

from . import views

app_name = "grid"
wrap = admin.site.admin_view
urlpatterns = [
    path("<int:pk>/grid/", wrap(views.grid_page), name="page"),
    path("<int:pk>/grid/lines.json", wrap(views.lines_json), name="lines"),
    path("<int:pk>/grid/save/", wrap(views.save_json), name="save"),
]
