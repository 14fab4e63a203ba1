"""Take the user guides' screenshots (docs/screenshots/*.png) from the demo data.

Migrates a temporary SQLite database, runs `load_demo`, serves the site with runserver on a
free loopback port and drives Debian's chromium through Playwright as the demo users:
    .venv/bin/python tools/screenshots.py
Look at every picture before committing it.
"""
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script: bench is a package of the repository
from bench.served import free_port  # noqa: E402
OUTPUT = REPO / "docs" / "screenshots"
PASSWORD = "demo-pass-2024"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1200, "height": 760}
WORKBENCH = {"width": 1366, "height": 900}  # the workbench's pages, at the size issue 14 names


def main():
    with tempfile.TemporaryDirectory(prefix="budget-screens-") as scratch:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3", "MEDIA_ROOT": f"{scratch}/media",
               "DEBUG": "1", "DEMO_PASSWORD": PASSWORD}
        manage("migrate", env=env)
        manage("load_demo", env=env)
        ids = {code: budget_id(code, env) for code in ("501002",)}
        ids["project"] = first_project(ids["501002"], env)
        port = free_port()
        server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                                  cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base)
            OUTPUT.mkdir(parents=True, exist_ok=True)
            shoot(base, ids)
        finally:
            server.terminate()
            server.wait()
    print(f"wrote {OUTPUT.relative_to(REPO)}/*.png")


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def budget_id(code, env):
    return shell_number(f"from budget.budgets.models import Budget; print(Budget.objects.get(department__code='{code}').pk)", env)


def first_project(budget, env):
    return shell_number(f"from budget.budgets.models import Project; print(Project.objects.filter(budget_id={budget}).first().pk)", env)


def shell_number(script, env):
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=REPO, env=env, check=True,
                            capture_output=True, text=True)
    return int(result.stdout.split()[-1])  # after the notice of what the shell imported


def wait_for(base, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("runserver did not answer")


def shoot(base, ids):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        # The second demo budget is still a draft: its accountant enters data, then submits it,
        # so that the reviewer has work.
        accountant = signed_in(browser, base, "other-accountant", WORKBENCH)
        admin_budget = f"{base}/admin/budgets/budget/{ids['501002']}"
        capture(accountant, f"{admin_budget}/home/", "accountant-home")
        capture(accountant, f"{base}/admin/budgets/project/{ids['project']}/change/#indicators-group", "accountant-project")
        capture(accountant, f"{admin_budget}/section/narrative/", "accountant-narrative")
        capture(accountant, f"{admin_budget}/validation/", "accountant-validation")
        capture(accountant, f"{admin_budget}/grid/", "accountant-grid")
        capture(accountant, f"{admin_budget}/lines/upload/", "accountant-excel-upload")
        accountant.goto(f"{base}/manage/budgets/501002/2024/workflow/")
        accountant.fill("#comment-submit", "请审核。")
        accountant.click(".action-submit button")
        accountant.wait_for_load_state()
        accountant.screenshot(path=OUTPUT / "accountant-submitted.png")

        reviewer = signed_in(browser, base, "kz-reviewer")
        capture(reviewer, f"{base}/manage/budgets/501002/2024/workflow/", "reviewer-workflow")
        capture(reviewer, f"{base}/manage/budgets/501001/2024/workflow/", "reviewer-published")
        capture(reviewer, f"{base}/manage/bureau/2024/", "reviewer-consolidated")
        capture(browser.new_page(viewport=VIEWPORT), f"{base}/budgets/501001/2024/", "public-budget")
        browser.close()


def signed_in(browser, base, username, viewport=VIEWPORT):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    return page


def capture(page, url, name):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUTPUT / f"{name}.png")


if __name__ == "__main__":
    main()
