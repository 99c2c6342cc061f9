"""The third-party assets the platform serves or its tests inject, and where each comes from.

None is fetched at run time and none needs Node: each comes inside a PyPI package locked in uv.lock
(XStatic packages repackage npm releases), and Django's static files serve it from there. This
module lists them — upstream npm package, version, licence, the PyPI package carrying it — and
hashes the very files the static finders serve, into `vendor.json` beside it. `make vendor`
reinstalls the packages from the registry and rewrites that file; a test fails when it is stale.
Run as `python -m citemetiers.core.vendor` (with Django settings) to write it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from pathlib import Path

MANIFEST = Path(__file__).with_name("vendor.json")

# The upstream licence is written here: the carrying packages' metadata often gives theirs, or none.
ASSETS = [
    {
        "name": "htmx",
        "package": "npm:htmx.org",
        "carried_by": "django-htmx",
        "licence": "0BSD (htmx); MIT (django-htmx)",
        "static": ["django_htmx/htmx-2.min.js", "django_htmx/django-htmx.js"],
    },
    {
        "name": "Leaflet",
        "package": "npm:leaflet",
        "carried_by": "xstatic-leaflet",
        "licence": "BSD-2-Clause",
        "static": [
            "vendor/leaflet/leaflet.js",
            "vendor/leaflet/leaflet.css",
            "vendor/leaflet/images/layers.png",
            "vendor/leaflet/images/layers-2x.png",
            "vendor/leaflet/images/marker-icon.png",
            "vendor/leaflet/images/marker-icon-2x.png",
            "vendor/leaflet/images/marker-shadow.png",
        ],
    },
    {
        "name": "Leaflet.markercluster",
        "package": "npm:leaflet.markercluster",
        "carried_by": "xstatic-leaflet-markercluster",
        "licence": "MIT",
        "static": [
            "vendor/leaflet-markercluster/leaflet.markercluster.js",
            "vendor/leaflet-markercluster/MarkerCluster.css",
            "vendor/leaflet-markercluster/MarkerCluster.Default.css",
        ],
    },
    {
        # Tests only (tests/browser/conftest.py injects it): never served to a visitor.
        "name": "axe-core",
        "package": "npm:axe-core",
        "carried_by": "axe-playwright-python",
        "licence": "MPL-2.0 (axe-core); MIT (axe-playwright-python)",
        "module_files": {"axe_playwright_python": ["axe.min.js"]},
    },
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(asset: dict) -> dict[str, str]:
    from django.contrib.staticfiles import finders

    hashes = {}
    for name in asset.get("static", []):
        found = finders.find(name)
        if found is None:
            raise FileNotFoundError(f"{asset['carried_by']} serves no {name}")
        hashes[name] = _sha256(Path(found))
    for module, names in asset.get("module_files", {}).items():
        folder = Path(importlib.util.find_spec(module).origin).parent
        for name in names:
            hashes[f"{module}/{name}"] = _sha256(folder / name)
    return hashes


def build_manifest() -> dict:
    """What the installed packages serve now."""
    return {
        "assets": [
            {
                "name": asset["name"],
                "package": asset["package"],
                "carried_by": f"pypi:{asset['carried_by']}",
                "version": importlib.metadata.version(asset["carried_by"]),
                "licence": asset["licence"],
                "files": _files(asset),
            }
            for asset in ASSETS
        ]
    }


def read_manifest() -> dict:
    return json.loads(MANIFEST.read_text())


def write_manifest() -> None:
    MANIFEST.write_text(json.dumps(build_manifest(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    import django

    django.setup()
    write_manifest()
