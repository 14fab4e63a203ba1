from django.urls import include, path

from . import board, consolidated, review, submission

# The two pages keep their namespaces (and so every reverse() and link) from before they met here.
review_patterns = [
    path("manage/review/", review.queue, name="queue"),
    path("manage/review/<str:department>/<int:year>/", submission.submission, name="submission"),
    path("manage/review/<str:department>/<int:year>/<slug:action>/", review.act, name="act"),
]
consolidated_patterns = [
    path("manage/bureau/<int:year>/", consolidated.bureau, name="bureau"),
    path("manage/bureau/<int:year>/xlsx/", consolidated.export, name="export"),
    path("manage/bureau/<int:year>/progress/", board.progress, name="progress"),
    path("manage/bureau/<int:year>/progress/xlsx/", board.progress_export, name="progress_export"),
    path("manage/bureau/<int:year>/deadlines/", board.deadlines, name="deadlines"),
]
urlpatterns = [
    path("", include((review_patterns, "review"))),
    path("", include((consolidated_patterns, "consolidated"))),
]
