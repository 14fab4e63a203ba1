"""The Celery application: `celery -A budget worker` renders published versions in the background.

Configured from Django settings named CELERY_* (see budget/settings.py); tasks live in each
app's tasks.py.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budget.settings")

app = Celery("budget")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
