from django.urls import path

from . import views

app_name = "document"
urlpatterns = [
    path("manage/budgets/<str:department>/<int:year>/", views.document, name="manage"),
    path("manage/budgets/<str:department>/<int:year>/document.pdf", views.document_pdf, name="pdf"),
]
