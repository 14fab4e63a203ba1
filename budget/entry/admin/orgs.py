"""Organisations in the admin: superusers maintain them; every user may set its own amount unit."""
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404

from budget.orgs.models import CODE_RULE, Department, FinanceBureau, Profile, is_code

from .scoping import MaintainedBySuperusers


def valid_code(value):
    if not is_code(value):
        raise ValidationError(f"{CODE_RULE}：{value}")


@admin.register(FinanceBureau)
class FinanceBureauAdmin(MaintainedBySuperusers, admin.ModelAdmin):
    list_display = ["name", "template", "requires_project_targets"]
    search_fields = ["name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    """Superusers maintain departments. An accountant (its own department) and a reviewer (the
    bureau's departments) may enter a department's 简称, the name the public search also knows;
    other departments do not exist for them."""

    list_display = ["code", "name", "short_name", "bureau"]
    list_filter = ["bureau"]
    search_fields = ["code", "name", "short_name"]

    def get_queryset(self, request):
        departments = super().get_queryset(request)
        if request.user.is_superuser:
            return departments
        profile = getattr(request.user, "profile", None)
        if profile is None:
            return departments.none()
        if profile.department_id:
            return departments.filter(pk=profile.department_id)
        return departments.filter(bureau_id=profile.bureau_id)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("没有这个部门")
        return obj

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["code", "name", "bureau"]

    def get_list_filter(self, request):
        return self.list_filter if request.user.is_superuser else []

    def has_module_permission(self, request):
        return request.user.is_superuser or hasattr(request.user, "profile")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "code":
            field.validators.append(valid_code)
        return field


@admin.register(Profile)
class ProfileAdmin(MaintainedBySuperusers, admin.ModelAdmin):
    """Superusers place users in organisations; others see only their own row and its unit."""

    list_display = ["user", "department", "bureau", "amount_unit"]
    list_select_related = ["user", "department", "bureau"]
    autocomplete_fields = ["department", "bureau"]

    def get_queryset(self, request):
        profiles = super().get_queryset(request)
        return profiles if request.user.is_superuser else profiles.filter(user=request.user)

    def get_object(self, request, object_id, from_field=None):
        # Another user's profile does not exist for this user.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("没有这条人员归属")
        return obj

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["user", "department", "bureau"]

    def has_module_permission(self, request):
        return request.user.is_superuser or hasattr(request.user, "profile")

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or (hasattr(request.user, "profile") and obj in (None, request.user.profile))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)
