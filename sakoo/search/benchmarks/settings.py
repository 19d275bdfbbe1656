"""Settings for the benchmark's gunicorn workers: the project's settings plus the icontains baseline URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "sakoo.search.benchmarks.urls"
