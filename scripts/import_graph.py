"""The import graph between tracker's packages, and the layer rule it must follow.

    python scripts/import_graph.py            # the graph of the domain modules (views, cli, forms aside)
    python scripts/import_graph.py --all      # the graph of every module, interface modules included
    python scripts/import_graph.py --check    # exit 1 and list each import that goes up a layer

The layers, lowest first (docs/architecture.md says what each holds). A module imports only what
stands below it: a package of a lower layer never imports one of a higher layer, and packages of one
layer do not import each other. Interface modules — `views.py`, a `views/` package, `cli.py`,
`forms.py`, `blueprints.py`, and any module that declares routes — stand on top of every domain:
they may import any package (the pages of agencies show tasks), and no domain module imports them.
The application level (tracker/__init__.py, cli.py, plugins.py, models.py, scheduler.py) wires
everything. Development-only code (DEV: the benchmarks, the seed check of the programme reader)
stands outside the request path: it may import anything, and nothing in tracker imports it.
Imports under `if TYPE_CHECKING:` are not counted (they do not run).
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tracker"

LAYERS: list[tuple[str, ...]] = [
    ("core",),  # tracker.core, tracker.db, tracker.extensions, tracker.config
    ("backup",),
    ("audit",),
    ("workdays",),
    ("agencies",),
    ("users",),
    ("auth", "letterhead"),
    ("attachments",),
    ("documents",),
    ("tasks",),
    ("reports", "reorganisation", "public"),
    ("reminders", "webhooks", "feeds", "scores", "notifications"),
    ("imports",),
    ("reader",),
    ("dashboard", "api"),
    ("seed",),
    ("bench",),
]
FOUNDATION = {"db": "core", "extensions": "core", "config": "core"}
APP = {"__init__", "cli", "plugins", "models", "scheduler", "create_app"}  # tracker/<name>: the app level
INTERFACE_NAMES = {"views", "cli", "forms", "blueprints"}
DEV = ("tracker.bench", "tracker.reader.seedcheck", "tracker.reader.score")
ROUTE_MARKS = (".route(", "add_url_rule(", "@endpoint(")

LAYER_OF = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}


def unit_of(module: str) -> str:
    """'tracker.tasks.views.edit' -> 'tasks'; 'tracker.db' -> 'core'; 'tracker.cli' -> 'app'."""
    parts = module.split(".")
    if len(parts) < 2:
        return "app"
    name = parts[1]
    if name in FOUNDATION:
        return FOUNDATION[name]
    if len(parts) == 2 and name in APP:
        return "app"
    return name


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1] if len(parts) > 1 else parts
        out[".".join(parts)] = path
    return out


def is_interface(module: str, path: Path) -> bool:
    parts = module.split(".")
    if any(p in INTERFACE_NAMES for p in parts[2:]):
        return True
    text = path.read_text(encoding="utf-8")
    return any(mark in text for mark in ROUTE_MARKS)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in ast.walk(node):
                if hasattr(child, "lineno"):
                    lines.add(child.lineno)
    return lines


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every `tracker.*` import of the file, wherever it stands (top or function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    out = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "tracker":
                out += [(node.lineno, f"tracker.{a.name}") for a in node.names]
            elif node.module.startswith("tracker."):
                out += [(node.lineno, node.module)]
                # `from tracker.tasks import operations` names a module of tasks: same unit anyway.
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("tracker.")]
    return out


def graph(interface: bool = False) -> dict[str, set[str]]:
    """Package -> the packages its modules import (the application level left out; the interface
    modules too unless `interface`)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for module, path in modules().items():
        source = unit_of(module)
        if source == "app" or (not interface and is_interface(module, path)):
            continue
        for _line, target in imports(path):
            dest = unit_of(target)
            if dest not in (source, "app"):
                edges[source].add(dest)
    return edges


def _is_dev(module: str) -> bool:
    return any(module == d or module.startswith(d + ".") for d in DEV)


def violations() -> list[str]:
    found = []
    all_modules = modules()
    for module, path in all_modules.items():
        if _is_dev(module):
            continue
        for line, target in imports(path):
            if _is_dev(target):
                found.append(
                    f"{path.relative_to(ROOT.parent)}:{line} imports {target}: development-only code, "
                    "kept out of the application"
                )
    interface = {m for m, p in all_modules.items() if unit_of(m) != "app" and is_interface(m, p)}
    for module, path in all_modules.items():
        source = unit_of(module)
        if source == "app" or _is_dev(module):
            continue
        if source not in LAYER_OF:
            found.append(f"{module}: package «{source}» is in no layer (scripts/import_graph.py LAYERS)")
            continue
        for line, target in imports(path):
            dest = unit_of(target)
            where = f"{path.relative_to(ROOT.parent)}:{line} imports {target}"
            if dest == "app":
                found.append(f"{where}: the application level is not imported by the packages")
                continue
            if module not in interface and any(target == m or target.startswith(m + ".") for m in interface):
                found.append(f"{where}: an interface module (views, cli, forms, routes)")
                continue
            if dest == source or module in interface:
                continue
            if dest not in LAYER_OF:
                found.append(f"{where}: package «{dest}» is in no layer")
            elif LAYER_OF[dest] >= LAYER_OF[source]:
                found.append(f"{where}: «{dest}» does not stand below «{source}»")
    return found


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = violations()
        for line in found:
            print(line)
        if found:
            print(f"{len(found)} imports break the layer order (scripts/import_graph.py).", file=sys.stderr)
            return 1
        print("Layer order kept: every import points down.")
        return 0
    edges = graph(interface="--all" in argv)
    order = [pkg for layer in LAYERS for pkg in layer]
    for pkg in sorted(edges, key=lambda p: (order.index(p) if p in order else 99, p)):
        print(
            f"{pkg:12} -> {', '.join(sorted(edges[pkg], key=lambda p: order.index(p) if p in order else 99))}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
