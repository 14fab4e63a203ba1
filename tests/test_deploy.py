"""The steps of docs/deploy.md on this machine: PostgreSQL, Redis, gunicorn, a Celery worker, nginx.

Run by `make deploy-check` (and CI): a fresh PostgreSQL database is migrated, load_demo
publishes the reference budget through the queue, a real worker renders it, and gunicorn
serves /healthz, the public page, the PDF and the static files. Behind nginx, configured as
deploy/nginx.conf proxies, login throttling tells one client from another. Faults: Redis
down (the site serves from the database, a publication waits), PostgreSQL restarting during an
import (on a cluster of the test's own: nothing half-written, the import repeats). Skipped
unless DEPLOY_CHECK=1.
"""
import glob
import html
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bench.served import GUNICORN_CONF, free_port
from budget.public.held import HELD_SECONDS
from budget.public.queries import SHOWN_TIMEOUT
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(os.environ.get("DEPLOY_CHECK") != "1", reason="make deploy-check runs it")

BIN = Path(sys.executable).parent
PG = "postgres://postgres@127.0.0.1:5432"
# A name of its own for a developer's run beside CI's (the shared PostgreSQL).
DATABASE = os.environ.get("DEPLOY_CHECK_DATABASE", "budget_deploy_check")
RENDER_WAIT = 300  # seconds: a real PDF takes about ten on a busy two-core machine


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers
    except urllib.error.URLError:
        return None, b"", {}  # not listening yet


@pytest.fixture
def site(tmp_path):
    """The environment of docs/deploy.md, with a database of its own and two Redis servers of its
    own (the queue and the cache, from deploy/redis-*.conf), which a test may stop."""
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    port, broker_port, cache_port = free_port(), free_port(), free_port()
    env = {
        "PATH": os.environ["PATH"], "HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "budget.settings",
        "SECRET_KEY": "deploy-check-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{PG}/{DATABASE}", "DATABASE_REPLICA_URL": f"{PG}/{DATABASE}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{broker_port}/0", "REDIS_CACHE_URL": f"redis://127.0.0.1:{cache_port}/0",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"), "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
        "TRUSTED_PROXIES": "127.0.0.1",  # deploy/env.example: nginx on the same machine
    }
    site = Site(f"http://127.0.0.1:{port}", env, tmp_path)
    site.redis = {"redis-broker": broker_port, "redis-cache": cache_port}
    for name in site.redis:
        site.start_redis(name)
    site.manage("migrate", "--noinput", "-v", "0")
    site.manage("collectstatic", "--noinput", "-v", "0")
    site.start("web", [str(BIN / "gunicorn"), "-c", str(GUNICORN_CONF), "budget.wsgi"])
    site.start("worker", [str(BIN / "celery"), "-A", "budget", "worker", "--loglevel=INFO", "--concurrency=1"])
    try:
        yield site
    finally:
        site.stop()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])


class Site:
    """The deployed processes, each in a session of its own so that it can be killed whole."""

    def __init__(self, url, env, logs):
        self.url, self.env, self.logs, self.processes = url, env, logs, {}

    def manage(self, *args):
        subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=REPO, env=self.env, check=True)

    def start(self, name, command):
        log = open(self.logs / f"{name}.log", "a")
        self.processes[name] = subprocess.Popen(command, cwd=REPO, env=self.env, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

    def start_redis(self, name):
        """deploy/<name>.conf on this machine's port for it, keeping its files in the test's directory."""
        port = self.redis[name]
        self.start(name, ["redis-server", str(REPO / "deploy" / f"{name}.conf"), "--port", str(port),
                          "--bind", "127.0.0.1", "--dir", str(self.logs)])
        wait_for(lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout == b"PONG\n",
                 30, f"{name} does not answer", self.logs)

    def kill(self, name):
        """SIGKILL the process and its children, as when a machine dies."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self):
        for process in self.processes.values():
            process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def sql(self, query):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE, "-tAc", query],
                              check=True, capture_output=True, text=True).stdout.strip()


def wait_for(check, seconds, what, logs, interval=1.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    logged = [logs / f"{name}.log" for name in ("web", "worker") if (logs / f"{name}.log").exists()]
    pytest.fail(f"{what} after {seconds} s\n" + "\n".join(log.read_text()[-3000:] for log in logged))


def test_it_serves_the_demo_published_through_the_queue(site):
    url, manage, logs = site.url, site.manage, site.logs
    wait_for(lambda: get(f"{url}/healthz")[0] == 200, 60, "gunicorn does not answer", logs)
    status, body, _ = get(f"{url}/healthz")  # plain HTTP, as a load balancer probes
    assert (status, body) == (200, b"ok\n")
    assert get(f"{url}/")[0] == 301  # everything else goes to HTTPS

    manage("load_demo", "--force")  # publishes: the files are queued for the worker
    https = {"X-Forwarded-Proto": "https"}  # as nginx forwards
    wait_for(lambda: get(f"{url}/budgets/501001/2024/", **https)[0] == 200, RENDER_WAIT,
             "the worker did not render the publication", logs)

    status, page, _ = get(f"{url}/budgets/501001/2024/", **https)
    assert "克孜勒苏柯尔克孜自治州生态环境局".encode() in page
    status, pdf, headers = get(f"{url}/budgets/501001/2024/document.pdf", **https)
    assert (status, headers["Content-Type"]) == (200, "application/pdf")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 100_000
    status, css, headers = get(f"{url}/static/css/site.css", **https)  # whitenoise
    assert status == 200 and len(css) > 0
    # Each gunicorn worker holds the public years for HELD_SECONDS (budget/public/held.py), and one
    # that read them just before the render's commit may keep them in Redis for SHOWN_TIMEOUT: the
    # index lists a new version that much later than its own page.
    wait_for(lambda: "克孜勒苏".encode() in get(f"{url}/", **https)[1], HELD_SECONDS + SHOWN_TIMEOUT + 5,
             "the index does not list the publication", logs, interval=0.5)
    assert "render_publication" in (logs / "worker.log").read_text()


PAGE = "/budgets/501001/2024/"
HTTPS = {"X-Forwarded-Proto": "https"}


def test_it_leaves_a_render_killed_midway_unpublished_and_retryable(site):
    wait_for(lambda: get(f"{site.url}/healthz")[0] == 200, 60, "gunicorn does not answer", site.logs)
    site.manage("load_demo", "--force")
    state = "SELECT render_state || ' ' || render_attempts FROM workflow_publication"
    wait_for(lambda: site.sql(state) == "rendering 1", RENDER_WAIT, "the worker did not start rendering", site.logs,
             interval=0.1)
    site.kill("worker")

    assert site.sql(state) == "rendering 1"
    assert get(site.url + PAGE, **HTTPS)[0] == 404
    assert get(site.url + PAGE + "document.pdf", **HTTPS)[0] == 404
    assert PAGE.encode() not in get(site.url + "/", **HTTPS)[1]

    site.manage("requeue_renders", "--older-than", "0")
    site.start("worker", [str(BIN / "celery"), "-A", "budget", "worker", "--loglevel=INFO", "--concurrency=1"])
    wait_for(lambda: get(site.url + PAGE, **HTTPS)[0] == 200, RENDER_WAIT, "the requeued render did not finish",
             site.logs)
    assert site.sql(state) == "done 2"
    assert "克孜勒苏柯尔克孜自治州生态环境局".encode() in get(site.url + PAGE, **HTTPS)[1]


def proxy_location():
    """The `location /` of deploy/nginx.conf's HTTPS server; TLS is left out here, so the scheme
    it forwards is written in."""
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    https_server = conf[conf.index("listen 443"):]
    block = re.search(r"location / \{.*?\n    \}", https_server, re.S).group(0)
    return block.replace("$scheme", "https")


def start_nginx(site, upstream):
    """nginx in the foreground, a child of the test, on a free port in front of `upstream`."""
    port, prefix = free_port(), site.logs / "nginx"
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(f"""
daemon off;
{"user root;" if os.getuid() == 0 else ""}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy; fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
    upstream budget_app {{ server {upstream}; }}
    server {{
        listen 127.0.0.1:{port};
        {proxy_location()}
    }}
}}
""")
    site.start("nginx", ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")])
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: get(f"{url}/healthz")[0] == 200, 30, "nginx does not answer", site.logs)
    return port


class Browser:
    """One client machine: its own source address on the loopback network and its own cookies."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method, path, body=None, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.address, 0))
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(method, path, body, {"Cookie": cookie, **headers})
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, value = value.split(";", 1)[0].split("=", 1)
                self.cookies[name] = value
        status, location, page = response.status, response.getheader("Location"), response.read().decode()
        connection.close()
        return status, location, page

    def log_in(self, username, password, **headers):
        _, _, form = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password,
                                       "next": "/admin/"})
        # The proxy passes the host without its port: the origin the site expects.
        return self.request("POST", "/admin/login/", body, **{
            "Content-Type": "application/x-www-form-urlencoded", "Origin": "https://127.0.0.1", **headers})


def test_it_locks_out_the_guessing_client_behind_nginx_not_the_reviewer(site):
    wait_for(lambda: get(f"{site.url}/healthz")[0] == 200, 60, "gunicorn does not answer", site.logs)
    site.manage("load_demo", "--force")  # kz-reviewer, with the demo password
    port = start_nginx(site, site.url.removeprefix("http://"))
    guesser, reviewer = Browser(port, "127.0.0.2"), Browser(port, "127.0.0.3")
    for attempt in range(5):
        status, _, page = guesser.log_in("kz-reviewer", f"wrong-{attempt}")
        assert status == 200 and "请输入一个正确的" in html.unescape(page), attempt
    status, _, page = guesser.log_in("kz-reviewer", "demo-pass-2024")
    assert status == 200 and "登录失败次数过多，请 15 分钟后" in page
    # Writing another address in the header changes nothing: nginx appends the one it saw.
    status, _, page = guesser.log_in("kz-reviewer", "demo-pass-2024", **{"X-Forwarded-For": "127.0.0.9"})
    assert status == 200 and "登录失败次数过多" in page

    assert reviewer.log_in("kz-reviewer", "demo-pass-2024")[:2] == (302, "/admin/")
    status, _, page = reviewer.request("GET", "/admin/")
    assert status == 200 and "kz-reviewer" in page


# A correction of the demo's budget published again, as the reviewer's buttons do.
CORRECT_AND_PUBLISH = """
from django.contrib.auth.models import User
from budget.budgets.models import Budget
from budget.workflow.services import budget_publish, set_status
budget = Budget.objects.get(department__code="501001", year=2024)
accountant, reviewer = User.objects.get(username="kz-accountant"), User.objects.get(username="kz-reviewer")
set_status(budget=budget, status="draft", by=accountant, comment="更正一处文字")
set_status(budget=budget, status="submitted", by=accountant)
set_status(budget=budget, status="approved", by=reviewer)
print(budget_publish(budget=budget, by=reviewer, note="更正一处文字").version)
"""


def test_it_serves_the_public_site_with_redis_down_and_keeps_the_publication(site):
    wait_for(lambda: get(f"{site.url}/healthz")[0] == 200, 60, "gunicorn does not answer", site.logs)
    site.manage("load_demo", "--force")
    wait_for(lambda: get(site.url + PAGE, **HTTPS)[0] == 200, RENDER_WAIT, "the worker did not render", site.logs)
    site.kill("redis-cache")
    site.kill("redis-broker")
    # Each gunicorn worker holds the public years it last read for HELD_SECONDS (budget/public/held.py);
    # one that read them before the render would list no 2024 until then. Past it, with the cache
    # down, every worker reads them from the database.
    time.sleep(HELD_SECONDS + 0.5)

    for url in ("/", "/?year=2024", PAGE, PAGE + "document.pdf"):  # from the database, uncached
        assert get(site.url + url, **HTTPS)[0] == 200, url
    assert "克孜勒苏柯尔克孜自治州生态环境局".encode() in get(site.url + "/", **HTTPS)[1]
    published = subprocess.run([str(BIN / "python"), "manage.py", "shell", "--no-imports", "-c", CORRECT_AND_PUBLISH], cwd=REPO,
                               env=site.env, capture_output=True, text=True, timeout=120)
    assert (published.returncode, published.stdout.strip()) == (0, "2"), published.stderr
    state = "SELECT render_state FROM workflow_publication WHERE version = 2"
    assert site.sql(state) == "queued"  # kept, waiting for the queue
    assert get(site.url + PAGE + "v/2/", **HTTPS)[0] == 404
    assert get(site.url + PAGE, **HTTPS)[0] == 200  # the first version meanwhile

    for name in site.redis:
        site.start_redis(name)
    # Celery's worker does not always survive losing its broker (kombu fails closing the old
    # channel): docs/deploy.md restarts it after an outage, then queues the waiting renders again.
    site.kill("worker")
    site.start("worker", [str(BIN / "celery"), "-A", "budget", "worker", "--loglevel=INFO", "--concurrency=1"])
    site.manage("requeue_renders", "--older-than", "0")
    wait_for(lambda: get(site.url + PAGE + "v/2/", **HTTPS)[0] == 200, RENDER_WAIT,
             "the publication queued while Redis was down was not rendered", site.logs)
    assert site.sql(state) == "done"


@pytest.fixture
def private_postgres():
    """A PostgreSQL cluster of the test's own on a free port, which it may restart: the shared one
    serves other tests meanwhile. Returns (port, restart)."""
    bindir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="budget-pg-"))
    owner = []
    if os.getuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(root, "postgres")
        owner = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*owner, bindir / "initdb", "-D", root / "data", "-U", "postgres", "-A", "trust", "--no-sync",
                    "-E", "UTF8", "--no-locale"], check=True, capture_output=True)
    port = free_port()
    ctl = [*owner, bindir / "pg_ctl", "-D", root / "data", "-l", root / "log", "-w",
           "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1"]
    subprocess.run([*ctl, "start"], check=True, capture_output=True)
    try:
        yield port, lambda: subprocess.run([*ctl, "restart", "-m", "fast"], check=True, capture_output=True)
    finally:
        subprocess.run([*owner, bindir / "pg_ctl", "-D", root / "data", "stop", "-m", "immediate"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_it_leaves_nothing_half_written_when_postgresql_restarts_during_an_import(private_postgres, tmp_path):
    from bench.generate import generate_budget

    port, restart = private_postgres
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "budget.settings",
           "SECRET_KEY": "deploy-check-" + "x" * 40, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/budget"}

    def sql(query):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "budget", "-tAc",
                               query], check=True, capture_output=True, text=True).stdout.strip()

    def import_budget():
        return subprocess.Popen([str(BIN / "python"), "manage.py", "import_budget", str(large)], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "budget"], check=True)
    subprocess.run([str(BIN / "python"), "manage.py", "migrate", "-v", "0"], cwd=REPO, env=env, check=True)
    large = tmp_path / "large.json"
    large.write_text(json.dumps(generate_budget(lines=20_000)), encoding="utf-8")

    importing = import_budget()
    writing = ("SELECT count(*) FROM pg_stat_activity WHERE datname = 'budget' AND backend_xid IS NOT NULL"
               " AND pid <> pg_backend_pid()")
    deadline = time.monotonic() + 300
    while sql(writing) == "0":  # until the import's transaction has written
        assert importing.poll() is None and time.monotonic() < deadline, "the import ended before it was caught"
        time.sleep(0.02)
    restart()
    output = importing.communicate(timeout=120)[0]
    assert importing.returncode != 0, output
    for table in ("budgets_budget", "budgets_line", "budgets_project", "orgs_department"):
        assert sql(f"SELECT count(*) FROM {table}") == "0", table

    again = import_budget()
    output = again.communicate(timeout=600)[0]
    assert again.returncode == 0, output
    assert sql("SELECT count(*) FROM budgets_line") == "20000"
    assert "20000 条明细" in output
