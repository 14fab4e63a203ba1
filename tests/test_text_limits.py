"""Texts written by people have a maximum length in the model and the admin's forms (the
exchange reader's are in test_import_budget): a 2.4-million-character text made an 819-page PDF."""
import pytest
from django.core.exceptions import ValidationError

from budget.entry.admin.budget import BudgetForm

from .conftest import make_user

TOO_LONG = "确保该变量包含不超过 10000 字符 (目前字符数 10001)。"


def test_it_refuses_a_text_over_its_limit_in_the_model(reference_budget):
    reference_budget.other_matters = "事" * 10001
    with pytest.raises(ValidationError) as refused:
        reference_budget.full_clean()
    assert refused.value.message_dict["other_matters"] == [TOO_LONG]
    reference_budget.other_matters = "事" * 10000
    reference_budget.full_clean()


def test_it_says_the_limit_in_the_admins_form(client, reference_budget):
    form = BudgetForm(instance=reference_budget, data={
        "department": reference_budget.department.pk, "year": "2024", "edition": reference_budget.edition_id,
        "other_matters": "事" * 10001, "seen_revision": reference_budget.revision,
    })
    assert form.errors["other_matters"] == [TOO_LONG]
    client.force_login(make_user("root", is_superuser=True))
    html = client.get(f"/admin/budgets/budget/{reference_budget.pk}/change/").content.decode()
    assert 'maxlength="10000"' in html and 'maxlength="2000"' in html  # other matters, the 主要职能
