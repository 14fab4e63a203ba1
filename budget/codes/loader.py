"""Read a code list (`code,name,level` as CSV or XLSX) and load it into an edition.

A file is checked whole before anything is written: every bad row is reported, and a file
with any fault changes nothing.
"""
import csv
import io
import zipfile
from pathlib import Path

from django.db import transaction

from .models import EconomicSubject, Edition, FunctionalSubject

KINDS = {"functional": FunctionalSubject, "economic": EconomicSubject}
# 支出功能分类 codes start with 2, 部门预算支出经济分类 codes with 3.
FIRST_DIGIT = {"functional": "2", "economic": "3"}
YEARS = range(1000, 10000)


class CodeListError(Exception):
    """The file is unusable; `faults` names every bad row."""

    def __init__(self, faults):
        super().__init__("\n".join(faults))
        self.faults = faults


def read_rows(path):
    """Return [(row number, code, name, level)] from a CSV or XLSX file with a header row."""
    path = Path(path)
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    header = [str(cell or "").strip().lower() for cell in (rows[0] if rows else [])]
    if header[:3] != ["code", "name", "level"]:
        raise CodeListError([f"第 1 行: 表头应为 code,name,level，实际为 {','.join(header)}"])
    result = []
    for number, row in enumerate(rows[1:], start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in row[:3]]
        if any(cells):
            result.append((number, *(cells + ["", "", ""])[:3]))
    return result


def _csv_rows(path):
    try:
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except UnicodeDecodeError:
        raise CodeListError(["文件不是 UTF-8 编码；请在 Excel 中另存为“CSV UTF-8”或直接提供 XLSX"])
    except csv.Error as error:
        raise CodeListError([f"不是有效的 CSV：{error}"])


def _xlsx_rows(path):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CodeListError([f"不是有效的 XLSX 文件：{error}"])
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()  # read-only workbooks keep the file open until closed


def guess_kind(codes):
    """The kind named by the codes' first digit, when the codes name exactly one."""
    kinds = {kind for kind, digit in FIRST_DIGIT.items() for code in codes if code.startswith(digit)}
    if len(kinds) != 1:
        raise CodeListError(["无法判断科目类型：功能分类编码以 2 开头，经济分类编码以 3 开头；请用 --kind 指定"])
    return kinds.pop()


def check_rows(rows, model, known=()):
    """Return {code: (name, level)} or raise with every bad row named.

    A parent may be in the file or among `known`, the codes the edition already holds.
    """
    digit = next(FIRST_DIGIT[kind] for kind, kind_model in KINDS.items() if kind_model is model)
    name_length = model._meta.get_field("name").max_length
    levels = {str(level): level for level in model.LEVELS}
    faults, subjects = [], {}
    for number, code, name, level_text in rows:
        where = f"第 {number} 行"
        level = levels.get(level_text)
        if level is None:
            faults.append(f"{where}: level 应为 {'/'.join(levels)}，实际为 {level_text!r}")
        elif not (code.isascii() and code.isdigit()) or len(code) != model.CODE_LENGTH[level]:
            faults.append(f"{where}: 编码 {code} 不是 {model.CODE_LENGTH[level]} 位数字的{model.LEVELS[level]}级编码")
        elif not code.startswith(digit):
            faults.append(f"{where}: 编码 {code} 应以 {digit} 开头（{model._meta.verbose_name}）")
        elif not name:
            faults.append(f"{where}: 名称为空")
        elif len(name) > name_length:
            faults.append(f"{where}: 名称最多 {name_length} 个字符")
        elif code in subjects:
            faults.append(f"{where}: 编码 {code} 重复")
        else:
            subjects[code] = (name, level)
    for code, (name, level) in subjects.items():
        parent = code[: model.CODE_LENGTH[level - 1]] if level > 1 else None
        if parent and parent not in subjects and parent not in known:
            faults.append(f"编码 {code}: 上级科目 {parent} 不在文件中，也不在该版本中")
    if faults:
        raise CodeListError(faults)
    return subjects


def load_code_list(*, year, path, kind=None):
    """Create or update an edition's subjects from a file; returns (kind, created, updated)."""
    if year not in YEARS:
        raise CodeListError([f"版本年度应为四位数：{year}"])
    rows = read_rows(path)
    if not rows:
        raise CodeListError(["文件中没有科目（只有表头）"])
    kind = kind or guess_kind([code for _, code, _, _ in rows])
    model = KINDS[kind]
    existing = {s.code: s for s in model.objects.filter(edition__year=year)}
    subjects = check_rows(rows, model, known=existing)
    with transaction.atomic():
        edition, _ = Edition.objects.get_or_create(year=year)
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
