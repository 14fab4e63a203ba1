from django.urls import path

from . import views

app_name = "nextyear"
urlpatterns = [
    path("manage/budgets/<str:department>/<int:year>/next-year/", views.start, name="start"),
]
