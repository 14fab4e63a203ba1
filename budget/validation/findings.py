"""What a validation rule reports: a `Finding` at a `Location`, and the registry of rules."""
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告"}


@dataclass(frozen=True)
class Location:
    """A part of the budget: `part` names it (a model's related name: "lines", "projects",
    "overview", …), `pk` the row when the part has rows, `field` the field when one is meant.

    Written `lines[17].function`, `overview.structure`, `projects[3]`.
    """

    part: str
    pk: int | None = None
    field: str = ""

    def __str__(self):
        text = self.part if self.pk is None else f"{self.part}[{self.pk}]"
        return f"{text}.{self.field}" if self.field else text


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    location: Location

    @property
    def is_error(self):
        return self.severity == ERROR

    def __str__(self):
        return f"{self.message}（{self.location}）"

    def as_dict(self):
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "location": str(self.location)}


@dataclass(frozen=True)
class Rule:
    """A named check: `check(subject)` yields (message, Location) pairs, or (message, Location,
    severity) where a setting decides the severity. `reason` says why the rule exists."""

    id: str
    severity: str
    title: str
    reason: str
    check: object

    def run(self, subject):
        return [Finding(self.id, *(found[2:] or [self.severity]), *found[:2]) for found in self.check(subject)]


RULES = []


def rule(id, severity, title, reason):
    """Register the decorated check in RULES, in the order of definition."""

    def register(check):
        RULES.append(Rule(id, severity, title, reason, check))
        return check

    return register
