"""What a publication template's document is, besides its tables: its cover, its chapters in
order, its fixed texts (名词解释, 落款) and the writers of its narrative sections.

A `Layout` is a declaration, as the tables' `Template` is (budget/tables/templates.py): a
chapter names its entry in the 目录, its heading, the include that prints it and the writer
that gives that include its content. The body template (document/body.html) only walks the
chapters, so a third template is a new Layout, with at most a few new writers and includes.
A writer takes the document's Facts and returns the chapter's content, or None when the
document has nothing to say there (a 单位预算 without functions of its own): the chapter is
then left out and the rest renumbered.
"""
from dataclasses import dataclass

from . import shanghai
from .glossary import TERMS
from .narrative import Section, explanations_of, numeral

PART = "document/chapters/"


@dataclass(frozen=True)
class Chapter:
    title: str  # the 目录 entry: "{n}" its number, "{year}", "{kind}" (部门, or 单位 for a 单位预算)
    template: str  # the include that prints it, given `content`
    write: object = None  # (facts) -> content, None to leave the chapter out
    heading: str = ""  # the heading above it when it is not the entry; "{name}": the department or unit
    tables: bool = False  # the 目录 lists the tables under its entry


@dataclass(frozen=True)
class Layout:
    chapters: tuple
    cover: str  # the include of the cover
    cover_title: str = "{year} 年部门预算"  # "{region}": the finance bureau's region
    signature: str | None = None  # the include of the 落款, if the template has one
    table_entry: str = "表 {number} {title}"  # a table's 目录 entry
    description: str = ""  # the PDF's description of its contents
    unit_documents: bool = False  # a department of several units also publishes a 单位预算 per unit


XINJIANG = Layout(
    chapters=(
        Chapter("第一部分 {year} 年部门概况", PART + "overview.html"),
        Chapter("第二部分 {year} 年部门预算公开表", PART + "tables.html", tables=True),
        Chapter("第三部分 {year} 年部门预算情况说明", PART + "sections.html", explanations_of),
        Chapter("第四部分 名词解释", PART + "glossary.html", lambda f: TERMS),
    ),
    cover="document/covers/xinjiang.html",
    signature="document/covers/signature.html",
    description="部门概况、部门预算公开表、部门预算情况说明和名词解释",
)

SHANGHAI = Layout(
    chapters=(
        Chapter("{n}、{kind}主要职能", PART + "texts.html", shanghai.functions, heading="{name}主要职能"),
        Chapter("{n}、{kind}机构设置", PART + "texts.html", shanghai.structure, heading="{name}机构设置"),
        Chapter("{n}、名词解释", PART + "terms.html", shanghai.terms, heading="名词解释"),
        Chapter("{n}、{kind}预算编制说明", PART + "sections.html", shanghai.preparation,
                heading="{year}年{kind}预算编制说明"),
        Chapter("{n}、{kind}预算表", PART + "tables.html", heading="{year}年{kind}预算表", tables=True),
        Chapter("{n}、其他相关情况说明", PART + "sections.html", shanghai.other_matters, heading="其他相关情况说明"),
        Chapter("{n}、项目经费情况说明", PART + "sections.html", shanghai.projects, heading="项目经费情况说明"),
    ),
    cover="document/covers/shanghai.html",
    cover_title="{region}{year}年区级{kind}预算",
    table_entry="{number}. {title}",
    description="主要职能、机构设置、名词解释、预算编制说明、预算表、其他相关情况说明和项目经费情况说明",
    unit_documents=True,
)

LAYOUTS = {"xinjiang-2024": XINJIANG, "shanghai-2026": SHANGHAI}


@dataclass
class Written:
    """A chapter as the body prints it: numbered, its texts filled in, its content written."""

    title: str
    heading: str
    template: str
    content: object
    tables: bool


def written_chapters(layout, facts):
    """The layout's chapters that have something to say, numbered in order."""
    kind = "部门" if facts.unit is None else "单位"
    words = {"year": facts.year, "kind": kind, "name": facts.name}
    written = []
    for chapter in layout.chapters:
        content = chapter.write(facts) if chapter.write else None
        if chapter.write and content is None:
            continue
        title = chapter.title.format(n=numeral(len(written) + 1), **words)
        written.append(Written(title, chapter.heading.format(**words) or title, chapter.template, content,
                               chapter.tables))
    return written


def sections_of(written):
    """Every narrative Section of the written chapters, in order (xinjiang-2024: 第三部分's twelve)."""
    return [part for chapter in written if isinstance(chapter.content, list)
            for part in chapter.content if isinstance(part, Section)]


def region(bureau_name):
    """'上海市普陀区' of '上海市普陀区财政局': the cover names the region whose budget it is."""
    return bureau_name.removesuffix("财政局")
