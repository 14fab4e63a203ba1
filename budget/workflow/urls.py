from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("manage/budgets/<str:department>/<int:year>/workflow/", views.workflow, name="budget"),
    path("manage/budgets/<str:department>/<int:year>/publish/", views.publish, name="publish"),
    path("manage/budgets/<str:department>/<int:year>/workflow/<slug:action>/", views.act, name="act"),
]
