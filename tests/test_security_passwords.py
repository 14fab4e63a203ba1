"""The password policy: at least 12 characters, not a common password, not like the username."""
import pytest
from django.core.management import CommandError, call_command

from .conftest import make_user

ADD_USER = "/admin/auth/user/add/"


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("root", is_superuser=True))
    return client


def add_user(client, username, password):
    return client.post(ADD_USER, {"username": username, "password1": password, "password2": password,
                                  "usable_password": "true"})


@pytest.mark.parametrize("username, password, message", [
    ("kz-reviewer", "1", "密码太短：至少要 12 个字符。"),
    ("kz-reviewer", "password1234", "这个密码太常见了。"),
    ("kz-reviewer-2024", "kz-reviewer-2024", "密码跟 用户名 太相似了。"),
    ("kz-reviewer", "202420242024", "密码只包含数字。"),
])
def test_it_refuses_a_weak_password(admin_client, username, password, message):
    response = add_user(admin_client, username, password)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_it_accepts_a_long_uncommon_password(admin_client):
    from django.contrib.auth.models import User

    assert add_user(admin_client, "kz-reviewer", "纸上得来终觉浅-2024").status_code == 302
    assert User.objects.get(username="kz-reviewer").check_password("纸上得来终觉浅-2024")


def test_it_refuses_a_weak_demo_password(db, monkeypatch, settings):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "demo")
    with pytest.raises(CommandError, match="DEMO_PASSWORD 不符合密码规则：密码太短：至少要 12 个字符。"):
        call_command("load_demo")
