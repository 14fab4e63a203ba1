"""set_status and budget_publish: legal moves only, by the right people, recorded with comments."""
import json
from collections import defaultdict
from decimal import Decimal

import pytest

from budget.budgets.models import Budget
from budget.tables.exports import tables_document
from budget.validation import validate
from budget.workflow.models import Publication, StatusChange
from budget.workflow.services import TransitionNotAllowed, TransitionRefused, budget_publish, set_status

from .conftest import make_user
from .workflow_states import bring_to

# Publishing renders a PDF in seconds; these tests are not about the PDF.
pytestmark = pytest.mark.usefixtures("quick_pdf")

Status = Budget.Status


@pytest.fixture
def roles(reference_budget, accountant, reviewer):
    return {"accountant": accountant, "reviewer": reviewer}


def reload(budget):
    return Budget.objects.get(pk=budget.pk)


def test_it_moves_a_budget_through_review_and_records_every_step(reference_budget, accountant, reviewer):
    budget = reference_budget
    set_status(budget=budget, status=Status.SUBMITTED, by=accountant, comment="请审核")
    set_status(budget=budget, status=Status.RETURNED, by=reviewer, comment="表7项目名称有误")
    set_status(budget=budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=budget, status=Status.APPROVED, by=reviewer)
    budget_publish(budget=budget, by=reviewer)
    assert reload(budget).status == Status.PUBLISHED
    steps = [(c.source, c.target, c.by.username, c.comment) for c in StatusChange.objects.filter(budget=budget)]
    assert steps == [
        ("draft", "submitted", "accountant", "请审核"),
        ("submitted", "returned", "reviewer", "表7项目名称有误"),
        ("returned", "submitted", "accountant", ""),
        ("submitted", "approved", "reviewer", ""),
        ("approved", "published", "reviewer", ""),
    ]


@pytest.mark.parametrize("status, target", [
    (Status.DRAFT, Status.APPROVED),
    (Status.DRAFT, Status.RETURNED),
    (Status.SUBMITTED, Status.DRAFT),
    (Status.RETURNED, Status.APPROVED),
    (Status.APPROVED, Status.SUBMITTED),
    (Status.PUBLISHED, Status.SUBMITTED),
    (Status.PUBLISHED, Status.RETURNED),
])
def test_it_refuses_an_illegal_move(reference_budget, accountant, reviewer, status, target):
    budget = bring_to(reference_budget, status, accountant=accountant, reviewer=reviewer)
    before = StatusChange.objects.count()
    admin = make_user("root", is_superuser=True)
    with pytest.raises(TransitionNotAllowed):
        set_status(budget=budget, status=target, by=admin, comment="试试")
    assert reload(budget).status == status
    assert StatusChange.objects.count() == before


def test_it_refuses_publishing_without_a_snapshot(reference_budget, accountant, reviewer):
    budget = bring_to(reference_budget, Status.APPROVED, accountant=accountant, reviewer=reviewer)
    with pytest.raises(TransitionNotAllowed, match="budget_publish"):
        set_status(budget=budget, status=Status.PUBLISHED, by=reviewer)
    assert reload(budget).status == Status.APPROVED
    assert not Publication.objects.exists()


def test_it_lets_only_the_departments_accountant_submit(reference_budget, reviewer, outsider):
    for user in (reviewer, outsider, make_user("nobody")):
        with pytest.raises(TransitionNotAllowed):
            set_status(budget=reference_budget, status=Status.SUBMITTED, by=user)
    assert reload(reference_budget).status == Status.DRAFT


def test_it_lets_only_the_bureaus_reviewer_approve(reference_budget, accountant, reviewer):
    from budget.orgs.models import FinanceBureau

    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    other_reviewer = make_user("other-reviewer", bureau=FinanceBureau.objects.create(name="另一财政局"))
    for user in (accountant, other_reviewer):
        with pytest.raises(TransitionNotAllowed):
            set_status(budget=reference_budget, status=Status.APPROVED, by=user)
        with pytest.raises(TransitionNotAllowed):
            set_status(budget=reference_budget, status=Status.RETURNED, by=user, comment="不行")
    assert reload(reference_budget).status == Status.SUBMITTED


def test_it_requires_a_comment_to_return(reference_budget, accountant, reviewer):
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    with pytest.raises(TransitionRefused, match="须填写意见"):
        set_status(budget=reference_budget, status=Status.RETURNED, by=reviewer, comment="  ")
    assert reload(reference_budget).status == Status.SUBMITTED


def test_it_refuses_to_submit_while_validation_finds_errors(reference_budget, accountant):
    reference_budget.department.bureau.requires_project_targets = True  # a missing target is an error
    reference_budget.department.bureau.save()
    project = reference_budget.projects.get(code="P2024-02")
    project.indicators.all().delete()
    with pytest.raises(TransitionRefused) as refused:
        set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    assert any("“2024 年环保业务经费”没有绩效指标" in message for message in refused.value.messages)
    assert reload(reference_budget).status == Status.DRAFT
    assert not StatusChange.objects.exists()


def test_it_submits_despite_warnings(reference_budget, accountant):
    indicator = reference_budget.indicators.filter(project=None).first()
    indicator.weight += 1  # the department target's weights no longer add up to 90: a warning
    indicator.save()
    assert [f.rule for f in validate(reference_budget)] == ["target.weights"]
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    assert reload(reference_budget).status == Status.SUBMITTED


def test_it_lets_a_superuser_make_every_move(reference_budget):
    admin = make_user("root", is_superuser=True)
    bring_to(reference_budget, Status.PUBLISHED, accountant=admin, reviewer=admin)
    assert reload(reference_budget).status == Status.PUBLISHED


def test_it_stores_a_snapshot_of_the_published_files(reference_budget, reference_data, accountant, reviewer):
    bring_to(reference_budget, Status.APPROVED, accountant=accountant, reviewer=reviewer)
    publication = budget_publish(budget=reference_budget, by=reviewer, note="首次公开")
    assert (publication.version, publication.note, publication.by) == (1, "首次公开", reviewer)
    assert (publication.department_code, publication.department_name, publication.year) == (
        "501001", "克孜勒苏柯尔克孜自治州生态环境局", 2024)
    exchange = json.loads(publication.exchange_json.read())
    assert exchange["lines"] == reference_data["lines"]
    assert json.loads(publication.tables_json.read()) == json.loads(json.dumps(tables_document(budget=reference_budget)))
    assert publication.tables_xlsx.read()[:2] == b"PK"
    body = publication.body_html.read().decode()
    assert "第三部分 2024 年部门预算情况说明" in body and "<html" not in body


def test_it_charts_expenditure_by_class_and_kind_from_the_lines(reference_budget, reference_data, accountant, reviewer):
    bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    publication = Publication.objects.get(budget=reference_budget)
    by_class, by_kind = defaultdict(Decimal), defaultdict(Decimal)
    for line in reference_data["lines"]:  # the reference file is in 万元
        by_class[line["function"][:3]] += Decimal(line["amount"])
        by_kind[line["kind"]] += Decimal(line["amount"])
    assert publication.chart["by_class"] == [
        {"label": "社会保障和就业支出", "amount": str(by_class["208"])},
        {"label": "节能环保支出", "amount": str(by_class["211"])},
    ]
    assert publication.chart["by_kind"] == [
        {"label": "基本支出", "amount": str(by_kind["basic"])},
        {"label": "项目支出", "amount": str(by_kind["project"])},
    ]
    assert sum(by_kind.values()) == Decimal("2448.62")  # 收支总预算 of the published document


def test_it_dates_a_budget_without_a_publication_date(reference_data, db):
    from budget.exchange.services import budget_import

    reference_data["published_on"] = None
    budget = budget_import(data=reference_data)
    accountant = make_user("a", department=budget.department)
    reviewer = make_user("r", bureau=budget.department.bureau)
    bring_to(budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    assert reload(budget).published_on is not None


def test_it_corrects_a_published_budget_as_version_two_with_a_note(reference_budget, accountant, reviewer):
    bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    with pytest.raises(TransitionRefused):
        set_status(budget=reference_budget, status=Status.DRAFT, by=accountant)  # a correction says why
    set_status(budget=reference_budget, status=Status.DRAFT, by=accountant, comment="更正项目名称")
    assert reload(reference_budget).is_editable
    set_status(budget=reference_budget, status=Status.SUBMITTED, by=accountant)
    set_status(budget=reference_budget, status=Status.APPROVED, by=reviewer)
    with pytest.raises(TransitionRefused, match="更正说明"):
        budget_publish(budget=reference_budget, by=reviewer)
    assert reload(reference_budget).status == Status.APPROVED
    second = budget_publish(budget=reference_budget, by=reviewer, note="更正表7项目名称")
    assert second.version == 2
    assert [p.version for p in Publication.objects.filter(budget=reference_budget)] == [2, 1]


def test_it_lets_the_reviewer_open_a_correction_too(reference_budget, accountant, reviewer, outsider):
    bring_to(reference_budget, Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    with pytest.raises(TransitionNotAllowed):
        set_status(budget=reference_budget, status=Status.DRAFT, by=outsider, comment="更正")
    set_status(budget=reference_budget, status=Status.DRAFT, by=reviewer, comment="第三部分数字有误")
    assert reload(reference_budget).status == Status.DRAFT
