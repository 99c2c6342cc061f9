"""A module never imports another app's views: what two apps share lives in a selector, a component or a
template include of the app that owns it, never in a page of it."""

import ast
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.BASE_DIR, "citemetiers")


def _imported_views(tree: ast.Module):
    """The apps whose views module (or a module of its views package) this module imports."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) >= 3 and parts[0] == "citemetiers" and parts[2] == "views":
                yield parts[1]


def _crossings():
    for path in sorted(PACKAGE.rglob("*.py")):
        app = path.relative_to(PACKAGE).parts[0]
        for imported in set(_imported_views(ast.parse(path.read_text(encoding="utf-8")))):
            if imported != app:
                yield app, imported, path.relative_to(PACKAGE).as_posix()


def test_no_app_imports_another_apps_views():
    crossings = [(path, imported) for app, imported, path in _crossings()]
    assert crossings == []
