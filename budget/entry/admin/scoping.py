"""Who sees and changes what in the admin, from `budget.budgets.access` and the user's role.

Every admin class of a budget's parts mixes these in. Objects of budgets the user may not
read are outside its querysets, and their URLs answer 404 (not a redirect), so nothing
reveals that they exist. Permissions come from the role, not from permission rows.
"""
from django import forms
from django.db.models import Max
from django.http import Http404

from budget.budgets import access, revisions
from budget.budgets.models import Budget


# The CSS class of inlines whose rows have no name of their own ("Line object (12)"): the
# page leaves the name out (budget/validation/static/validation/admin.css).
UNNAMED = ["unnamed"]


def budget_of(obj):
    return obj if isinstance(obj, Budget) else obj.budget


def may_change(user, obj):
    """Creating (obj None) needs the accountant's role; changing, a budget open to the user."""
    return access.enters_data(user) if obj is None else access.can_edit(user, budget_of(obj))


class ScopedAdmin:
    """ModelAdmin mixin for a model reached from its budget through `budget_path`."""

    budget_path = "budget"

    def get_queryset(self, request):
        return access.scoped(super().get_queryset(request), request.user, self.budget_path)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("没有这条记录")
        return obj

    def has_module_permission(self, request):
        return access.has_role(request.user)

    def has_view_permission(self, request, obj=None):
        return access.has_role(request.user)

    def has_add_permission(self, request):
        return access.enters_data(request.user)

    def has_change_permission(self, request, obj=None):
        return may_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return may_change(request.user, obj)


def position_field(db_field, field):
    """A row's 顺序 may be left empty: it then goes after the rows there are (append_positions)."""
    if db_field.name == "position" and field is not None:
        field.required, field.initial = False, None
        field.help_text = "留空排在最后"
    return field


def append_positions(rows, siblings):
    """Rows left without a 顺序 go after `siblings` (the rows of the same parent), in the order entered."""
    new = [row for row in rows if row.position is None]
    if new:
        last = siblings.aggregate(last=Max("position"))["last"]
        for number, row in enumerate(new, start=0 if last is None else last + 1):
            row.position = number


class PartInline:
    """Inline mixin: the parts of a budget (or of a project) change with their parent."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return position_field(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def has_view_permission(self, request, obj=None):
        return access.has_role(request.user)

    def has_add_permission(self, request, obj=None):
        return may_change(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return may_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return may_change(request.user, obj)


class SeesRevision(forms.Form):
    """Form mixin: the revision of the budget the page showed, checked when it is saved.

    The budget's page and every page of a part of it (a line, a project with its allocation
    and indicators) carry it, so a page opened before any other save of the budget is
    refused, with who saved and when, its input kept and nothing written.
    """

    seen_revision = forms.IntegerField(label="页面显示时的修订号", widget=forms.HiddenInput, required=False)

    def budget_id(self):
        return self.instance.pk if isinstance(self.instance, Budget) else self.instance.budget_id

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.budget_id():
            self.fields["seen_revision"].initial = Budget.objects.values_list("revision", flat=True).get(pk=self.budget_id())

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            # Locked until the page's transaction ends, so a concurrent save waits, then is refused.
            stored = Budget.objects.select_for_update(of=("self",)).select_related("revised_by").get(pk=self.budget_id())
            if data.get("seen_revision") != stored.revision:
                raise forms.ValidationError(revisions.conflict_message(stored), code="stale")
        return data


def move_revision(request, budget_id, form):
    """Move the budget's revision from the one the page showed; a stale page never writes."""
    if not revisions.bump(budget_id=budget_id, by=request.user, seen=form.cleaned_data.get("seen_revision")):
        stored = Budget.objects.select_related("revised_by").get(pk=budget_id)
        raise revisions.StaleRevision(revisions.conflict_message(stored))


class MovesRevision:
    """ModelAdmin mixin for a part of a budget, whose form is a SeesRevision: saving it moves
    the budget's revision from the one its page showed; deleting moves it unconditionally."""

    def save_model(self, request, obj, form, change):
        if change:
            move_revision(request, obj.budget_id, form)  # first, so that a stale page writes nothing
        super().save_model(request, obj, form, change)
        if not change:
            revisions.bump(budget_id=obj.budget_id, by=request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        revisions.bump(budget_id=obj.budget_id, by=request.user)

    def delete_queryset(self, request, queryset):
        budget_ids = set(queryset.values_list("budget_id", flat=True))
        super().delete_queryset(request, queryset)
        for budget_id in budget_ids:
            revisions.bump(budget_id=budget_id, by=request.user)


class MaintainedBySuperusers:
    """ModelAdmin mixin of reference data (codes, organisations): superusers change it.

    `reads(user)` says who else may look at it; by default nobody.
    """

    @staticmethod
    def reads(user):
        return user.is_superuser

    def has_module_permission(self, request):
        return self.reads(request.user)

    def has_view_permission(self, request, obj=None):
        return self.reads(request.user)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
