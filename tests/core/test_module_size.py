"""No module of the project grows past the size where a reader still finds what it holds by its name."""

from pathlib import Path

from django.conf import settings

LIMIT = 500
PACKAGE = Path(settings.BASE_DIR, "citemetiers")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(PACKAGE).as_posix(), len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_longer_than_500_lines():
    too_long = {name: lines for name, lines in _modules() if lines > LIMIT}
    assert too_long == {}, f"split these modules by sub-domain (lines above {LIMIT}): {too_long}"
