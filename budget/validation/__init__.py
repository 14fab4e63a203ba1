"""Validation rules of a budget: findings shown in the admin, printed by validate_budget and
consulted by the workflow before a submission."""


def validate(budget):
    """Every finding of every rule for `budget` (see budget.validation.rules)."""
    from .rules import validate as run  # the rules use models, not importable at app loading

    return run(budget)


# How long the findings of one state of a budget are kept by `shown_findings`. Every edit moves
# the budget's revision (or its updated_at), so a new state is validated anew; what the key
# cannot see (a bureau's setting, the prior year's publication) shows within this time.
SHOWN_FOR = 600


def shown_findings(budget):
    """The findings that pages show (the budget home, the review queue, the progress board):
    validated once per state of the budget. Submitting always validates afresh
    (budget.workflow.services)."""
    from django.core.cache import cache

    key = f"validation:findings:{budget.pk}:{budget.revision}:{budget.updated_at.timestamp()}:{budget.status}"
    findings = cache.get(key)
    if findings is None:
        findings = validate(budget)
        cache.set(key, findings, SHOWN_FOR)
    return findings
