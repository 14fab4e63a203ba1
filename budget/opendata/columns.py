"""The columns of the open-data CSV files: one list each, read by the writer (header and row
order), by datapackage.json (the Table Schema) and by the data dictionary page."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type
    title: str
    description: str
    required: bool = True


LINE_COLUMNS = [
    Column("year", "integer", "预算年度", "部门预算所属年度。"),
    Column("department_code", "string", "部门编码", "部门的稳定编码，与公开网站地址 /budgets/<部门编码>/<年度>/ 中的相同。"),
    Column("department_name", "string", "部门名称", "部门全称。"),
    Column("department_short_name", "string", "部门简称", "部门的常用简称，没有时为空。", required=False),
    Column("finance_bureau", "string", "财政部门", "审核并公开该部门预算的财政部门。"),
    Column("unit_code", "string", "预算单位编码", "明细所属的预算单位（部门本级或所属单位）。"),
    Column("unit_name", "string", "预算单位名称", "预算单位名称。"),
    Column("unit_kind", "string", "单位性质",
           "administrative 行政单位，civil_service_managed 参照公务员法管理事业单位，public_institution 事业单位，other 其他。"),
    Column("function_class_code", "string", "功能分类类级编码", "支出功能分类科目的类（3 位），明细所属的项的上级。"),
    Column("function_class_name", "string", "功能分类类级名称", "该类的名称。"),
    Column("function_code", "string", "功能分类项级编码", "支出功能分类科目的项（7 位），按该年度所用的分类科目版本。"),
    Column("function_name", "string", "功能分类项级名称", "该项的名称。"),
    Column("economic_class_code", "string", "经济分类类级编码", "部门预算支出经济分类科目的类（3 位）。"),
    Column("economic_class_name", "string", "经济分类类级名称", "该类的名称。"),
    Column("economic_code", "string", "经济分类款级编码", "部门预算支出经济分类科目的款（5 位）。"),
    Column("economic_name", "string", "经济分类款级名称", "该款的名称。"),
    Column("source", "string", "资金来源编码", "资金来源，取值见下文“资金来源”。"),
    Column("source_name", "string", "资金来源", "资金来源的名称。"),
    Column("kind", "string", "支出类型编码", "basic 基本支出，project 项目支出。"),
    Column("kind_name", "string", "支出类型", "基本支出或项目支出。"),
    Column("project_code", "string", "项目编码", "项目支出所属的项目；基本支出为空。", required=False),
    Column("project_name", "string", "项目名称", "项目名称；基本支出为空。", required=False),
    Column("amount", "number", "金额（元）", "该明细的预算金额，单位为元，保留两位小数（精确到分）。"),
    Column("classification_edition", "integer", "分类科目版本", "编码所依据的《政府收支分类科目》版本（年度）。"),
    Column("version", "integer", "公开版本", "该部门预算的第几个公开版本（更正后递增）；文件只含最新版本。"),
    Column("published_at", "date", "公开日期", "该版本在公开网站上公开的日期。"),
]

TABLE_COLUMNS = [
    Column("year", "integer", "预算年度", "部门预算所属年度。"),
    Column("department_code", "string", "部门编码", "部门的稳定编码。"),
    Column("department_name", "string", "部门名称", "部门全称。"),
    Column("table_number", "integer", "表号", "公开表的序号（表1为1）。"),
    Column("table_title", "string", "表名", "公开表的标题。"),
    Column("row", "integer", "行号", "表体中的行，从 1 起。"),
    Column("column", "integer", "列号", "表中的列，从 1 起。"),
    Column("heading", "string", "列标题", "该列的表头，多层表头以“／”连接。", required=False),
    Column("kind", "string", "单元格类型", "code 编码，label 文字，amount 金额。"),
    Column("text", "string", "显示内容",
           "单元格在公开文档中显示的内容（金额按 display_unit 所示单位，含千位分隔符；空白为空）。", required=False),
    Column("amount", "number", "金额（元）", "金额单元格的精确金额，单位为元（空白为 0.00）；非金额单元格为空。",
           required=False),
    # Added after the first columns, so that a reader of the earlier files finds them where they were.
    Column("display_unit", "string", "显示单位", "该表显示内容的金额单位：元或万元（如上海模板表1至表8为元，表9为万元）。"),
    Column("template", "string", "公开模板",
           "该部门公开所用的模板：xinjiang-2024（表1至表11）或 shanghai-2026（表1至表9）。同一表号在不同模板中是不同的表。"),
    Column("unit_code", "string", "单位预算的单位编码", "单位预算的表为该预算单位的编码；部门预算的表为空。", required=False),
    Column("unit_name", "string", "单位预算的单位名称", "单位预算的表为该预算单位的名称；部门预算的表为空。", required=False),
]
