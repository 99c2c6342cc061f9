"""Heavy libraries are imported where they are used, not at start-up: a worker that loads the
application (or is recycled) does not pay seconds of CPU for the solver, the spreadsheets and the PDFs."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("ortools", "openpyxl", "reportlab")


def test_wsgi_application_does_not_load_heavy_libraries():
    code = (
        "import json, sys; import config.wsgi; from django.urls import get_resolver; get_resolver().url_patterns; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603 -- our own interpreter and code
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
