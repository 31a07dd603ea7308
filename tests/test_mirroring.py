"""Tests mirror the code. The tests of ``<app>/<path>/<name>.py`` live in
``tests/<app>/<path>/test_<name>.py``, or in a folder ``tests/<app>/<path>/<name>/``
when they are many; so a newcomer finds a module's tests by its path, and a module
without tests shows. Suites that test across modules by an interface (the browser,
the server, the policy matrix, every URL) are listed here with what they
cross; modules with no behaviour of their own are listed with why. A module
without tests, or a test module in no module's place, fails this check."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
APPS = ("archive", "annotations", "actors", "agreement", "api", "config")

# Modules with nothing to test on their own, each with why.
NO_BEHAVIOUR: dict[str, str] = {
    "archive/signals.py": "two Signal objects, no code: their sending is tested with the "
    "loader and the services, their receiving in tests/archive/test_receivers.py",
    "config/asgi.py": (
        "the ASGI entry point: Django's application under the production settings,"
        " its heap settled (config.heap; the call is tested in tests/config/test_heap.py)"
    ),
    "config/gunicorn.conf.py": (
        "gunicorn's settings; read as gunicorn reads them, and run with gunicorn, in"
        " tests/server/test_slow_clients.py (a test module of its name,"
        " test_gunicorn.conf.py, could not be imported)"
    ),
    "config/wsgi.py": (
        "the WSGI entry point gunicorn serves: Django's application under the"
        " production settings, its heap settled (config.heap; the call is tested in"
        " tests/config/test_heap.py)"
    ),
}

# Test modules that cross modules by an interface, each with what they cross.
CROSS_CUTTING: dict[str, str] = {
    "tests/admin/test_languages.py": (
        "the admin's languages: the settings' Arabic default, config.urls' language"
        " switch, and the translated admin pages of archive, annotations and actors"
    ),
    "tests/annotations/test_policy_matrix.py": (
        "the editorial policy's answer for each kind of user and write, through the"
        " services, the REST API and the admin alike"
    ),
    "tests/api/test_declarations.py": (
        "the serializers' declared fields against what every list, detail and export"
        " writes from rows (articles, annotations, events, sources, topics, stories)"
    ),
    "tests/api/test_every_url.py": (
        "every GET the schema documents, for each kind of viewer the curation policy"
        " tells apart: no server error, nothing hidden shown"
    ),
    "tests/browser/test_annotator.py": (
        "the annotator in Chromium: the admin's page and scripts, the research API's"
        " writes and the stored code-point offsets"
    ),
    "tests/browser/test_annotator_mentions_layer.py": (
        "the annotator's mentions layer in Chromium: the admin's page and scripts,"
        " the actors' mentions and the alias added from a selection"
    ),
    "tests/browser/test_api_docs.py": (
        "the API's documentation pages in Chromium: the schema, Swagger UI and ReDoc"
        " rendered from this server's own static files"
    ),
    "tests/browser/test_curation.py": (
        "double annotation end to end in Chromium: the annotator, the assignment's"
        " hidden passages, closing and curating in the admin"
    ),
    "tests/browser/test_workspace.py": (
        "the editors' workspace in Chromium: the admin's pages and scripts, review by"
        " key, the layers and keyboard selection"
    ),
    "tests/server/test_slow_clients.py": (
        "gunicorn with config/gunicorn.conf.py (its values as gunicorn reads them), the"
        " production settings and a streamed export, against slow clients over sockets"
    ),
    "tests/test_mirroring.py": "this check: the test tree against the code tree",
    "tests/test_layering.py": "the import direction between the apps and the API",
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
    assert missing == set()


def test_every_test_module_mirrors_a_module_or_says_what_it_crosses():
    stray = {
        test.relative_to(ROOT).as_posix()
        for test in collected_test_files()
        if module_under_test(test) is None
        and test.relative_to(ROOT).as_posix() not in CROSS_CUTTING
    }
    assert stray == set()


def test_every_exception_is_still_one():
    """An entry whose module gained tests, or whose suite now mirrors a module
    (or is gone), is struck from its list."""
    modules = set(code_modules())
    tests = {test.relative_to(ROOT).as_posix() for test in collected_test_files()}
    assert {m for m in NO_BEHAVIOUR if m not in modules or is_mirrored(m)} == set()
    assert set(CROSS_CUTTING) - tests == set()
    assert {t for t in CROSS_CUTTING if module_under_test(ROOT / t) is not None} == set()


def test_a_mirror_is_found_by_file_or_by_folder():
    assert module_under_test(TESTS / "archive" / "test_search.py") == ROOT / "archive" / "search.py"
    assert mirror_of("api/archive/views.py") == (
        TESTS / "api" / "archive" / "test_views.py",
        TESTS / "api" / "archive" / "views",
    )
    assert module_under_test(TESTS / "test_mirroring.py") is None
