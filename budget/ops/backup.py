"""Backup and restore of everything the product holds, as files a person can read.

`export_all(output=DIR)` writes DIR/budgets/<code>-<year>.json (budget-exchange/1), every
published file under DIR/publications/… exactly as stored, and DIR/manifest.json: bureaus,
departments, users with their profiles (password hashes only when asked), each budget's
status and history (with what each 报送 submitted, under DIR/submissions/), the bureaus'
deadlines, and each publication's metadata. `import_all(source=DIR)` restores them
into a freshly migrated database, so the public pages come back byte for byte.
"""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.db import transaction
from django.utils.dateparse import parse_datetime

from budget.budgets.models import Budget
from budget.exchange.reader import ExchangeError
from budget.figures.models import PublishedMetrics
from budget.exchange.services import budget_export, budget_import, parse_json, parse_strict_json
from budget.orgs.models import DEFAULT_TEMPLATE, Deadline, Department, FinanceBureau, Profile
from budget.workflow.models import Publication, StatusChange, Submission, UnitDocument
from budget.workflow.snapshot import as_json

FORMAT = "budget-backup/1"
FILE_FIELDS = ["body_html", "exchange_json", "tables_json", "tables_xlsx", "pdf"]
UNIT_FILE_FIELDS = ["body_html", "tables_json", "tables_xlsx", "pdf"]  # a 单位预算's (UnitDocument)
READABLE = 2  # a backup is read by people: indented JSON
DEADLINE_FIELDS = ["year", "submit_by", "approved_on", "publish_by"]
USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser",
               "date_joined"]


class NotEmpty(Exception):
    """The database already holds budgets, departments or users."""


class InvalidBackup(ValueError):
    """A file of the backup is refused: its message names the file and every fault."""


def read_json(path, parse):
    """`parse` (exchange.services) of the file's text; a refusal names the file."""
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidBackup(f"{path.name}: 无法读取（{error}）")
    except ExchangeError as error:
        raise InvalidBackup(f"{path.name}: " + "；".join(error.faults))


def export_all(*, output, with_passwords=False):
    output = Path(output)
    (output / "budgets").mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": FORMAT,
        "bureaus": list(FinanceBureau.objects.order_by("name").values_list("name", flat=True)),
        "bureau_templates": dict(FinanceBureau.objects.values_list("name", "template")),
        "deadlines": [_deadline(d) for d in Deadline.objects.select_related("bureau").order_by("bureau__name", "year")],
        "departments": [
            {"code": d.code, "name": d.name, "bureau": d.bureau.name}
            for d in Department.objects.select_related("bureau").order_by("code")
        ],
        "users": [_user(user, with_passwords) for user in get_user_model().objects.order_by("username")],
        "budgets": [_budget(budget, output) for budget in Budget.objects.select_related("department").order_by(
            "department__code", "year")],
    }
    (output / "manifest.json").write_bytes(as_json(manifest, indent=READABLE))
    return manifest


def _deadline(deadline):
    dates = {field: getattr(deadline, field) for field in DEADLINE_FIELDS if field != "year"}
    return {"bureau": deadline.bureau.name, "year": deadline.year,
            **{field: day.isoformat() if day else None for field, day in dates.items()}}


def _user(user, with_passwords):
    profile = getattr(user, "profile", None)
    data = {field: getattr(user, field) for field in USER_FIELDS}
    data["date_joined"] = user.date_joined.isoformat()
    data["department"] = profile.department.code if profile and profile.department else None
    data["bureau"] = profile.bureau.name if profile and profile.bureau else None
    data["amount_unit"] = profile.amount_unit if profile else None
    if with_passwords:
        data["password"] = user.password
    return data


def _budget(budget, output):
    name = f"budgets/{budget.department.code}-{budget.year}.json"
    (output / name).write_bytes(as_json(budget_export(budget=budget), indent=READABLE))
    return {
        "department": budget.department.code,
        "year": budget.year,
        "status": budget.status,
        "file": name,
        "history": [_status_change(c, f"{budget.department.code}-{budget.year}", output)
                    for c in budget.status_changes.select_related("by", "submission")],
        "publications": [_publication(p, output) for p in budget.publications.select_related("by").order_by("version")],
        # What each version published said: the next year's 上年预算数 read them (budget/figures).
        "published_metrics": [{"version": m.version, "figures": m.figures, "recorded_at": m.recorded_at.isoformat()}
                              for m in budget.published_metrics.order_by("version")],
    }


def _status_change(change, budget_name, output):
    entry = {"source": change.source, "target": change.target, "by": change.by.username, "at": change.at.isoformat(),
             "comment": change.comment}
    submission = getattr(change, "submission", None)
    if submission:  # what the department submitted: the reviewer's next diff compares with it
        entry["submission"] = name = f"submissions/{budget_name}-{change.pk}.json"
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(as_json(submission.document, indent=READABLE))
    return entry


def _copied_files(instance, fields, output):
    """{field: stored name} of the instance's files, each copied under `output` as stored."""
    files = {}
    for field in fields:
        stored = getattr(instance, field)
        if stored:
            target = output / stored.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with stored.open("rb") as source:
                target.write_bytes(source.read())
            files[field] = stored.name
    return files


def _publication(publication, output):
    units = [{"code": d.code, "name": d.name, "files": _copied_files(d, UNIT_FILE_FIELDS, output)}
             for d in publication.unit_documents.all()]
    return {
        "version": publication.version, "published_at": publication.published_at.isoformat(),
        "by": publication.by.username, "note": publication.note, "department_code": publication.department_code,
        "department_name": publication.department_name, "year": publication.year, "chart": publication.chart,
        "render_state": publication.render_state, "render_error": publication.render_error,
        "template": publication.template, "files": _copied_files(publication, FILE_FIELDS, output), "units": units,
    }


def is_empty():
    return not (Budget.objects.exists() or Department.objects.exists() or get_user_model().objects.exists())


def import_all(*, source, force=False):
    """Restore a backup; refuses a database that is not empty unless `force` (then budgets,
    their history and publications are replaced, organisations and users updated)."""
    source = Path(source)
    manifest = read_json(source / "manifest.json", parse_strict_json)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InvalidBackup(f"manifest.json: 不是 {FORMAT} 备份")
    if not force and not is_empty():
        raise NotEmpty("数据库不是空的：已有预算、部门或用户")
    with transaction.atomic():
        if force:
            Publication.objects.all().delete()
            StatusChange.objects.all().delete()
            Budget.objects.all().delete()
        _restore_organisations(manifest)
        users = _restore_users(manifest["users"])
        for entry in manifest["budgets"]:
            _restore_budget(source, entry, users)
    return manifest


def _restore_organisations(manifest):
    templates = manifest.get("bureau_templates", {})
    bureaus = {name: FinanceBureau.objects.update_or_create(
        name=name, defaults={"template": templates.get(name, DEFAULT_TEMPLATE)})[0] for name in manifest["bureaus"]}
    for d in manifest["departments"]:
        Department.objects.update_or_create(code=d["code"], defaults={"name": d["name"], "bureau": bureaus[d["bureau"]]})
    for d in manifest.get("deadlines", []):  # backups before deadlines existed have none
        Deadline.objects.update_or_create(bureau=bureaus[d["bureau"]], year=d["year"], defaults={
            field: d[field] for field in DEADLINE_FIELDS if field != "year"})


def _restore_users(entries):
    users = {}
    for data in entries:
        fields = {field: data[field] for field in USER_FIELDS if field != "username"}
        fields["date_joined"] = parse_datetime(data["date_joined"])
        user, _ = get_user_model().objects.update_or_create(username=data["username"], defaults=fields)
        if data.get("password"):
            user.password = data["password"]
        else:
            user.set_unusable_password()  # to be set again by an administrator (changepassword)
        user.save()
        if data["department"] or data["bureau"]:
            Profile.objects.update_or_create(user=user, defaults={
                "department": Department.objects.filter(code=data["department"]).first(),
                "bureau": FinanceBureau.objects.filter(name=data["bureau"]).first(),
                "amount_unit": data["amount_unit"],
            })
        users[user.username] = user
    return users


def _restore_budget(source, entry, users):
    path = source / entry["file"]
    try:
        budget = budget_import(data=read_json(path, parse_json))
    except ExchangeError as error:  # the exchange reader's refusal of a field
        raise InvalidBackup(f"{entry['file']}: " + "；".join(error.faults))
    Budget.objects.filter(pk=budget.pk).update(status=entry["status"])
    for c in entry["history"]:
        change = StatusChange.objects.create(budget=budget, source=c["source"], target=c["target"], by=users[c["by"]],
                                             at=parse_datetime(c["at"]), comment=c["comment"])
        if c.get("submission"):
            Submission.objects.create(change=change, document=read_json(source / c["submission"], parse_strict_json))
    PublishedMetrics.objects.bulk_create(
        PublishedMetrics(budget=budget, version=m["version"], figures=m["figures"], recorded_at=parse_datetime(m["recorded_at"]))
        for m in entry.get("published_metrics", [])
    )
    for p in entry["publications"]:
        publication = Publication(
            budget=budget, version=p["version"], published_at=parse_datetime(p["published_at"]), by=users[p["by"]],
            note=p["note"], department_code=p["department_code"], department_name=p["department_name"],
            year=p["year"], chart=p["chart"], render_state=p["render_state"], render_error=p["render_error"],
            template=p.get("template", DEFAULT_TEMPLATE),
        )
        _restore_files(publication, p["files"], source)
        for position, unit in enumerate(p.get("units", [])):
            document = UnitDocument(publication=publication, position=position, code=unit["code"], name=unit["name"])
            _restore_files(document, unit["files"], source)


def _restore_files(instance, files, source):
    """Store the backed-up files of `instance` under their names, then save it."""
    for field, name in files.items():
        with (source / name).open("rb") as content:
            getattr(instance, field).save(Path(name).name, File(content), save=False)
    instance.save()
