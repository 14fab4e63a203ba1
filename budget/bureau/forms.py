"""The bureau's deadline form: dates checked against each other and against the 20-day rule."""
from django import forms

from budget.orgs.models import PUBLISH_WITHIN, Deadline


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["submit_by", "approved_on", "publish_by"]
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ["submit_by", "approved_on", "publish_by"]}

    def clean(self):
        data = super().clean()
        submit_by, approved_on, publish_by = (data.get(k) for k in ("submit_by", "approved_on", "publish_by"))
        if approved_on and not publish_by:
            data["publish_by"] = publish_by = approved_on + PUBLISH_WITHIN
        if approved_on and publish_by and publish_by > approved_on + PUBLISH_WITHIN:
            self.add_error("publish_by", f"预算批复后 20 日内公开：公开截止日期不能晚于 {approved_on + PUBLISH_WITHIN:%Y-%m-%d}")
        if submit_by and publish_by and publish_by < submit_by:
            self.add_error("publish_by", "公开截止日期不能早于报送截止日期")
        return data
