from django.urls import path

from . import views

app_name = "tables"
urlpatterns = [
    path("manage/budgets/<str:department>/<int:year>/tables/", views.preview, name="preview"),
    path("manage/budgets/<str:department>/<int:year>/tables.xlsx", views.workbook, name="xlsx"),
]
