"""Settings: ``base`` reads the environment in one place; ``dev``, ``test`` and
``production`` adjust it. ``manage.py`` defaults to ``dev``; set
``DJANGO_SETTINGS_MODULE=config.settings.production`` in production."""
