from django.core.management.base import BaseCommand, CommandError

from budget.budgets.models import Budget
from budget.nextyear.services import NextYearError, next_budget, start_next_year
from budget.orgs.models import Department


class Command(BaseCommand):
    help = (
        "Start the budgets of YEAR + 1 from those of YEAR, for one department or every department "
        "of a finance bureau that has none for YEAR + 1 yet; reports what was copied and which "
        "codes the new classification edition lacks (their lines are not copied unless --map names "
        "a new code)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the year to start from")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--department", help="department code")
        which.add_argument("--bureau", help="finance bureau name")
        parser.add_argument("--with-lines", action="store_true", help="copy the lines as a starting point")
        parser.add_argument("--no-projects", action="store_true", help="copy no project (default: every project)")
        parser.add_argument("--map", action="append", default=[], metavar="OLD=NEW",
                            help="a code the new edition lacks and the code its lines take (repeatable)")

    def handle(self, *args, **options):
        mapping = parse_mapping(options["map"])
        budgets = source_budgets(options)
        for department in without_source(options) if options["bureau"] else []:
            self.stdout.write(f"未编制 {department.code} {department.name}：没有 {options['year']} 年预算可作起点")
        failed = 0
        for budget in budgets:
            existing = next_budget(budget)
            if existing:
                self.stdout.write(f"跳过 {existing}：已存在（{existing.get_status_display()}）")
                continue
            try:
                outcome = start_next_year(
                    budget=budget, continuing=[] if options["no_projects"] else budget.projects.values_list("code", flat=True),
                    with_lines=options["with_lines"], mapping=mapping, leave_unmapped=True,
                )
            except NextYearError as error:
                failed += 1
                self.stdout.write(f"未编制 {budget.department.code} {budget.department.name} {budget.year + 1} 年预算：")
                for message in error.messages:
                    self.stdout.write(f"  {message}")
                continue
            self.stdout.write(f"已编制 {outcome.budget}：{outcome.summary()}")
            for note in outcome.left_out:
                self.stdout.write(f"  {note}")
        if failed:
            raise CommandError(f"{failed} 个部门未能编制 {options['year'] + 1} 年预算，原因见上")


def parse_mapping(pairs):
    """{(column, old): new} from OLD=NEW pairs; the code's length says which column it is."""
    mapping = {}
    for pair in pairs:
        old, _, new = pair.partition("=")
        old, new = old.strip(), new.strip()
        column = {(7, "2"): "function", (5, "3"): "economic"}.get((len(old), old[:1]))
        if not (old.isdigit() and new and column):
            raise CommandError(f"--map {pair}：应为 旧编码=新编码（功能分类项 7 位，经济分类款 5 位）")
        mapping[column, old] = new
    return mapping


def source_budgets(options):
    """The budgets of --year to start from: the department's, or those of the bureau's departments
    that have none for the year after (the others are named and left alone)."""
    budgets = Budget.objects.select_related("department", "edition").filter(year=options["year"])
    if options["department"]:
        budgets = budgets.filter(department__code=options["department"])
        if not budgets:
            raise CommandError(f"没有部门 {options['department']} 的 {options['year']} 年预算")
        return list(budgets)
    budgets = list(budgets.filter(department__bureau__name=options["bureau"]).order_by("department__code"))
    if not budgets:
        raise CommandError(f"财政部门“{options['bureau']}”没有 {options['year']} 年的部门预算")
    return budgets


def without_source(options):
    """The bureau's departments that have no budget of --year to start from (nor one of the year after)."""
    year = options["year"]
    return Department.objects.filter(bureau__name=options["bureau"]).exclude(
        budgets__year__in=[year, year + 1]).order_by("code")
