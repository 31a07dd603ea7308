"""Tests mirror the code. The tests of ``<app>/<path>/<name>.py`` live in
``tests/<app>/<path>/test_<name>.py``, or in a folder ``tests/<app>/<path>/<name>/``
when they are many; so a newcomer finds a module's tests by its path, and a module
without tests shows. Suites that test across modules by an interface (the browser,
the server, the W3C model, the policy matrix) are listed here with what they
cross; modules with no behaviour of their own are listed with why."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
APPS = ("archive", "annotations", "actors", "agreement", "api", "config")

# Modules with nothing to test on their own, each with why.
NO_BEHAVIOUR: dict[str, str] = {
    "archive/signals.py": "two Signal objects, no code: their sending is tested with the "
    "loader and the services, their receiving in tests/archive/test_receivers.py",
}

# Test modules that cross modules by an interface, each with what they cross.
CROSS_CUTTING: dict[str, str] = {
    "tests/test_mirroring.py": "this check: the test tree against the code tree",
    "tests/test_layering.py": "the import direction between the apps and the API",
}

# Modules whose tests have not yet been given their mirrored place. The list
# only shrinks: an entry that is now mirrored fails the test, so it is struck.
KNOWN_UNMIRRORED: set[str] = {
    "annotations/admin.py",
    "annotations/admin_views.py",
    "annotations/anchoring.py",
    "annotations/forms.py",
    "annotations/management/commands/suggest_annotations.py",
    "annotations/models.py",
    "annotations/orphans_admin.py",
    "annotations/permissions.py",
    "annotations/queue.py",
    "annotations/templatetags/newsroom_history.py",
    "annotations/widgets.py",
    "actors/admin_views.py",
    "actors/anchoring.py",
    "actors/management/commands/find_mentions.py",
    "actors/models.py",
    "actors/permissions.py",
    "actors/selectors.py",
    "actors/signals.py",
    "agreement/charts.py",
    "agreement/forms.py",
    "agreement/models.py",
    "agreement/permissions.py",
    "agreement/selectors.py",
    "api/actors/serializers.py",
    "api/actors/views.py",
    "api/agreement/exports.py",
    "api/agreement/views.py",
    "api/annotations/exports.py",
    "api/annotations/filters.py",
    "api/annotations/serializers.py",
    "api/annotations/views.py",
    "api/archive/filters.py",
    "api/archive/serializers.py",
    "api/docs.py",
    "api/middleware.py",
    "api/parsers.py",
    "config/api_urls.py",
    "config/asgi.py",
    "config/gunicorn.conf.py",
    "config/sessions.py",
    "config/settings/base.py",
    "config/settings/dev.py",
    "config/settings/env.py",
    "config/settings/production.py",
    "config/settings/test.py",
    "config/urls.py",
    "config/wsgi.py",
}

# Test modules not yet moved to their module's place (same rule).
KNOWN_MISPLACED: set[str] = {
    "tests/actors/test_views.py",
    "tests/admin/test_admin_views.py",
    "tests/admin/test_annotation_admin.py",
    "tests/admin/test_annotation_versions.py",
    "tests/admin/test_languages.py",
    "tests/admin/test_orphans_admin.py",
    "tests/admin/test_queue.py",
    "tests/admin/test_suggestions.py",
    "tests/agreement/test_curation.py",
    "tests/agreement/test_hidden_passages.py",
    "tests/agreement/test_views.py",
    "tests/annotations/test_concurrent_writes.py",
    "tests/annotations/test_policy_matrix.py",
    "tests/api/test_article_address.py",
    "tests/api/test_bad_input.py",
    "tests/api/test_changes.py",
    "tests/api/test_curation.py",
    "tests/api/test_declarations.py",
    "tests/api/test_editorial_policy.py",
    "tests/api/test_events.py",
    "tests/api/test_every_url.py",
    "tests/api/test_filter_backend.py",
    "tests/api/test_filters.py",
    "tests/api/test_formatting.py",
    "tests/api/test_passage_search.py",
    "tests/api/test_read.py",
    "tests/api/test_search_postgres.py",
    "tests/api/test_updated_since.py",
    "tests/api/test_writes.py",
    "tests/browser/test_annotator.py",
    "tests/browser/test_annotator_mentions_layer.py",
    "tests/browser/test_api_docs.py",
    "tests/browser/test_curation.py",
    "tests/browser/test_workspace.py",
    "tests/server/test_slow_clients.py",
    "tests/test_settings.py",
}


def code_modules() -> list[str]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or path.name in ("__init__.py", "apps.py"):
                continue
            found.append(path.relative_to(ROOT).as_posix())
    return found


def mirror_of(module: str) -> tuple[Path, Path]:
    """The test module and the test folder where ``module``'s tests belong."""
    path = Path(module)
    return TESTS / path.parent / f"test_{path.name}", TESTS / path.parent / path.stem


def is_mirrored(module: str) -> bool:
    test_module, folder = mirror_of(module)
    return test_module.is_file() or any(folder.glob("test_*.py"))


def module_under_test(test: Path) -> Path | None:
    """The code module ``test`` mirrors, or None."""
    relative = test.relative_to(TESTS)
    direct = ROOT / relative.parent / relative.name.removeprefix("test_")
    if direct.is_file():
        return direct
    for depth in range(len(relative.parts) - 1, 0, -1):
        folder_module = ROOT.joinpath(*relative.parts[:depth]).with_suffix(".py")
        if folder_module.is_file():
            return folder_module
    return None


def collected_test_files() -> list[Path]:
    return sorted(TESTS.rglob("test_*.py"))


def test_every_module_has_its_tests_where_its_path_says():
    missing = {
        module
        for module in code_modules()
        if not is_mirrored(module) and module not in NO_BEHAVIOUR
    }
    assert missing - KNOWN_UNMIRRORED == set()


def test_every_test_module_mirrors_a_module_or_says_what_it_crosses():
    stray = {
        test.relative_to(ROOT).as_posix()
        for test in collected_test_files()
        if module_under_test(test) is None
        and test.relative_to(ROOT).as_posix() not in CROSS_CUTTING
    }
    assert stray - KNOWN_MISPLACED == set()


def test_the_lists_of_exceptions_only_shrink():
    modules = set(code_modules())
    tests = {test.relative_to(ROOT).as_posix() for test in collected_test_files()}
    assert {m for m in KNOWN_UNMIRRORED if m not in modules or is_mirrored(m)} == set()
    assert {m for m in NO_BEHAVIOUR if m not in modules or is_mirrored(m)} == set()
    assert {t for t in KNOWN_MISPLACED if t not in tests or t in CROSS_CUTTING} == set()
    assert {t for t in KNOWN_MISPLACED if t in tests and module_under_test(ROOT / t)} == set()
    assert set(CROSS_CUTTING) - tests == set()


def test_a_mirror_is_found_by_file_or_by_folder():
    assert module_under_test(TESTS / "archive" / "test_search.py") == ROOT / "archive" / "search.py"
    assert mirror_of("api/archive/views.py") == (
        TESTS / "api" / "archive" / "test_views.py",
        TESTS / "api" / "archive" / "views",
    )
    assert module_under_test(TESTS / "test_mirroring.py") is None
