"""The admin's department page: superusers maintain it; its accountant and its bureau's reviewers
enter its 简称 (short name) and nothing else; outsiders get 404."""
import pytest

from budget.orgs.models import Department

from .conftest import make_user


def url(department):
    return f"/admin/orgs/department/{department.pk}/change/"


def change(client, department, short_name, **others):
    return client.post(url(department), {"short_name": short_name, **others})


@pytest.mark.parametrize("who", ["accountant", "reviewer"])
def test_it_lets_the_accountant_and_the_reviewer_enter_the_short_name(client, request, who, reference_budget):
    client.force_login(request.getfixturevalue(who))
    department = reference_budget.department

    response = change(client, department, "克州生态环境局", name="改掉的名称", code="X1")

    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.short_name, department.name, department.code) == (
        "克州生态环境局", "克孜勒苏柯尔克孜自治州生态环境局", "501001")


def test_it_answers_404_to_an_outsider(client, outsider, reference_budget):
    client.force_login(outsider)
    department = reference_budget.department

    assert client.get(url(department)).status_code == 404
    assert change(client, department, "别人的简称").status_code == 404
    assert Department.objects.get(pk=department.pk).short_name == ""
    listed = client.get("/admin/orgs/department/").content.decode()
    assert "501001" not in listed and "999001" in listed


def test_it_keeps_other_bureaus_departments_from_a_reviewer(client, reviewer, outsider):
    client.force_login(reviewer)
    other = outsider.profile.department
    assert client.get(url(other)).status_code == 404


def test_it_lets_only_a_superuser_add_or_delete(client, accountant, reference_budget):
    client.force_login(accountant)
    assert client.get("/admin/orgs/department/add/").status_code == 403
    assert client.post(f"/admin/orgs/department/{reference_budget.department.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    admin = make_user("root", is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/orgs/department/add/").status_code == 200


def test_it_rejects_a_short_name_that_is_too_long(client, accountant, reference_budget):
    client.force_login(accountant)
    response = change(client, reference_budget.department, "局" * 51)
    assert response.status_code == 200
    assert "50" in response.content.decode()


def test_the_public_search_finds_a_short_name_entered_after_publishing(client, published, accountant):
    assert "克孜勒苏柯尔克孜自治州生态环境局" not in client.get("/", {"q": "克州生态环境局"}).content.decode()
    client.force_login(accountant)

    change(client, published.department, "克州生态环境局")

    client.logout()
    html = client.get("/", {"q": "克州 生态环境局"}).content.decode()
    assert "克孜勒苏柯尔克孜自治州生态环境局（克州生态环境局）" in html
    assert 'href="/budgets/501001/2024/"' in html
