"""The finance bureau's publication template, set in the admin by a superuser."""
import pytest

from budget.orgs.models import FinanceBureau

from .conftest import make_user


@pytest.fixture
def superuser(db):
    return make_user("root", is_superuser=True)


def test_it_offers_the_templates_and_saves_the_choice(client, superuser, reference_budget):
    bureau = reference_budget.department.bureau
    client.force_login(superuser)
    url = f"/admin/orgs/financebureau/{bureau.pk}/change/"
    html = client.get(url).content.decode()
    assert '<option value="xinjiang-2024" selected>新疆 2024 版</option>' in html
    assert '<option value="shanghai-2026">上海 2026 版</option>' in html
    response = client.post(url, {"name": bureau.name, "template": "shanghai-2026"})
    assert response.status_code == 302
    assert FinanceBureau.objects.get(pk=bureau.pk).template == "shanghai-2026"


def test_it_refuses_a_template_that_does_not_exist(client, superuser, reference_budget):
    bureau = reference_budget.department.bureau
    client.force_login(superuser)
    response = client.post(f"/admin/orgs/financebureau/{bureau.pk}/change/", {"name": bureau.name, "template": "beijing"})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert FinanceBureau.objects.get(pk=bureau.pk).template == "xinjiang-2024"


def test_the_staff_document_follows_the_bureau(client, reference_budget, accountant):
    bureau = reference_budget.department.bureau
    bureau.template = "shanghai-2026"
    bureau.save()
    client.force_login(accountant)
    html = client.get("/manage/budgets/501001/2024/").content.decode()
    # The reference budget (its file names no template) in the Shanghai chapters: 收支总预算 2,448.62 万元.
    assert "2024年部门预算编制说明" in html and "收入预算2448.62万元" in html
