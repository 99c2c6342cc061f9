"""Print the import graph between the apps of citemetiers: one line per arrow, `from → to  count`.

An arrow counts the import statements of one app's modules that name another app (any depth, at
module level or inside a function: both tie the apps together). Migrations are left out, since
Django writes them and they name other apps by design. Run: `python scripts/import_graph.py`.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "citemetiers"


def app_of_module(name: str) -> str | None:
    parts = name.split(".")
    if len(parts) >= 2 and parts[0] == PACKAGE:
        return parts[1]
    return None


def edges() -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        source_app = relative.parts[1] if len(relative.parts) > 2 else None
        if source_app is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
                if node.module == PACKAGE:
                    targets = [f"{PACKAGE}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                target_app = app_of_module(target)
                if target_app and target_app != source_app:
                    counts[(source_app, target_app)] += 1
    return counts


def main() -> int:
    counts = edges()
    for (source, target), count in sorted(counts.items()):
        back = " (both ways)" if (target, source) in counts else ""
        print(f"{source:>14} → {target:<14} {count:>3}{back}")
    print(f"{len(counts)} arrows, {sum(counts.values())} imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
