"""The latest-version flag of publications: the newest done version of each budget, and no other."""
import pytest
from django.db import IntegrityError, transaction

from budget.budgets.models import Budget
from budget.exchange.services import budget_import
from budget.public import queries
from budget.workflow import tasks
from budget.workflow.models import Publication, ShownYear
from budget.workflow.services import budget_publish, set_status
from tests.workflow_states import bring_to

State = Publication.RenderState


@pytest.fixture
def corrected(reference_budget, accountant, reviewer, quick_pdf, monkeypatch):
    """The reference budget published (v1 done), corrected and published again (v2 queued)."""
    bring_to(reference_budget, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    set_status(budget=reference_budget, status=Budget.Status.DRAFT, by=accountant, comment="更正")
    bring_to(reference_budget, Budget.Status.APPROVED, accountant=accountant, reviewer=reviewer)
    monkeypatch.setattr("budget.workflow.services.enqueue_render", lambda publication: None)
    budget_publish(budget=reference_budget, by=reviewer, note="更正项目名称")
    return reference_budget


def flags(budget):
    return list(Publication.objects.filter(budget=budget).order_by("version").values_list("version", "latest"))


def test_it_keeps_the_flag_on_the_done_version_while_the_next_renders(corrected):
    assert flags(corrected) == [(1, True), (2, False)]
    assert [p.version for p in Publication.done.latest_versions()] == [1]


def test_it_moves_the_flag_when_the_next_version_is_done(corrected):
    tasks.render_publication.delay(Publication.objects.get(budget=corrected, version=2).pk)
    assert flags(corrected) == [(1, False), (2, True)]
    assert [p.version for p in Publication.done.latest_versions()] == [2]


def test_it_hands_the_flag_back_when_the_latest_version_is_deleted(corrected):
    second = Publication.objects.get(budget=corrected, version=2)
    tasks.render_publication.delay(second.pk)
    Publication.objects.get(pk=second.pk).delete()
    assert flags(corrected) == [(1, True)]


def test_it_keeps_the_flag_right_when_an_older_version_is_saved_again(corrected):
    first = Publication.objects.get(budget=corrected, version=1)
    tasks.render_publication.delay(Publication.objects.get(budget=corrected, version=2).pk)
    first.note = "补充说明"
    first.save()  # its in-memory flag (True) is stale: it must not come back
    assert flags(corrected) == [(1, False), (2, True)]
    assert first.latest is False


def test_the_database_refuses_two_latest_versions_or_a_latest_one_not_done(corrected):
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(budget=corrected).update(latest=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(budget=corrected, version=1).update(render_state=State.QUEUED)


def shown_years():
    """The public site's count and sum of latest ids by year, as kept in ShownYear."""
    return {row.year: (row.count, row.ids) for row in ShownYear.objects.all()}


def test_the_public_count_of_a_year_follows_its_versions_as_they_are_published_and_deleted(
        corrected, reference_data, accountant, reviewer):
    first, second = (Publication.objects.get(budget=corrected, version=version) for version in (1, 2))
    assert shown_years() == {2024: (1, first.pk)}  # the second still renders: not shown
    earlier = budget_import(data={**reference_data, "year": 2023, "published_on": "2023-02-20"})
    bring_to(earlier, Budget.Status.PUBLISHED, accountant=accountant, reviewer=reviewer)
    other = Publication.objects.get(budget=earlier)
    assert shown_years() == {2024: (1, first.pk), 2023: (0, 0)}  # queued (the fixture renders nothing)
    tasks.render_publication.delay(other.pk)
    assert shown_years() == {2024: (1, first.pk), 2023: (1, other.pk)}

    tasks.render_publication.delay(second.pk)
    assert shown_years() == {2024: (1, second.pk), 2023: (1, other.pk)}
    shown = queries.shown_now()
    assert (shown.years, shown.counts) == ([2024, 2023], {2024: 1, 2023: 1})
    assert shown.generation.startswith(f"2.{second.pk + other.pk}.")

    Publication.objects.get(pk=second.pk).delete()  # the flag goes back to the first version
    assert shown_years() == {2024: (1, first.pk), 2023: (1, other.pk)}
    Publication.objects.get(pk=other.pk).delete()
    assert shown_years() == {2024: (1, first.pk), 2023: (0, 0)}
    shown = queries.shown_now()
    assert (shown.years, shown.counts) == ([2024], {2024: 1})
    assert shown.generation.startswith(f"1.{first.pk}.")
