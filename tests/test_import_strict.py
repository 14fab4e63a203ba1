"""Exchange files are read strictly: codes, names, dates and keys exactly as written, texts that
the database can store, numbers of sane length, and no silent move of a department."""
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget.exchange.reader import ExchangeError
from budget.exchange.services import budget_import, parse_json
from budget.orgs.models import Department, FinanceBureau
from tests.exchange_files import row_counts, write

pytestmark = pytest.mark.django_db


def faults_of(doc):
    before = row_counts()
    with pytest.raises(ExchangeError) as error:
        budget_import(data=doc)
    assert row_counts() == before
    return error.value.faults


def test_it_refuses_a_department_code_that_would_break_its_pages(reference_data):
    reference_data["department"]["code"] = "501/009"
    reference_data["department"]["units"][0]["code"] = "501 001"
    for line in reference_data["lines"]:
        line["unit"] = "501 001"
    assert faults_of(reference_data) == [
        "department.code: 编码只能由字母、数字、“-”和“_”组成：'501/009'",
        "department.units[0].code: 编码只能由字母、数字、“-”和“_”组成：'501 001'",
    ]


def test_it_refuses_names_with_surrounding_space(reference_data):
    reference_data["department"]["finance_bureau"] = "克孜勒苏柯尔克孜自治州财政局 "
    reference_data["projects"][0]["code"] = "P2024-01\n"
    faults = faults_of(reference_data)
    assert faults[0] == "department.finance_bureau: 前后不能有空白：'克孜勒苏柯尔克孜自治州财政局 '"
    assert faults[1] == "projects[0].code: 前后不能有空白：'P2024-01\\n'"


def test_it_refuses_to_move_or_rename_a_department_unless_asked(reference_budget, reference_data):
    bureau = reference_budget.department.bureau.name
    reference_data["department"]["finance_bureau"] = "另一财政局"
    reference_data["department"]["name"] = "改名后的部门"
    assert faults_of(reference_data) == [
        "department: 导入将把部门 501001 的名称由“克孜勒苏柯尔克孜自治州生态环境局”改为“改名后的部门”，"
        f"所属财政部门由“{bureau}”改为“另一财政局”（影响该部门所有年度）；如确需变更，请用 --allow-reassign 导入"
    ]
    assert FinanceBureau.objects.filter(name="另一财政局").count() == 0

    budget_import(data=reference_data, allow_reassign=True)
    department = Department.objects.get(code="501001")
    assert (department.name, department.bureau.name) == ("改名后的部门", "另一财政局")


def test_the_command_moves_a_department_only_with_allow_reassign(reference_budget, reference_data, tmp_path):
    reference_data["department"]["finance_bureau"] = reference_budget.department.bureau.name + " "
    with pytest.raises(CommandError, match="前后不能有空白"):
        call_command("import_budget", str(write(tmp_path, reference_data)), stdout=io.StringIO())
    reference_data["department"]["finance_bureau"] = "另一财政局"
    with pytest.raises(CommandError, match="--allow-reassign"):
        call_command("import_budget", str(write(tmp_path, reference_data)), stdout=io.StringIO())
    call_command("import_budget", str(write(tmp_path, reference_data)), "--allow-reassign", stdout=io.StringIO())
    assert Department.objects.get(code="501001").bureau.name == "另一财政局"


@pytest.mark.parametrize("date", ["20240101", "2024-1-01", "２０２４-01-01", "2024-01-01T00:00", " 2024-01-01"])
def test_it_takes_dates_only_as_yyyy_mm_dd(reference_data, date):
    reference_data["published_on"] = date
    assert faults_of(reference_data) == [f"published_on: 日期应写作 YYYY-MM-DD：{date!r}"]


@pytest.mark.parametrize("key", ["general.function.2110301\n", "expenditure.basic ", "general.function.２１１０３０１"])
def test_it_matches_metric_keys_exactly(reference_data, key):
    reference_data["narrative"]["reasons"][key] = "说明"
    assert faults_of(reference_data) == [f"narrative.reasons.{ascii(key) if not key.isprintable() else key}: 未知的指标"]


def test_it_refuses_nul_and_lone_surrogates_naming_their_path(reference_data):
    reference_data["overview"]["structure"] = "机构\x00设置"
    reference_data["projects"][1]["goal"] = json.loads('"目标\\ud800"')
    reference_data["narrative"]["reasons"][json.loads('"x\\udc00"')] = "说明"
    assert faults_of(reference_data) == [
        "overview.structure: 含有NUL 字符 '\\x00'（第 3 个字符）",
        "projects[1].goal: 含有不成对的代理字符 '\\ud800'（第 3 个字符）",
        "narrative.reasons.'x\\udc00': 未知的指标",
    ]
    str(ExchangeError(faults_of(reference_data))).encode("utf-8")  # the message prints


def test_it_refuses_over_long_numbers_and_nan_with_their_path(reference_data):
    text = json.dumps(reference_data, ensure_ascii=False)
    text = text.replace('"authorized": 40', '"authorized": ' + "9" * 5000, 1)
    text = text.replace('"actual": ', '"actual": NaN, "x": ', 1)
    doc = parse_json(text)
    doc["overview"]["staffing"].pop("x")
    faults = faults_of(doc)
    assert faults == [
        "overview.staffing.authorized: 数字过长：999999999999…（5000 位）",
        "overview.staffing.actual: 不是有限的数：NaN",
    ]
