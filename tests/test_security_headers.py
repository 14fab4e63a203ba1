"""Every response carries the Content-Security-Policy and the other protective headers."""
import pytest

pytestmark = pytest.mark.usefixtures("quick_pdf")

POLICY = {
    "default-src": "'self'", "img-src": "'self' data:", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}


def policy(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def test_it_sends_the_policy_on_public_pages_files_and_errors(client, published):
    for url in ("/", "/budgets/501001/2024/", "/budgets/501001/2024/tables.json", "/budgets/404/2024/"):
        response = client.get(url)
        assert policy(response) == POLICY, url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


def test_it_sends_the_policy_on_the_admin_and_the_workflow_page(client, published, accountant):
    assert policy(client.get("/admin/login/")) == POLICY
    client.force_login(accountant)
    assert policy(client.get("/manage/budgets/501001/2024/workflow/")) == POLICY
    assert policy(client.get("/admin/")) == POLICY


def test_it_needs_no_inline_script_or_style(client, published, accountant):
    client.force_login(accountant)
    for url in ("/", "/budgets/501001/2024/", "/manage/budgets/501001/2024/workflow/"):
        html = client.get(url).content.decode()
        assert "<script" not in html and "<style" not in html and " style=" not in html, url


def test_it_lets_nobody_cache_the_pages_and_files_under_manage(client, reference_budget, accountant, monkeypatch):
    monkeypatch.setattr("budget.document.tasks.render_pdf", lambda budget: b"%PDF-1.7 stand-in\n")
    client.force_login(accountant)
    base = "/manage/budgets/501001/2024/"
    for url in (base, base + "document.pdf", base + "tables.xlsx", base + "tables/", base + "workflow/"):
        response = client.get(url)
        assert (response.status_code, response["Cache-Control"]) == (200, "private, no-store"), url
