from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("manage/budgets/<str:department>/<int:year>/history/", views.history, name="history"),
]
