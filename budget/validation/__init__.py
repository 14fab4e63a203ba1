"""Validation rules of a budget: findings shown in the admin, printed by validate_budget and
consulted by the workflow before a submission."""


def validate(budget):
    """Every finding of every rule for `budget` (see budget.validation.rules)."""
    from .rules import validate as run  # the rules use models, not importable at app loading

    return run(budget)
