"""The repository explains itself: the README and docs/ link only to what the repository holds.

A link to a file outside the repository, to a file that was moved or to a heading that was renamed
fails here, and so does a path of the code quoted in docs/ that no longer exists.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)
# A path of the repository quoted in backticks: `citemetiers/core/access.py`, `tests/core/…::name`.
QUOTED_PATH = re.compile(r"`((?:citemetiers|tests|bench|config|deploy|scripts|locale)/[^`\s:<>*…]+)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*]", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _links(page: Path) -> list[str]:
    return LINK.findall(FENCE.sub("", page.read_text(encoding="utf-8")))


def test_docs_folder_has_its_pages():
    names = {page.name for page in (ROOT / "docs").glob("*.md")}
    assert {
        "README.md",
        "architecture.md",
        "glossary.md",
        "adding-an-app.md",
        "adding-a-page.md",
        "migrations.md",
        "performance.md",
    } <= names


def test_readme_links_to_docs():
    assert "docs/README.md" in _links(ROOT / "README.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_no_page_names_a_file_outside_the_repository(page):
    """A reader of a clone has nothing beside it: `../shared/DESIGN.md` is a dead end for them."""
    outside = [
        quoted
        for quoted in re.findall(r"`(\.\./[^`]+)`", page.read_text(encoding="utf-8"))
        if not (page.parent / quoted).resolve().is_relative_to(ROOT)
    ]
    assert not outside, f"{page.relative_to(ROOT)} names files outside the repository: {outside}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_reaches_a_file_and_heading_of_the_repository(page):
    broken = []
    for target in _links(page):
        if re.match(r"^[a-z]+:", target):  # https:, mailto: — not ours to check
            continue
        path_part, _sep, fragment = target.partition("#")
        destination = (page.parent / path_part).resolve() if path_part else page
        if not destination.is_relative_to(ROOT) or not destination.exists():
            broken.append(target)
        elif fragment and destination.suffix == ".md":
            anchors = {_anchor(heading) for heading in HEADING.findall(destination.read_text(encoding="utf-8"))}
            if fragment not in anchors:
                broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)} links to what the repository does not hold: {broken}"


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*.md")), ids=lambda page: page.name)
def test_every_path_quoted_in_docs_exists(page):
    missing = sorted(
        {
            quoted.rstrip(".,;")
            for quoted in QUOTED_PATH.findall(page.read_text(encoding="utf-8"))
            if not (ROOT / quoted.rstrip(".,;")).exists()
        }
    )
    assert not missing, f"docs/{page.name} names paths that do not exist: {missing}"
