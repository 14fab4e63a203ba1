"""The shape of the code (docs/architecture.md): apps in layers that import only downwards,
and functions short enough to read in one sitting."""
import ast
from pathlib import Path

BUDGET = Path(__file__).resolve().parent.parent / "budget"
# Lowest first; an app imports only from apps of lower layers (and from itself).
LAYERS = [
    {"codes", "orgs", "security"},
    {"budgets"},
    {"figures"},
    {"exchange", "tables", "audit"},
    {"document"},
    {"validation"},
    {"workflow"},
    {"bureau", "entry", "nextyear", "opendata", "demo", "ops"},
    {"public"},
]
LAYER = {app: n for n, apps in enumerate(LAYERS) for app in apps}
PROJECT_MODULES = {"settings", "urls", "celery", "wsgi"}  # the project's own, above or beside every app
MAX_FUNCTION_LINES = 50


def sources():
    return [path for path in sorted(BUDGET.rglob("*.py")) if "migrations" not in path.parts]


def app_of(path):
    return path.relative_to(BUDGET).parts[0].removesuffix(".py")


def imported_apps(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        yield from (name.split(".")[1] for name in names if name.startswith("budget."))


def test_it_places_every_app_in_a_layer():
    apps = {app_of(path) for path in sources()} - PROJECT_MODULES - {"__init__"}
    assert apps == set(LAYER)


def test_it_imports_only_from_lower_layers():
    upward = [
        f"{path.relative_to(BUDGET)} → budget.{other}"
        for path in sources() if app_of(path) in LAYER
        for other in imported_apps(path)
        if other != app_of(path) and other not in PROJECT_MODULES and LAYER[other] >= LAYER[app_of(path)]
    ]
    assert upward == []


def test_it_has_no_function_over_fifty_lines():
    long = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(BUDGET)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []
