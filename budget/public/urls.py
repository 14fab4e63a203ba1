from django.urls import path, register_converter

from . import views


class FileNameConverter:
    """Only the four files a publication holds."""

    regex = "|".join(name.replace(".", r"\.") for name in views.FILES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FileNameConverter, "published_file")

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("budgets/<str:department>/", views.department, name="department"),
    path("budgets/<str:department>/<int:year>/", views.page, name="budget"),
    path("budgets/<str:department>/<int:year>/<published_file:filename>", views.download, name="file"),
    path("budgets/<str:department>/<int:year>/v/<int:version>/", views.page, name="version"),
    path("budgets/<str:department>/<int:year>/v/<int:version>/<published_file:filename>", views.download,
         name="version_file"),
    # The 单位预算 published with a version (shanghai-2026).
    path("budgets/<str:department>/<int:year>/units/<str:unit>/", views.unit_page, name="unit"),
    path("budgets/<str:department>/<int:year>/units/<str:unit>/<published_file:filename>", views.unit_download,
         name="unit_file"),
    path("budgets/<str:department>/<int:year>/v/<int:version>/units/<str:unit>/", views.unit_page, name="version_unit"),
    path("budgets/<str:department>/<int:year>/v/<int:version>/units/<str:unit>/<published_file:filename>",
         views.unit_download, name="version_unit_file"),
]
