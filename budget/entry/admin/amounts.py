"""Amounts in the admin: typed and shown in 万元 (or 元, by the user's choice), stored in 元.

万元 with two decimals is a granularity of 100 元, so more decimals are refused in 万元;
an amount already stored with fen is shown exactly and accepted back unchanged.
"""
from decimal import Decimal
from functools import cache

from django import forms
from django.core.exceptions import ValidationError

from budget.figures.money import AmountError, exact, format_wan, parse_amount
from budget.orgs.models import Profile

Unit = Profile.AmountUnit


def unit_of(user):
    profile = getattr(user, "profile", None)
    return Unit(profile.amount_unit) if profile else Unit.WAN_YUAN


def in_unit(yuan, unit):
    """'2448.62' for 24486200 元 in 万元: exact, with at least two decimals."""
    return exact(yuan, unit)


def shown(yuan, unit):
    """For reading: thousands separators; 万元 rounded to two decimals like the document."""
    if yuan is None:
        return ""
    return format_wan(yuan) if unit == Unit.WAN_YUAN else f"{yuan:,.2f}"


class AmountField(forms.DecimalField):
    """An amount typed in `unit`, cleaned to exact 元 with two decimals."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "amount", "size": 14})

    def __init__(self, *, unit=Unit.WAN_YUAN, **kwargs):
        self.unit = Unit(unit)
        self.stored = None  # the instance's amount, accepted back even with more decimals
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value, unit=self.unit, keep=self.stored)
        except AmountError as error:
            hint = "；需要精确到分请在“人员归属”中改用元" if error.code == "max_decimal_places" and self.unit == Unit.WAN_YUAN else ""
            raise ValidationError(error.message + hint, code=error.code)

    def validate(self, value):
        forms.Field.validate(self, value)

    def prepare_value(self, value):
        return in_unit(value, self.unit) if isinstance(value, (Decimal, int)) else value


class AmountsForm(forms.ModelForm):
    """A model form whose amount fields accept the stored amount back exactly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, AmountField) and self.instance.pk:
                field.stored = getattr(self.instance, name)


@cache
def amount_display(name, label, unit):
    """A read-only column showing `name` in `unit` (one function per field and unit)."""

    def display(obj):
        return shown(getattr(obj, name), unit)

    display.short_description = f"{label}（{Unit(unit).label}）"
    display.__name__ = f"{name}_{unit}"
    return display


class AmountsAdmin:
    """ModelAdmin or inline mixin for the models whose `amount_fields` hold 元.

    Editing, those fields take the user's unit; read only, they show it.
    """

    amount_fields = ()
    form = AmountsForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.amount_fields:
            unit = unit_of(request.user)
            # A nullable amount may stay empty: not published (exchange format revision 2).
            return AmountField(unit=unit, label=f"{db_field.verbose_name}（{unit.label}）", required=not db_field.null,
                               help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def read_only(self, request, obj):
        return not self.has_change_permission(request, obj)

    def displays(self, request):
        return {name: amount_display(name, self.model._meta.get_field(name).verbose_name, unit_of(request.user))
                for name in self.amount_fields}

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not self.read_only(request, obj):
            return fields
        displays = self.displays(request)
        return [displays.get(name, name) for name in fields]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.read_only(request, obj):
            readonly += self.displays(request).values()
        return readonly
