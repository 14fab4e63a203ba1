from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("data/", views.dictionary, name="dictionary"),
    path("data/<int:year>.zip", views.download, name="year"),
    path("data/<int:year>/<int:bureau>.zip", views.download, name="bureau"),
]
