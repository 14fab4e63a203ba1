"""`manage.py start_next_year`: the budgets of year + 1 for a department or a whole finance bureau.

Expected figures are the reference budget's published ones (tests/data/kizilsu-eco-2024-budget.txt):
收支总预算 2,448.62 万元, 基本支出 2,052.42, 项目支出 396.20; 211 01 99 其他环境保护管理事务支出 773.52,
211 节能环保支出 2,257.37 (表1); seven projects, five 主要职能.
"""
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from budget.budgets.models import Budget
from budget.exchange.services import budget_import

from .conftest import as_department
from .editions import later_edition

TOTAL, BASIC = Decimal("24486200.00"), Decimal("20524200.00")  # 元: 2,448.62 and 2,052.42 万元
OTHER_AFFAIRS = Decimal("7735200.00")  # 2110199: 773.52 万元
ENVIRONMENT = Decimal("22573700.00")  # 类 211 (表1): 2,257.37 万元, all of it 2110101 and 2110199


def run(*args):
    out = StringIO()
    call_command("start_next_year", *args, stdout=out)
    return out.getvalue()


def total(budget, **lines):
    return budget.lines.filter(**lines).aggregate(total=Sum("amount"))["total"] or Decimal(0)


def test_it_starts_the_next_year_of_a_department_with_its_lines(reference_budget):
    out = run("--year", "2024", "--department", "501001", "--with-lines")

    new = Budget.objects.get(department__code="501001", year=2025)
    assert new.status == Budget.Status.DRAFT and new.edition.year == 2024
    assert "已编制 克孜勒苏柯尔克孜自治州生态环境局 2025 年部门预算" in out
    assert "预算单位 1 个，主要职能 5 条，项目 7 个" in out and "明细 42 条" in out
    assert total(new) == TOTAL and total(new, kind="basic") == BASIC
    assert new.functions.count() == 5 and new.overview.structure == reference_budget.overview.structure
    assert (new.overview.serving, new.overview.serving_change) == (29, 0)  # the count copied, no change yet
    assert new.projects.get(code="P2024-02").indicators.count() == 14
    assert new.projects.get(code="P2024-02").start.isoformat() == "2025-01-01"
    assert not new.prior_figures.exists() and not new.explanations.exists()
    assert reference_budget.lines.count() == 42  # the source is left as it was


def test_it_starts_every_department_of_a_bureau_that_has_no_budget_for_the_year(reference_budget, reference_data):
    bureau = reference_budget.department.bureau.name
    budget_import(data=as_department(reference_data, "501002"))
    started = as_department(reference_data, "501003")
    budget_import(data=started)
    started["year"] = 2025
    budget_import(data=started)

    out = run("--year", "2024", "--bureau", bureau)

    assert sorted(Budget.objects.filter(year=2025).values_list("department__code", flat=True)) == [
        "501001", "501002", "501003"]
    assert "跳过 测试部门501003 2025 年部门预算：已存在（草稿）" in out
    assert Budget.objects.get(department__code="501003", year=2025).lines.count() == 42  # not replaced
    new = Budget.objects.get(department__code="501002", year=2025)
    assert new.projects.count() == 7 and new.lines.count() == 0  # no lines without --with-lines
    assert "测试部门501002 2025 年部门预算：已复制" in out
    assert "资金分配只复制了事项，金额（未复制明细）请重新填写" in out
    assert not new.projects.filter(allocation__amount__gt=0).exists()


def test_it_reports_the_codes_the_new_edition_lacks_and_leaves_their_lines_out(reference_budget):
    later_edition(2025, without=["2110199"])

    out = run("--year", "2024", "--department", "501001", "--with-lines")

    assert "支出功能分类科目 2110199 其他环境保护管理事务支出（20 条明细，合计 773.52 万元）：新版本中没有此科目，未复制" in out
    new = Budget.objects.get(year=2025)
    assert new.edition.year == 2025
    assert total(new) == TOTAL - OTHER_AFFAIRS and not new.lines.filter(function__code="2110199").exists()


def test_it_maps_a_code_the_new_edition_lacks_and_merges_the_lines_it_joins(reference_budget):
    later_edition(2025, without=["2110199"])

    out = run("--year", "2024", "--department", "501001", "--with-lines", "--map", "2110199=2110101")

    new = Budget.objects.get(year=2025)
    assert total(new) == TOTAL and total(new, function__code="2110101") == ENVIRONMENT
    assert new.lines.filter(function__edition__year=2025).count() == new.lines.count()
    assert "对应到同一科目的明细已合并" in out


def test_it_refuses_a_mapping_to_a_code_the_new_edition_lacks_and_writes_nothing(reference_budget):
    later_edition(2025, without=["2110199"])

    with pytest.raises(CommandError, match="1 个部门未能编制 2025 年预算"):
        out = StringIO()
        call_command("start_next_year", "--year", "2024", "--department", "501001", "--with-lines",
                     "--map", "2110199=2119999", stdout=out)
    assert "支出功能分类科目 2110199 对应为 2119999：未知编码 2119999：2025 年版支出功能分类科目中没有此编码" in out.getvalue()
    assert not Budget.objects.filter(year=2025).exists()


@pytest.mark.parametrize("args, message", [
    (["--department", "404404"], "没有部门 404404 的 2024 年预算"),
    (["--bureau", "没有的财政局"], "财政部门“没有的财政局”没有 2024 年的部门预算"),
    (["--department", "501001", "--map", "21101=2110101"], "--map 21101=2110101"),
])
def test_it_names_what_is_wrong_with_the_arguments(reference_budget, args, message):
    with pytest.raises(CommandError, match=message):
        run("--year", "2024", *args)
    assert not Budget.objects.filter(year=2025).exists()
