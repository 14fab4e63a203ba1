"""The one form of a status move: an optional comment (the services decide when it is required)."""
from django import forms


class TransitionForm(forms.Form):
    comment = forms.CharField(label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
