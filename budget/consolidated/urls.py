from django.urls import path

from . import views

app_name = "consolidated"
urlpatterns = [
    path("manage/bureau/<int:year>/", views.bureau, name="bureau"),
]
