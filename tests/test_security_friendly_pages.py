"""A double-submitted form and a login's unsafe `next` get pages that lead on, not a bare 403 or a 404."""
import pytest
from django.test import Client

from .conftest import make_user

LOGIN = "/admin/login/"


@pytest.fixture
def user(db):
    return make_user("kz-accountant")  # password "pass"


def login_form(client):
    client.get(LOGIN)
    return {"username": "kz-accountant", "password": "pass", "csrfmiddlewaretoken": client.cookies["csrftoken"].value}


def test_it_explains_the_second_click_of_a_double_submitted_login(user):
    client = Client(enforce_csrf_checks=True)
    form = login_form(client) | {"next": "/manage/review/"}
    assert client.post(LOGIN, form)["Location"] == "/manage/review/"
    second = client.post(LOGIN, form)  # the login renewed the token: this one is refused
    html = second.content.decode()
    assert second.status_code == 403
    assert "表单已提交过或已过期" in html and "第一次提交已经生效，你已登录" in html
    assert '<a href="/manage/review/">回到刚才的页面</a>' in html


def test_it_leads_back_to_the_referring_page_of_this_site_only(user):
    client = Client(enforce_csrf_checks=True)
    html = client.post("/admin/logout/", HTTP_REFERER="http://testserver/budgets/501001/2024/").content.decode()
    assert '<a href="http://testserver/budgets/501001/2024/">回到刚才的页面</a>' in html
    html = client.post("/admin/logout/", HTTP_REFERER="https://evil.example/").content.decode()
    assert '<a href="/">回到刚才的页面</a>' in html


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_it_lands_on_the_admin_index_for_an_unsafe_next(client, user, next_url):
    response = client.post(LOGIN, {"username": "kz-accountant", "password": "pass", "next": next_url})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200
