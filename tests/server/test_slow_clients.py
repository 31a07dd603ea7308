"""Two clients reading a streamed export slowly do not stall the server: gunicorn
with ``config/gunicorn.conf.py`` (threaded workers, 2 of them here) on
127.0.0.1 answers other requests meanwhile. Every loop is bounded; the server
is stopped with its workers at the end."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time

import httpx
import pytest

from tests.server.live import PYTHON, ROOT, gunicorn, migrate, production_env

SEEDS = ROOT / "seeds"
EXPORT = "/api/v1/articles/export.jsonl?include=body"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    env = production_env(
        folder / "db.sqlite3",
        CACHE_URL="locmem://",
        API_ANON_RATE="100000/minute",
        API_EXPORT_RATE="100000/minute",
    )
    migrate(env)
    files = folder / "files"
    files.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for number in range(1000):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        (files / f"{number:04}.txt").write_text(f"{text}\n\n{number}", encoding="utf-8")
    subprocess.run(
        [PYTHON, "manage.py", "load_seeds", "--publish", "-v0", str(files)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    shutil.rmtree(files)
    with gunicorn(env, workers=2, threads=8) as base:
        yield base


class SlowReader(threading.Thread):
    """Reads the export 1 KB at a time, 20 times a second, with a 4 KB receive
    buffer, until told to stop or ``seconds`` have passed."""

    def __init__(self, base: str, seconds: float = 60):
        super().__init__(daemon=True)
        self.port = int(base.rsplit(":", 1)[1])
        self.seconds = seconds
        self.received = 0
        self.finished = False  # the server sent the whole export
        self.stop = threading.Event()

    def run(self):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(10)
            sock.connect(("127.0.0.1", self.port))
            sock.sendall(
                f"GET {EXPORT} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
            )
            deadline = time.monotonic() + self.seconds
            while not self.stop.is_set() and time.monotonic() < deadline:
                chunk = sock.recv(1024)
                if not chunk:
                    self.finished = True
                    return
                self.received += len(chunk)
                time.sleep(0.05)


def test_two_slow_readers_do_not_block_other_requests(server):
    whole = len(httpx.get(server + EXPORT, timeout=60).content)
    assert whole > 5_000_000  # more than a socket's send buffer holds (4 MB)
    readers = [SlowReader(server), SlowReader(server)]
    for reader in readers:
        reader.start()
    try:
        deadline = time.monotonic() + 30
        while any(r.received < 4096 for r in readers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(r.received >= 4096 for r in readers)  # both are being served
        waits = []
        with httpx.Client(timeout=5) as client:  # a request waiting longer fails the test
            for number in range(20):
                started = time.monotonic()
                path = "/api/v1/topics/" if number % 2 else "/api/v1/articles/?page_size=5"
                assert client.get(server + path).status_code == 200
                waits.append(time.monotonic() - started)
        # The readers still hold their requests: nothing was answered by waiting them out.
        assert not any(r.finished for r in readers)
        assert all(r.received < whole for r in readers)
        print(f"20 requests beside 2 slow readers: slowest {max(waits):.3f} s")
    finally:
        for reader in readers:
            reader.stop.set()
        for reader in readers:
            reader.join(timeout=15)


# What config/gunicorn.conf.py gives gunicorn, read as gunicorn reads it (a
# test module named after it, test_gunicorn.conf.py, could not be imported).
GUNICORN_CONF = ROOT / "config" / "gunicorn.conf.py"


def _gunicorn_settings(monkeypatch, **environ: str) -> dict:
    import multiprocessing
    import os
    import runpy

    for name in list(os.environ):
        if name.startswith("GUNICORN_") or name == "WEB_CONCURRENCY":
            monkeypatch.delenv(name)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: 2)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_runs_threaded_workers_on_the_loopback_by_default(monkeypatch):
    conf = _gunicorn_settings(monkeypatch)
    assert (conf["bind"], conf["worker_class"], conf["threads"]) == ("127.0.0.1:8000", "gthread", 8)
    assert conf["workers"] == 5  # two CPUs: 2 × 2 + 1
    assert (conf["timeout"], conf["accesslog"], conf["forwarded_allow_ips"]) == (
        120,
        "-",
        "127.0.0.1",
    )
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (2000, 200)


def test_gunicorns_settings_come_from_the_environment(monkeypatch):
    conf = _gunicorn_settings(
        monkeypatch,
        GUNICORN_BIND="0.0.0.0:9000",
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="16",
        GUNICORN_TIMEOUT="30",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.2",
    )
    assert (conf["bind"], conf["workers"], conf["threads"], conf["timeout"]) == (
        "0.0.0.0:9000",
        3,
        16,
        30,
    )
    assert conf["accesslog"] is None  # empty: no access log
    assert conf["forwarded_allow_ips"] == "10.0.0.2"
