"""Data entry of budgets in the admin, scoped to each user's department (see scoping.py)."""
from .budget import BudgetAdmin
from .lines import LineAdmin
from .projects import ProjectAdmin

__all__ = ["BudgetAdmin", "LineAdmin", "ProjectAdmin"]
