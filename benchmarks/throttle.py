"""The anonymous throttle's effective rate with several gunicorn workers
sharing one Redis, against the rate configured.

    .venv/bin/python benchmarks/throttle.py [--seconds 60] [--per-second 6] [--workers 2]

Starts gunicorn (``config/gunicorn.conf.py``, production settings) on a free
port of 127.0.0.1 with its own SQLite database and
``CACHE_URL=redis://127.0.0.1:6379/9`` (the database is emptied first), then
sends anonymous requests at a steady pace for a bounded time, each on a new
connection (so the workers share them) and each with another forged
``X-Forwarded-For``, and prints how many were answered and refused (429),
and the effective rate per minute. Stops the server on leaving.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

import httpx
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.live import gunicorn, migrate, production_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--per-second", type=float, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", default="120/minute")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    args = parser.parse_args()
    redis.Redis.from_url(args.redis).flushdb()
    with tempfile.TemporaryDirectory() as folder:
        env = production_env(
            Path(folder) / "db.sqlite3", CACHE_URL=args.redis, API_ANON_RATE=args.rate
        )
        migrate(env)
        with gunicorn(env, workers=args.workers) as base:
            redis.Redis.from_url(args.redis).flushdb()  # the readiness probe counted
            codes: collections.Counter = collections.Counter()
            start = time.monotonic()
            sent = 0
            with httpx.Client(timeout=10, headers={"Connection": "close"}) as client:
                while (elapsed := time.monotonic() - start) < args.seconds:
                    forged = f"203.0.113.{sent % 250}"
                    response = client.get(
                        f"{base}/api/v1/topics/", headers={"X-Forwarded-For": forged}
                    )
                    codes[response.status_code] += 1
                    sent += 1
                    pause = sent / args.per_second - (time.monotonic() - start)
                    if pause > 0:
                        time.sleep(pause)
            elapsed = time.monotonic() - start
    answered = codes.get(200, 0)
    print("| workers | rate configured | seconds | sent | 200 | 429 | other | effective /min |")
    print("|---|---|---|---|---|---|---|---|")
    other = sent - answered - codes.get(429, 0)
    print(
        f"| {args.workers} | {args.rate} | {elapsed:.1f} | {sent} | {answered} | "
        f"{codes.get(429, 0)} | {other} | {answered / elapsed * 60:.0f} |"
    )


if __name__ == "__main__":
    main()
