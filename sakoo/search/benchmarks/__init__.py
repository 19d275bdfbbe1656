"""The search benchmark (``manage.py bench_search``): data generator, baseline view, settings for gunicorn."""
