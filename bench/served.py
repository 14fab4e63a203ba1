"""The product served as in production: gunicorn workers with the shared Redis cache, loaded by wrk.

Used by the served-page benchmark (bench/benchmarks.py). The server gets the benchmark's own
database and media, DEBUG off and a Redis database of its own (BENCH_REDIS_URL), which the
benchmark empties to time uncached renders. Requests carry `X-Forwarded-Proto: https`, as the
reverse proxy of docs/deploy.md sets it, so that they are served rather than redirected.
"""
import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The one gunicorn configuration: production (docs/deploy.md), the deploy check and this benchmark.
GUNICORN_CONF = REPO / "deploy" / "gunicorn.conf.py"
BENCH_REDIS_URL = "redis://127.0.0.1:6379/13"  # the deploy check uses 14
PROXY_HEADER = ("X-Forwarded-Proto", "https")


def redis_url():
    return os.environ.get("BENCH_REDIS_URL", BENCH_REDIS_URL)


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on now (the deploy check and tools use it too)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, workers, app="budget.wsgi", **environment):
    """Start gunicorn with deploy/gunicorn.conf.py on a free port of 127.0.0.1 (serving `app`,
    with `environment` added); yields its base URL, stops it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        # The runner's key when it has one, so that sessions made by the benchmark are valid here.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": redis_url(),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        **environment,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), app],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def celery_worker():
    """A Celery worker on the shared Redis, at a lower CPU priority as deploy/budget-worker.service runs it."""
    env = {**os.environ, "DEBUG": "0", "REDIS_URL": redis_url(),
           "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)}
    worker = subprocess.Popen(
        ["nice", "-n", "10", sys.executable, "-m", "celery", "-A", "budget", "worker", "--concurrency=1",
         "--loglevel=WARNING"], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=60)


def wait_until_healthy(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError):
            if get(f"{url}/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {seconds} s")


def get(url, **headers):
    """(status, body) of one GET through the proxy header."""
    request = urllib.request.Request(url, headers=dict([PROXY_HEADER], **headers))
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def pdf_loop(url, *, session, stop, seconds_to_pdf, errors, changed):
    """A signed-in user asking for a draft's PDF again and again until `stop` is set: on the
    生成中 page it waits as the page's Refresh header says (as a browser does), and each time
    the PDF arrives it changes the budget (`changed()`) and asks again, so that every PDF is a
    new render. Appends the seconds each PDF took, and counts the answers that are neither."""
    while not stop.is_set():
        start = time.perf_counter()
        while not stop.is_set():
            request = urllib.request.Request(url, headers=dict([PROXY_HEADER], Cookie=f"sessionid={session}"))
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, refresh = response.status, response.headers.get("Refresh")
                    response.read()
            except OSError:
                status, refresh = None, None
            if status == 200:
                seconds_to_pdf.append(time.perf_counter() - start)
                changed()
                break
            if status != 202:
                errors.append(status)
                break
            stop.wait(float(refresh or 3))


def flush_cache():
    import redis

    redis.Redis.from_url(redis_url()).flushdb()


def wrk(url, *, seconds, connections=16, threads=2):
    """Load `url` for `seconds`; returns (requests per second, errors: socket errors and non-2xx/3xx)."""
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-H", ": ".join(PROXY_HEADER), url],
        capture_output=True, text=True, check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not rate:
        raise RuntimeError(f"wrk printed no rate:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return float(rate.group(1)), errors
