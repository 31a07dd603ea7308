"""Development settings (``config.settings.dev``): DEBUG on and a fixed key,
unless the environment says otherwise."""

from __future__ import annotations

DEV = "config.settings.dev"


def test_debug_on_with_a_key_that_is_for_development_only(settings_module):
    dev = settings_module(DEV)
    assert dev["DEBUG"] is True
    assert dev["SECRET_KEY"] == "dev-only-insecure-key-do-not-use-in-production"


def test_the_environment_turns_debug_off_and_sets_the_key(settings_module):
    dev = settings_module(DEV, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="مفتاح-محلي")
    assert (dev["DEBUG"], dev["SECRET_KEY"]) == (False, "مفتاح-محلي")
