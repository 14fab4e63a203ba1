"""Data entry of budgets in the admin, scoped to each user's department (see scoping.py),
and the reference data it refers to (codes, organisations), maintained by superusers."""
from django.contrib import admin

from . import codes, orgs  # noqa: F401  (they register their admin classes)
from .budget import BudgetAdmin
from .lines import LineAdmin
from .projects import ProjectAdmin

# The admin is where accountants enter their budgets: name it so, not "Django 管理".
admin.site.site_header = "部门预算编制与公开"
admin.site.site_title = "部门预算"
admin.site.index_title = "预算编制"

__all__ = ["BudgetAdmin", "LineAdmin", "ProjectAdmin"]
