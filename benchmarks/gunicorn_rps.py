"""Requests per second through gunicorn on 127.0.0.1, beside a static file.

    .venv/bin/python benchmarks/gunicorn_rps.py [--seconds 10] [--clients 8] [--workers 5]

PostgreSQL, on the corpus ``benchmarks/api.py`` builds (BENCH_DATABASE_URL and
BENCH_DATABASE_NAME, as there; build it first). Starts gunicorn with
``config/gunicorn.conf.py`` and the production settings on a free port of
127.0.0.1 (``tests.server.live``; static files collected for WhiteNoise, the
throttle's counts in each worker's memory at a rate it never reaches), then,
for each case in turn, keeps ``--clients`` keep-alive connections busy for a
bounded time (one request at a time on each, after a one-second warm-up) and
prints requests per second and the latency each request saw. Every response
must be a 200. The clients run in this process, on the same two cores as the
server: the figures are for the whole machine, not the server alone. Stops
the server on leaving.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.live import PYTHON, gunicorn, production_env  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DATABASE_NAME", "archive_api_bench")

CASES = [
    ("static file (admin/css/base.css)", "/static/admin/css/base.css"),
    ("article list page (50)", "/api/v1/articles/"),
    ("search: a word, page of 20", "/api/v1/articles/?q=" + quote("تنيظم") + "&page_size=20"),
    ("topics, with counts", "/api/v1/topics/"),
]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, server keeps the connection) of one HTTP/1.1 response, body read."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()  # the body runs to the end of the connection
        return status, False
    return status, headers.get("connection", "").lower() != "close"


async def _client(port: int, path: str, until: float, latencies: list[float], codes: dict) -> None:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n"
    ).encode()
    reader = writer = None
    while time.monotonic() < until:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        started = time.perf_counter()
        writer.write(request)
        try:
            status, keep = await _read_response(reader)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            writer = None  # the worker closed it (a restart): open another
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        codes[status] = codes.get(status, 0) + 1
        if not keep:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def _run(port: int, path: str, clients: int, seconds: float) -> tuple[float, list, dict]:
    warm: list[float] = []
    await asyncio.gather(
        *(_client(port, path, time.monotonic() + 1.0, warm, {}) for _ in range(clients))
    )
    latencies: list[float] = []
    codes: dict[int, int] = {}
    started = time.monotonic()
    await asyncio.gather(
        *(_client(port, path, started + seconds, latencies, codes) for _ in range(clients))
    )
    return time.monotonic() - started, latencies, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="per case (default 10)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--workers",
        type=int,
        default=multiprocessing.cpu_count() * 2 + 1,
        help="gunicorn workers (default: the config's, 2 × cores + 1)",
    )
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = production_env(
            Path(folder) / "unused.sqlite3",
            DATABASE_URL=f"{SERVER}/{DB_NAME}",
            CACHE_URL="locmem://",
            API_ANON_RATE="1000000/second",
        )
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )
        rows = []
        with gunicorn(env, workers=args.workers, threads=args.threads) as base:
            port = int(base.rsplit(":", 1)[1])
            for name, path in CASES:
                elapsed, latencies, codes = asyncio.run(
                    _run(port, path, args.clients, args.seconds)
                )
                if set(codes) != {200}:
                    raise SystemExit(f"{name}: answers {codes}, not all 200")
                rows.append(
                    (
                        name,
                        len(latencies) / elapsed,
                        statistics.median(latencies),
                        statistics.quantiles(latencies, n=20)[-1],
                        len(latencies),
                    )
                )
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(
        f"gunicorn: {args.workers} workers × {args.threads} threads; {args.clients} clients, "
        f"{args.seconds:g} s a case; database {DB_NAME}; load average {load}"
    )
    print(f"{'case':36} {'req/s':>8} {'median ms':>10} {'p95 ms':>8} {'requests':>9}")
    for name, rps, median, top, count in rows:
        print(f"{name:36} {rps:8.0f} {median:10.2f} {top:8.2f} {count:9d}")


if __name__ == "__main__":
    main()
