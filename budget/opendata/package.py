"""datapackage.json: the bundle's files as a Frictionless Data Package whose `model` is that of
a Fiscal Data Package (OpenSpending): the amount measure of the approved budget, and its
administrative, functional and economic classifications, fund source and project."""
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .columns import LINE_COLUMNS, TABLE_COLUMNS

LICENSES = {
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/", "知识共享署名 4.0 国际许可协议（CC BY 4.0）"),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/", "知识共享 CC0 1.0 公共领域贡献"),
    "ODC-BY-1.0": ("https://opendatacommons.org/licenses/by/1-0/", "开放数据共享署名许可协议 1.0（ODC-By）"),
}


def data_license():
    """{name, path, title} of the licence the installation publishes under (OPEN_DATA_LICENSE)."""
    name = settings.OPEN_DATA_LICENSE
    if name not in LICENSES:
        raise ImproperlyConfigured(f"OPEN_DATA_LICENSE: {name!r} is none of {', '.join(LICENSES)}")
    path, title = LICENSES[name]
    return {"name": name, "path": path, "title": title}


def schema(columns):
    return {"fields": [
        {"name": c.name, "type": c.type, "title": c.title, "description": c.description,
         **({"constraints": {"required": True}} if c.required else {})}
        for c in columns
    ]}


def resource(name, columns, title):
    return {
        "name": name.removesuffix(".csv"), "path": name, "title": title, "profile": "tabular-data-resource",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema(columns),
    }


def classification(kind, levels):
    """A classification dimension of the model: attributes {level code, level name} per level."""
    attributes = {}
    for level, code, name in levels:
        attributes[f"{level}_code"] = {"source": code}
        attributes[f"{level}_name"] = {"source": name, "labelfor": f"{level}_code"}
    return {"dimensionType": "classification", "classificationType": kind, "attributes": attributes,
            "primaryKey": [f"{levels[-1][0]}_code"]}


def fdp_model():
    return {
        "measures": {
            "amount": {"source": "amount", "currency": "CNY", "factor": 1, "direction": "expenditure",
                       "phase": "approved"},
        },
        "dimensions": {
            "fiscal-year": {"dimensionType": "datetime", "attributes": {"year": {"source": "year"}},
                            "primaryKey": ["year"]},
            "administrative-classification": classification("administrative", [
                ("department", "department_code", "department_name"), ("unit", "unit_code", "unit_name"),
            ]),
            "functional-classification": classification("functional", [
                ("class", "function_class_code", "function_class_name"), ("item", "function_code", "function_name"),
            ]),
            "economic-classification": classification("economic", [
                ("class", "economic_class_code", "economic_class_name"), ("item", "economic_code", "economic_name"),
            ]),
            "fund-source": {"dimensionType": "other", "attributes": {
                "code": {"source": "source"}, "name": {"source": "source_name", "labelfor": "code"}},
                "primaryKey": ["code"]},
            "expenditure-kind": {"dimensionType": "other", "attributes": {
                "code": {"source": "kind"}, "name": {"source": "kind_name", "labelfor": "code"}},
                "primaryKey": ["code"]},
            "project": {"dimensionType": "activity", "attributes": {
                "code": {"source": "project_code"}, "name": {"source": "project_name", "labelfor": "code"}},
                "primaryKey": ["code"]},
        },
    }


def datapackage(*, year, bureau, files, editions):
    """The descriptor of a bundle holding `files` (lines.csv and table-NN.csv)."""
    scope = f"{bureau.name}所属部门" if bureau else "全部部门"
    resources = [
        resource(name, LINE_COLUMNS, "预算明细（每行一条明细，金额为元）") if name == "lines.csv"
        else resource(name, TABLE_COLUMNS, f"公开表 表{int(name[6:8])}（逐单元格）")
        for name in files
    ]
    return {
        "name": f"budgets-{year}" + (f"-bureau-{bureau.pk}" if bureau else ""),
        "title": f"{year} 年部门预算公开数据（{scope}）",
        "description": f"{year} 年公开的{scope}部门预算（每个部门的最新公开版本），批复预算数。字段说明见公开网站 /data/。",
        "licenses": [data_license()],
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "countryCode": "CN",
        "granularity": "aggregated",
        "classificationEditions": editions,
        "resources": resources,
        "model": fdp_model(),
    }
