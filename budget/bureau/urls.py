from django.urls import include, path

from . import consolidated, review

# The two pages keep their namespaces (and so every reverse() and link) from before they met here.
review_patterns = [
    path("manage/review/", review.queue, name="queue"),
    path("manage/review/<str:department>/<int:year>/<slug:action>/", review.act, name="act"),
]
consolidated_patterns = [
    path("manage/bureau/<int:year>/", consolidated.bureau, name="bureau"),
]
urlpatterns = [
    path("", include((review_patterns, "review"))),
    path("", include((consolidated_patterns, "consolidated"))),
]
