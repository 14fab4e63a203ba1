"""Writing one open-data ZIP from the published snapshots (never from the editable budgets):
lines.csv, one CSV per table number and datapackage.json."""
import csv
import json
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, Max
from django.utils.timezone import localdate

from budget.budgets.sources import Source
from budget.codes.models import EconomicSubject, FunctionalSubject
from budget.workflow.models import Publication

from .columns import LINE_COLUMNS, TABLE_COLUMNS
from .headings import column_headings
from .package import datapackage

LINES_FILE = "lines.csv"
UNIT_FACTOR = {"yuan": Decimal(1), "wan_yuan": Decimal(10000)}
CENT = Decimal("0.01")
KINDS = {"basic": "基本支出", "project": "项目支出"}
SOURCES = dict(Source.choices)


def table_file(number):
    return f"table-{number:02d}.csv"


def published(year, bureau=None):
    """The latest shown version of every budget of `year` (of `bureau`'s departments), by code."""
    publications = Publication.done.latest_versions().filter(year=year)
    if bureau is not None:
        publications = publications.filter(budget__department__bureau=bureau)
    return publications.order_by("department_code")


def fingerprint(year, bureau=None):
    """Names what a bundle holds: the shown versions' count and newest id (a version, once shown,
    never changes nor goes)."""
    numbers = published(year, bureau).aggregate(count=Count("id"), last=Max("id"))
    return f"{numbers['count']}.{numbers['last'] or 0}"


def write_bundle(target, *, year, bureau=None):
    """Write the ZIP to the binary file `target`; returns how many budgets it holds."""
    publications = list(published(year, bureau).prefetch_related("unit_documents"))
    with tempfile.TemporaryDirectory() as work:
        writers = CsvFiles(Path(work))
        names = CodeNames()
        for publication in publications:
            exchange = read_json(publication.exchange_json)
            write_lines(writers.get(LINES_FILE, LINE_COLUMNS), publication, exchange, names)
            for document in [publication, *publication.unit_documents.all()]:
                write_tables(writers, publication, read_json(document.tables_json))
        files = writers.close()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in files:
                archive.write(Path(work) / name, name)
            package = datapackage(year=year, bureau=bureau, files=files, editions=sorted(names.editions))
            archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    return len(publications)


def read_json(field):
    with field.open("rb") as file:
        return json.loads(file.read().decode("utf-8"))


class CsvFiles:
    """The CSV files of a bundle being written, each opened when its first row comes."""

    def __init__(self, directory):
        self.directory, self.open = directory, {}

    def get(self, name, columns):
        if name not in self.open:
            # UTF-8 with a byte order mark, so that Excel reads the Chinese text right.
            file = (self.directory / name).open("w", encoding="utf-8-sig", newline="")
            writer = csv.writer(file)
            writer.writerow([column.name for column in columns])
            self.open[name] = (file, writer)
        return self.open[name][1]

    def close(self):
        for file, _ in self.open.values():
            file.close()
        return sorted(self.open, key=lambda name: (name != LINES_FILE, name))


class CodeNames:
    """Names of the classification codes, loaded once per edition."""

    def __init__(self):
        self.editions = {}

    def __call__(self, edition):
        if edition not in self.editions:
            self.editions[edition] = {
                model: dict(model.objects.filter(edition__year=edition).values_list("code", "name"))
                for model in (FunctionalSubject, EconomicSubject)
            }
        return self.editions[edition]


def write_lines(writer, publication, exchange, names):
    department = exchange["department"]
    units = {unit["code"]: unit for unit in department["units"]}
    projects = {project["code"]: project["name"] for project in exchange["projects"]}
    edition = exchange["classification_edition"]
    codes = names(edition)
    functions, economics = codes[FunctionalSubject], codes[EconomicSubject]
    factor = UNIT_FACTOR[exchange["amount_unit"]]
    for line in exchange["lines"]:
        unit, function, economic = units[line["unit"]], line["function"], line["economic"]
        project = line.get("project")
        writer.writerow([
            exchange["year"], department["code"], department["name"], department.get("short_name", ""),
            department["finance_bureau"], unit["code"], unit["name"], unit["kind"],
            function[:3], functions.get(function[:3], ""), function, functions.get(function, ""),
            economic[:3], economics.get(economic[:3], ""), economic, economics.get(economic, ""),
            line["source"], SOURCES.get(line["source"], ""), line["kind"], KINDS[line["kind"]],
            project or "", projects.get(project, ""),
            (Decimal(line["amount"]) * factor).quantize(CENT), edition,
            publication.version, localdate(publication.published_at).isoformat(),
        ])


def write_tables(writers, publication, document):
    """The tables of a budget-tables/1 document: the department's, or one unit's 单位预算."""
    unit = document.get("unit") or {"code": "", "name": ""}
    about = [document.get("template", publication.template), unit["code"], unit["name"]]
    for table in document["tables"]:
        shown_in = table.get("unit", document["amount_unit"])
        write_table(writers.get(table_file(table["number"]), TABLE_COLUMNS), publication, table, [shown_in, *about])


def write_table(writer, publication, table, about):
    """One row per cell; `about`: the values of the columns after `amount` (unit shown, template, unit)."""
    headings = column_headings(table["header"])
    values = table.get("values")  # revision 2; a version published before it has none
    for r, cells in enumerate(table["rows"]):
        for c, (text, kind) in enumerate(zip(cells, table["kinds"])):
            amount = values[r][c] if values else None
            writer.writerow([
                publication.year, publication.department_code, publication.department_name, table["number"],
                table["title"], r + 1, c + 1, headings[c] if c < len(headings) else "", kind, text,
                "" if amount is None else amount, *about,
            ])
