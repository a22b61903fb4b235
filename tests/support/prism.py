"""Prism (``@stoplight/prism-cli``, from package.json) mocking the OpenAI API for the tests.

Prism serves every operation of ``tests/spec/openapi.trimmed.json`` at the root path (no
``/v1``): give the client ``api_base=prism_url``. It answers in static mode (a response built
from the schema, the same on every call), checks for a bearer token (401 without one) and
sends CORS headers, so a Chrome page on another origin can call it.

Starting Prism takes 10-20 s, so ``scripts/test.sh`` starts it once for all the pytest runs
(``python tests/support/prism.py --url-file F``) and exports ``PRISM_URL``; the ``prism_url``
fixtures reuse it, or start their own for the session when it is not set (one test file run
by hand)::

    with start_prism(TRIMMED_SPEC) as prism:
        print(prism.url)  # http://127.0.0.1:PORT
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
TRIMMED_SPEC = ROOT / "tests" / "spec" / "openapi.trimmed.json"
PRISM_BIN = ROOT / "node_modules" / ".bin" / "prism"
START_TIMEOUT = 120.0
# A cheap authenticated GET that every spec we mock has.
READY_PATH = "/models"

__all__ = [
    "TRIMMED_SPEC",
    "PrismError",
    "PrismProcess",
    "prism_for_session",
    "start_prism",
    "wait_until_ready",
]


class PrismError(RuntimeError):
    """Prism did not start, or the Prism named by PRISM_URL does not answer."""


class PrismProcess:
    """A running ``prism mock``; a context manager that stops it on exit."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: IO[bytes]) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._log = log

    def log_tail(self, lines: int = 30) -> str:
        """The last lines Prism printed, for error messages."""
        self._log.flush()
        self._log.seek(0)
        return "\n".join(self._log.read().decode("utf-8", "replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            # Prism runs in its own process group (see start_prism): end the group, so no
            # node child outlives it.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()

    def __enter__(self) -> PrismProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"PrismProcess(url={self.url!r}, pid={self.process.pid})"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _open_log(log_path: Path | str | None) -> IO[bytes]:
    """Where Prism's output goes; the PrismProcess closes it in ``stop()``."""
    if log_path is None:
        return tempfile.TemporaryFile()
    return open(log_path, "w+b")


def _answers(url: str) -> bool:
    request = urllib.request.Request(
        url + READY_PATH, headers={"Authorization": "Bearer sk-prism-ready"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start_prism(
    spec_path: Path | str = TRIMMED_SPEC,
    port: int = 0,
    *,
    timeout: float = START_TIMEOUT,
    log_path: Path | str | None = None,
) -> PrismProcess:
    """Starts ``prism mock`` on ``spec_path`` and returns once it answers.

    ``port=0`` picks a free port. Prism's output goes to ``log_path`` (a temporary file if
    omitted); a :class:`PrismError` with its last lines is raised if Prism exits or does not
    answer within ``timeout`` seconds.
    """
    if not PRISM_BIN.exists():
        raise PrismError(f"{PRISM_BIN} is missing: run `npm ci` in {ROOT} (scripts/setup.sh does)")
    port = port or _free_port()
    log = _open_log(log_path)
    # --errors=false: answer a request that breaks the spec instead of failing it (the tests
    # check request bodies themselves, with tests/support/spec.py). No --dynamic: static
    # responses are the same on every run.
    command = [
        str(PRISM_BIN),
        "mock",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--errors=false",
        str(spec_path),
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, ended as one by stop()
    )
    prism = PrismProcess(process, port, log)
    try:
        wait_until_ready(prism.url, timeout=timeout, process=process)
    except PrismError as exc:
        tail = prism.log_tail()
        prism.stop()
        raise PrismError(f"{exc}\n--- prism output (last lines) ---\n{tail}") from None
    except BaseException:
        prism.stop()
        raise
    return prism


def wait_until_ready(
    url: str, *, timeout: float = START_TIMEOUT, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Polls ``url`` until Prism answers; :class:`PrismError` on timeout or if it exits."""
    deadline = time.monotonic() + timeout
    while not _answers(url):
        if process is not None and process.poll() is not None:
            raise PrismError(f"prism exited with status {process.returncode} before answering")
        if time.monotonic() > deadline:
            raise PrismError(f"prism at {url} did not answer GET {READY_PATH} in {timeout:.0f} s")
        time.sleep(0.25)


@contextmanager
def prism_for_session() -> Iterator[str]:
    """The URL of the Prism in ``PRISM_URL`` (started by scripts/test.sh), or of one started
    here on the trimmed spec and stopped on exit. What the ``prism_url`` fixtures yield."""
    shared = os.environ.get("PRISM_URL")
    if shared:
        url = shared.rstrip("/")
        if not _answers(url):
            raise PrismError(f"PRISM_URL={url} does not answer GET {READY_PATH}")
        yield url
        return
    with start_prism(TRIMMED_SPEC) as prism:
        yield prism.url


def main(argv: list[str] | None = None) -> int:
    """Runs Prism until SIGTERM/SIGINT; writes its URL to ``--url-file`` once it answers."""
    parser = argparse.ArgumentParser(description="Run Prism on the trimmed OpenAI spec.")
    parser.add_argument("--spec", default=str(TRIMMED_SPEC))
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--url-file", type=Path, help="where to write the URL once ready")
    parser.add_argument("--log", type=Path, help="Prism's output (default: a temporary file)")
    args = parser.parse_args(argv)

    # SIGTERM (test.sh's exit trap) becomes SystemExit, so the with-block stops Prism.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    started = time.monotonic()
    try:
        with start_prism(args.spec, args.port, log_path=args.log) as prism:
            print(f"prism ready at {prism.url} in {time.monotonic() - started:.1f} s", flush=True)
            if args.url_file:
                args.url_file.write_text(prism.url)
            while prism.process.poll() is None:
                time.sleep(0.5)
            print(f"prism exited with status {prism.process.returncode}", file=sys.stderr)
            return 1
    except PrismError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
