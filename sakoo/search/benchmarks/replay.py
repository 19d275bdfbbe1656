"""Replay the search benchmark's API requests in-process, for profilers and instruction counters.

Run after ``manage.py bench_search`` has seeded its database and built its index (``var/bench/`` or
``--workdir``)::

    python -m sakoo.search.benchmarks.replay --requests 500

It calls Django's WSGI handler directly (no server, no sockets) with the benchmark's 500 URLs
``/api/v1/vacancies?…`` after 50 warm-up requests, and prints the CPU time per request. Instruction counts
do not depend on the machine's speed or load; with valgrind (``apt-get install valgrind``)::

    valgrind --tool=callgrind --callgrind-out-file=warm.out python -m sakoo.search.benchmarks.replay --requests 0
    valgrind --tool=callgrind --callgrind-out-file=run.out python -m sakoo.search.benchmarks.replay --requests 500

and (the ``summary:`` line of ``run.out`` − that of ``warm.out``) / 500 is the number of instructions per
request (start-up and warm-up cancel out).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parents[3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=500, help="requests after the warm-up (0: warm-up only)"
    )
    parser.add_argument("--workdir", default=str(BASE_DIR / "var" / "bench"))
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    if not (workdir / "bench.sqlite3").exists():
        print(f"No benchmark database in {workdir}: run `manage.py bench_search` first.", file=sys.stderr)
        return 2
    from sakoo.search.management.commands.bench_search import Command

    os.environ.update(Command.bench_env(workdir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakoo.search.benchmarks.settings"
    sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    from sakoo.geo.models import County
    from sakoo.search.benchmarks.data import queries

    counties = list(
        County.objects.filter(province__code=settings.SAKOO_PROVINCE).values_list("code", flat=True)
    ) or list(County.objects.values_list("code", flat=True))
    paths = ["/api/v1/vacancies?" + urlencode(p) for p in queries(500, counties)]
    app = WSGIHandler()

    def call(path: str) -> None:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        status = []
        body = b"".join(app(environ, lambda s, h: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{path}: {status[0]} {body[:200]!r}")

    for path in paths[:50]:
        call(path)
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(args.requests):
        call(paths[i % len(paths)])
    if args.requests:
        n = args.requests
        print(
            f"{n} requests: {(time.process_time() - cpu) / n * 1000:.3f} ms CPU, "
            f"{(time.perf_counter() - started) / n * 1000:.3f} ms wall per request"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
