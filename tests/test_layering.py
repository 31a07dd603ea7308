"""The layering, read from the source: the research API (``api``) sits above the
domain apps and imports them; the domain apps import no DRF, django-filter or
drf-spectacular and nothing from ``api``; annotations, actors and agreement
build on the archive, which imports none of them. Every import counts,
function-local ones included (they are how a cycle hides)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("archive", "annotations", "actors", "agreement")
INTERFACE_FRAMEWORKS = ("rest_framework", "django_filters", "drf_spectacular")
ABOVE_ARCHIVE = ("annotations", "actors", "agreement")

# Imports that break the layering today, each with what it is waiting for. The
# list only shrinks: an entry that no longer occurs fails the test, so it is
# removed with the import it excused.
KNOWN = {
    # The article admin embeds the annotator and the mentions layer.
    ("archive.admin", "annotations.admin"),
    ("archive.admin", "annotations.models"),
    ("archive.admin", "annotations.suggestions"),
    ("archive.admin", "annotations.widgets"),
    ("archive.admin", "actors.admin"),
    ("archive.stories_admin", "annotations.models"),
    ("archive.workspace", "annotations.history"),
    ("archive.workspace", "annotations.widgets"),
    ("archive.templatetags.archive_admin", "annotations.models"),
    # The admin's timeline page offers the API's event filters, and an
    # assignment's batch is chosen with the API's article filters.
    ("archive.timeline_view", "actors.models"),
    ("archive.timeline_view", "annotations.models"),
    ("archive.timeline_view", "api.archive.filters"),
    ("agreement.services", "api.archive.filters"),
    # Event grouping reads the places and actors editors keep.
    ("archive.events", "actors.models"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it, relative imports resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module
            found.add(name)
            # ``from api import export_jobs`` imports the module api.export_jobs.
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def domain_imports() -> list[tuple[str, str]]:
    pairs = []
    for app in DOMAIN_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            pairs.extend((module_name(path), name) for name in sorted(imported_modules(path)))
    return pairs


def broken(rule) -> set[tuple[str, str]]:
    return {(module, name) for module, name in domain_imports() if rule(module, name)}


def names_module(name: str) -> str:
    """The imported module itself, not a name imported from it: ``from
    annotations.models import Annotation`` is an import of annotations.models."""
    parts = name.split(".")
    while len(parts) > 1 and not _is_module(parts):
        parts.pop()
    return ".".join(parts)


def _is_module(parts: list[str]) -> bool:
    path = ROOT.joinpath(*parts)
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_the_domain_apps_import_no_interface_framework():
    assert broken(lambda module, name: within(name, INTERFACE_FRAMEWORKS)) == set()


def test_the_domain_apps_import_nothing_from_the_api():
    found = {
        (module, names_module(name))
        for module, name in broken(lambda module, name: within(name, ("api",)))
    }
    assert found - KNOWN == set()


def test_the_archive_imports_no_app_built_on_it():
    found = {
        (module, names_module(name))
        for module, name in broken(
            lambda module, name: within(module, ("archive",)) and within(name, ABOVE_ARCHIVE)
        )
    }
    assert found - KNOWN == set()


def test_every_known_exception_still_occurs():
    """An exception whose import is gone is struck from ``KNOWN``."""
    found = {(module, names_module(name)) for module, name in domain_imports()}
    assert KNOWN - found == set()


def test_the_check_sees_function_local_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "archive"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    module = package / "sub" / "reads.py"
    module.write_text(
        "def f():\n"
        "    from annotations.selectors import annotation_visible\n"
        "    import rest_framework.serializers\n"
        "from .. import models\n"
        "from .sibling import thing\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert imported_modules(module) == {
        "annotations.selectors",
        "annotations.selectors.annotation_visible",
        "rest_framework.serializers",
        "archive",
        "archive.models",
        "archive.sub.sibling",
        "archive.sub.sibling.thing",
    }
