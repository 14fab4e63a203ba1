"""The code of a subject as a line refers to it: in the budget's edition, at the line's level.

One check for every input of lines (the exchange reader, the Excel sheet), with one message.
"""


class CodeError(ValueError):
    """A code refused; the message says why, the caller adds where (cell, JSON path)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def subjects_by_code(model, edition_id):
    """{code: (id, level)} of the subjects of `model` (FunctionalSubject, EconomicSubject) in an edition."""
    rows = model.objects.filter(edition_id=edition_id).values_list("id", "code", "level")
    return {code: (pk, level) for pk, code, level in rows}


def subject_id(code, subjects, *, model, level, edition_year):
    """The id of the subject `code` among `subjects` ({code: (id, level, …)}, as subjects_by_code
    gives them), or CodeError when the
    edition has no such code or has it at another level than `level`."""
    if code not in subjects:
        raise CodeError(f"未知编码 {code}：{edition_year} 年版{model._meta.verbose_name}中没有此编码")
    pk, found = subjects[code][:2]
    if found != level:
        raise CodeError(f"{code} 是{model.LEVELS[found]}级科目，此处应填{model.LEVELS[level]}级科目")
    return pk
