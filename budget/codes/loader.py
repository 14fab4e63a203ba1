"""Read a code list (`code,name,level` as CSV or XLSX) and load it into an edition."""
import csv
import io
from pathlib import Path

from django.db import transaction

from .models import EconomicSubject, Edition, FunctionalSubject

KINDS = {"functional": FunctionalSubject, "economic": EconomicSubject}


class CodeListError(Exception):
    """The file is unusable; `faults` names every bad row."""

    def __init__(self, faults):
        super().__init__("\n".join(faults))
        self.faults = faults


def read_rows(path):
    """Yield (row number, code, name, level) from a CSV or XLSX file with a header row."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
    else:
        rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    header = [str(cell or "").strip().lower() for cell in next(rows, [])]
    if header[:3] != ["code", "name", "level"]:
        raise CodeListError([f"第 1 行: 表头应为 code,name,level，实际为 {','.join(header)}"])
    for number, row in enumerate(rows, start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in row[:3]]
        if any(cells):
            yield number, *(cells + ["", "", ""])[:3]


def guess_kind(codes):
    first_digits = {code[:1] for code in codes}
    if first_digits == {"2"}:
        return "functional"
    if first_digits == {"3"}:
        return "economic"
    raise CodeListError(["无法判断科目类型：功能分类编码以 2 开头，经济分类编码以 3 开头；请用 --kind 指定"])


def check_rows(rows, model):
    """Return {code: (name, level)} or raise with every bad row named."""
    faults, subjects = [], {}
    for number, code, name, level in rows:
        where = f"第 {number} 行"
        level = int(level) if level.isdigit() else None
        if level not in model.LEVELS:
            faults.append(f"{where}: level 应为 {'/'.join(map(str, model.LEVELS))}")
        elif not code.isdigit() or len(code) != model.CODE_LENGTH[level]:
            faults.append(f"{where}: 编码 {code} 不是 {model.CODE_LENGTH[level]} 位数字的{model.LEVELS[level]}级编码")
        elif not name:
            faults.append(f"{where}: 名称为空")
        elif code in subjects:
            faults.append(f"{where}: 编码 {code} 重复")
        else:
            subjects[code] = (name, level)
    for code, (name, level) in subjects.items():
        parent = code[: model.CODE_LENGTH[level - 1]] if level > 1 else None
        if parent and parent not in subjects:
            faults.append(f"编码 {code}: 上级科目 {parent} 不在文件中")
    if faults:
        raise CodeListError(faults)
    return subjects


def load_code_list(*, year, path, kind=None):
    """Create or update an edition's subjects from a file; returns (kind, created, updated)."""
    rows = list(read_rows(path))
    kind = kind or guess_kind([code for _, code, _, _ in rows])
    model = KINDS[kind]
    subjects = check_rows(rows, model)
    with transaction.atomic():
        edition, _ = Edition.objects.get_or_create(year=year)
        existing = {s.code: s for s in model.objects.filter(edition=edition)}
        changed = []
        for code, (name, level) in subjects.items():
            subject = existing.get(code)
            if subject and (subject.name, subject.level) != (name, level):
                subject.name, subject.level = name, level
                changed.append(subject)
        model.objects.bulk_update(changed, ["name", "level"])
        new = [
            model(edition=edition, code=code, name=name, level=level)
            for code, (name, level) in subjects.items()
            if code not in existing
        ]
        model.objects.bulk_create(new)
    return kind, len(new), len(changed)
