"""gunicorn settings (example): `gunicorn -c deploy/gunicorn.conf.py budget.wsgi`. See docs/deploy.md."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Downloads of stored files stream; a slow client must not hold a worker for ever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Trust X-Forwarded-* only from the reverse proxy on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
