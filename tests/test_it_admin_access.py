"""Who reaches which admin page of a budget: 404 outside, read only when not editable."""
import pytest

from budget.budgets.models import Budget, Line

from .admin_pages import form_data


def budget_urls(budget):
    line = budget.lines.order_by("id").first()
    project = budget.projects.first()
    return [
        f"/admin/budgets/budget/{budget.pk}/change/",
        f"/admin/budgets/budget/{budget.pk}/delete/",
        f"/admin/budgets/budget/{budget.pk}/history/",
        f"/admin/budgets/budget/{budget.pk}/lines.xlsx",
        f"/admin/budgets/budget/{budget.pk}/lines/upload/",
        f"/admin/budgets/budget/{budget.pk}/validation/",
        f"/admin/budgets/line/?budget={budget.pk}",
        f"/admin/budgets/line/{line.pk}/change/",
        f"/admin/budgets/line/{line.pk}/delete/",
        f"/admin/budgets/line/{line.pk}/history/",
        f"/admin/budgets/project/?budget={budget.pk}",
        f"/admin/budgets/project/{project.pk}/change/",
        f"/admin/budgets/project/{project.pk}/delete/",
        f"/admin/budgets/project/{project.pk}/history/",
    ]


def test_it_answers_404_to_an_outsider_for_every_url_of_the_budget(client, outsider, reference_budget):
    client.force_login(outsider)
    for url in budget_urls(reference_budget):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"post": "yes"}).status_code == 404, url
    assert reference_budget.lines.count() == 42 and Budget.objects.filter(pk=reference_budget.pk).exists()


def test_it_leaves_other_budgets_out_of_the_outsiders_lists(client, outsider, reference_budget):
    client.force_login(outsider)
    for url in ["/admin/budgets/budget/", "/admin/budgets/line/", "/admin/budgets/project/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0, url


def test_it_hides_a_draft_from_the_reviewer(client, reviewer, reference_budget):
    client.force_login(reviewer)
    for url in budget_urls(reference_budget):
        assert client.get(url).status_code == 404, url


def test_it_lets_the_reviewer_read_a_submitted_budget_but_not_change_it(client, reviewer, reference_budget):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    client.force_login(reviewer)
    urls = budget_urls(reference_budget)
    for url in urls:
        expected = 403 if url.endswith(("/delete/", "/upload/")) else 200
        assert client.get(url).status_code == expected, url
    line = reference_budget.lines.order_by("id").first()
    assert client.post(f"/admin/budgets/line/{line.pk}/change/", {"amount": "1.00"}).status_code == 403
    assert client.get("/admin/budgets/budget/add/").status_code == 403
    assert client.get("/admin/budgets/project/add/").status_code == 403


def test_it_makes_a_submitted_budget_read_only_for_its_accountant(client, accountant, reference_budget):
    client.force_login(accountant)
    url = f"/admin/budgets/budget/{reference_budget.pk}/change/"
    data = form_data(client.get(url), "budget_form")
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.SUBMITTED)
    data["lines-0-amount"] = "1.00"
    assert client.post(url, data).status_code == 403
    assert 'name="_save"' not in client.get(url).content.decode()
    line = reference_budget.lines.order_by("id").first()
    assert client.post(f"/admin/budgets/line/{line.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"/admin/budgets/budget/{reference_budget.pk}/lines/upload/").status_code == 403
    assert Line.objects.filter(pk=line.pk, amount=1912500).exists()


def test_it_lets_the_accountant_work_on_a_returned_budget(client, accountant, reference_budget):
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.RETURNED)
    client.force_login(accountant)
    for url in budget_urls(reference_budget):
        expected = 403 if url.endswith(f"/budget/{reference_budget.pk}/delete/") else 200
        assert client.get(url).status_code == expected, url


def test_it_gives_the_accountant_the_models_of_budgets_without_permission_rows(client, accountant, reference_budget):
    assert not accountant.user_permissions.exists() and not accountant.groups.exists()
    client.force_login(accountant)
    models = {model["object_name"]: model["perms"] for app in client.get("/admin/").context["app_list"]
              for model in app["models"]}
    assert models["Budget"] == {"add": True, "change": True, "delete": True, "view": True}
    assert models["FunctionalSubject"] == {"add": False, "change": False, "delete": False, "view": True}
    # Its own department, for the 简称 only (test_it_department_short_name.py).
    assert models["Department"] == {"add": False, "change": True, "delete": False, "view": True}
    assert "FinanceBureau" not in models


@pytest.mark.parametrize("who", ["outsider", "reviewer", "accountant"])
def test_it_shows_each_user_only_its_own_profile(client, request, who, reference_budget):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get("/admin/orgs/profile/")
    assert [p.user for p in response.context["cl"].result_list] == [user]


def test_it_lets_a_user_choose_its_amount_unit_but_not_its_department(client, accountant, outsider):
    client.force_login(accountant)
    profile = accountant.profile
    url = f"/admin/orgs/profile/{profile.pk}/change/"
    department = profile.department_id
    assert client.post(url, {"amount_unit": "yuan", "department": outsider.profile.department_id}).status_code == 302
    profile.refresh_from_db()
    assert (profile.amount_unit, profile.department_id) == ("yuan", department)
    assert client.get(f"/admin/orgs/profile/{outsider.profile.pk}/change/").status_code == 404


def test_it_lets_the_accountant_delete_a_draft_but_not_a_returned_budget(client, accountant, reference_budget):
    client.force_login(accountant)
    url = f"/admin/budgets/budget/{reference_budget.pk}/delete/"
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.RETURNED)
    assert client.post(url, {"post": "yes"}).status_code == 403
    Budget.objects.filter(pk=reference_budget.pk).update(status=Budget.Status.DRAFT)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Budget.objects.filter(pk=reference_budget.pk).exists()
