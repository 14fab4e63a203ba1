"""GET /manage/budgets/<code>/<year>/document.pdf: the PDF for those who may read the budget."""
from urllib.parse import quote

import pytest

URL = "/manage/budgets/501001/2024/document.pdf"
NAME = "克孜勒苏柯尔克孜自治州生态环境局2024年部门预算.pdf"


def test_it_sends_the_owner_a_pdf_with_a_chinese_file_name(client, accountant):
    client.force_login(accountant)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(NAME)}"
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")


def test_it_links_the_pdf_from_the_document_page(client, accountant):
    client.force_login(accountant)
    assert f'href="{URL}"' in client.get("/manage/budgets/501001/2024/").content.decode()


@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_it_hides_a_draft_from_other_organisations(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, reference_budget):
    assert client.get(URL).status_code == 302
