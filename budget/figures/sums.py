"""Sums of lines grouped in the database: by any fields (`sums_by`), the tables' facts in integer
fen (`LineFacts`), by 类 (or 项) × source (`ClassSums`); and the 类' names.

Lines are summed with `Sum(filter=Q(…))` in one grouped query each, so the number of queries
never depends on the number of lines.

The document's section texts, the reviewer's queue and the consolidated view add the ClassSums
up further (by 类, by source group); the tables are pivots of the LineFacts.
"""
from collections import defaultdict
from decimal import Decimal
from functools import cached_property
from operator import itemgetter

from django.db import connections
from django.db.models import Sum
from django.db.models.functions import Substr

from budget.budgets import sources
from budget.codes.models import FunctionalSubject

ZERO = Decimal(0)
ALL = None  # a column without a filter sums every line
# The parts of spending that the tables' columns add up: 人员经费 and 公用经费 (basic lines of the
# economic classes of catalogue.PERSONNEL_CLASSES, and of the others) and 项目支出.
PARTS = ("personnel", "public", "project")


def _annotations(columns):
    return {f"c{i}": Sum("amount", filter=q) for i, q in enumerate(columns)}


def sums_by(lines, group, columns):
    """{tuple of the group fields' values: [exact sum per column]} from one grouped query;
    a column is the Q of the lines it adds up (ALL: every line)."""
    rows = lines.values(*group).annotate(**_annotations(columns)).order_by()
    return {
        tuple(row[field] for field in group): [row[f"c{i}"] or ZERO for i in range(len(columns))]
        for row in rows
    }


def fetched(values_list):
    """The rows of a values_list query, in no order, as the database driver gives them: tuples of
    ints and strings, without Django's conversion of each row (which cost more than the
    database's own work for a large budget's facts)."""
    queryset = values_list.order_by()
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class LineFacts:
    """The grouped sums of some lines that every table is a pivot of, in integer fen. Each is one
    grouped query over the lines, made when first used:

    - `items`: per functional 项, dense: one list place per fund source and part (人员经费, 公用经费,
      项目支出), so that a table's columns add up list places (`per_item_fen`);
    - `economic`: [(economic id, source, kind, fen)] per economic 款, fund source and kind, of the
      basic lines of the general budget (表6) and of every line of the 三公 codes (表10);
    - `general_projects`: [(function id, project id, economic id, fen)] of the general budget's
      project lines (表7).

    `codes` is the lines' Classification: the 人员经费 and 三公 economic 款 are named by id, so
    that the lines are summed without joining the code list. `lines` is a Line queryset filtered
    on the lines' own columns (a budget, a unit): the queries read budgets_line alone.
    """

    KEYS = [(source, part) for source in sources.Source.values for part in PARTS]
    PLACE = {key: place for place, key in enumerate(KEYS)}
    FIRST_PLACE = {source: n * len(PARTS) for n, source in enumerate(sources.Source.values)}  # its personnel place

    def __init__(self, lines, codes):
        self.lines, self.codes = lines, codes
        self._columns = {}  # Column -> column_fen

    @cached_property
    def items(self):
        """{function id: [fen per KEYS place]}."""
        personnel, params = in_list("economic_id", self.codes.personnel)
        parts = [f"kind = 'basic' AND {personnel}", f"kind = 'basic' AND NOT ({personnel})", "kind = 'project'"]
        rows = self._grouped(["function_id", "source"], parts, condition_params=params * 2)
        items, width = {}, len(self.KEYS)
        for function, source, personnel_fen, public_fen, project_fen in rows:
            vector = items.get(function) or items.setdefault(function, [0] * width)
            first = self.FIRST_PLACE[source]
            vector[first:first + 3] = personnel_fen or 0, public_fen or 0, project_fen or 0
        return items

    @cached_property
    def economic(self):
        general, general_params = in_list("source", sources.GENERAL)
        three_public, three_public_params = in_list("economic_id", self.codes.three_public)
        return self._grouped(["economic_id", "source", "kind"], where=f"((kind = 'basic' AND {general}) OR {three_public})",
                             where_params=general_params + three_public_params)

    @cached_property
    def general_projects(self):
        general, params = in_list("source", sources.GENERAL)
        return self._grouped(["function_id", "project_id", "economic_id"], where=f"kind = 'project' AND {general}",
                             where_params=params)

    @cached_property
    def _lines_where(self):
        """(SQL, params) of the lines' own filter, compiled once for the three queries."""
        query = self.lines.query
        return query.get_compiler(self.lines.db).compile(query.where)

    def _grouped(self, group, conditions=(None,), *, condition_params=(), where=None, where_params=()):
        """[(the group's values…, fen per condition…)] of the lines (those matching `where`), from
        one grouped query; a condition None adds up every line. Written as SQL: compiling these
        queries through the ORM cost more than the database's work for a budget of 1,000 lines.

        The database adds up the amounts in integer fen: exact in PostgreSQL's numeric; SQLite
        adds floats, which rounding to the fen makes as exact as Django's own Decimal sums there.
        Integers also come out of the database several times faster than Decimals."""
        lines_where, lines_params = self._lines_where
        sums = ", ".join(
            f"CAST(ROUND(SUM(amount){'' if c is None else f' FILTER (WHERE {c})'} * 100) AS BIGINT)" for c in conditions
        )
        columns = ", ".join(group)
        statement = (
            f"SELECT {columns}, {sums} FROM {self.lines.model._meta.db_table}"
            f" WHERE {lines_where}{'' if where is None else f' AND {where}'} GROUP BY {columns}"
        )
        with connections[self.lines.db].cursor() as cursor:
            cursor.execute(statement, [*condition_params, *lines_params, *where_params])
            return cursor.fetchall()

    def per_item_fen(self, columns):
        """{function id: [fen per column]}; a column adds up its `keys`, (source, part) pairs."""
        return dict(zip(self.items, map(list, zip(*map(self.column_fen, columns)))))

    def totals_fen(self, columns):
        return [sum(self.column_fen(c)) for c in columns]

    def column_fen(self, column):
        """[fen of the column per 项, in the order of `items`], added up once per column: the
        tables share many columns (every source's 合计, the general budget's …)."""
        if column not in self._columns:
            pick = _picker([self.PLACE[key] for key in column.keys])
            self._columns[column] = list(map(pick, self.items.values()))
        return self._columns[column]


def in_list(column, values):
    """("column IN (%s, …)", [values]) for a raw statement; a condition no line meets when empty."""
    values = list(values)
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _picker(places):
    """A function adding up these places of a dense list."""
    if not places:
        return lambda vector: 0
    if len(places) == 1:
        return itemgetter(places[0])
    get = itemgetter(*places)
    return lambda vector: sum(get(vector))


def fen_of(yuan):
    """Exact 元 (Decimal with at most two decimals, as lines hold them) as integer fen."""
    fen = int(scaled := yuan.scaleb(2))
    if fen != scaled:
        raise ValueError(f"{yuan} 元 is not a whole number of fen")
    return fen


def yuan_of(fen):
    """Integer fen as exact 元 with two decimals."""
    return Decimal(fen).scaleb(-2)


class ClassSums(dict):
    """{(functional code, fund source): Decimal 元} of some lines; the codes are their 类 (3 digits)
    or, from `class_sums(lines, 7)`, their 项."""

    def by_class(self, sources=None):
        """{类 code: amount} of the lines of these sources (every source when None), in code order."""
        totals = defaultdict(int)
        for (code, source), amount in self.items():
            if sources is None or source in sources:
                totals[code[:3]] += amount
        return dict(sorted(totals.items()))

    def of_sources(self, sources):
        return sum((amount for (_, source), amount in self.items() if source in sources), 0)

    def under(self, code, sources=None):
        """The lines (of these sources) under a 类, 款 or 项 code."""
        return sum((amount for (item, source), amount in self.items()
                    if item.startswith(code) and (sources is None or source in sources)), 0)


def class_sums(lines, length=3):
    """The ClassSums of `lines` by the first `length` digits of their 项, from one grouped query."""
    rows = (
        lines.annotate(prefix=Substr("function__code", 1, length)).values("prefix", "source")
        .annotate(total=Sum("amount")).order_by()
    )
    return ClassSums({(row["prefix"], row["source"]): row["total"] for row in rows})


def class_sums_by_budget(lines, length=3):
    """{budget id: ClassSums} of `lines` by the first `length` digits of their 项, from one grouped query."""
    rows = (
        lines.annotate(prefix=Substr("function__code", 1, length)).values("budget_id", "prefix", "source")
        .annotate(total=Sum("amount")).order_by()
    )
    sums = defaultdict(ClassSums)
    for row in rows:
        sums[row["budget_id"]][row["prefix"], row["source"]] = row["total"]
    return sums


def class_names(codes, editions):
    """{code: name} of the 类 `codes` in the classification `editions` (the newest edition's name wins)."""
    subjects = FunctionalSubject.objects.filter(level=1, code__in=list(codes), edition__in=editions)
    return dict(subjects.order_by("edition__year").values_list("code", "name"))


def class_label(code, names):
    """'211 节能环保支出', or the code alone when the edition does not name it."""
    return f"{code} {names.get(code, '')}".strip()
