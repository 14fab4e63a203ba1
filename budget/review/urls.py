from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("manage/review/", views.queue, name="queue"),
    path("manage/review/<str:department>/<int:year>/<slug:action>/", views.act, name="act"),
]
