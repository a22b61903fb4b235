#!/usr/bin/env bash
# The benchmark command: ./scripts/bench.sh [--runs 5] [--chunks 20000] [--readme] ...
# Installs and builds what is missing (as scripts/demo.sh does), makes the bench venv with
# the official openai package (.cache/bench-venv), then runs scripts/bench/run.py: cold start,
# streaming throughput (chat and Responses, also with the CPU throttled) and memory in headless
# Chromium, time to first token on emulated networks, streaming on CPython. Prints a table,
# writes artifacts/bench.json and artifacts/bench.md; --readme copies the table into README.md.
# Not part of the test suite. Options: python scripts/bench/run.py --help.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "$0")/setup.sh"

BENCH_VENV=.cache/bench-venv
bench_stamp=$("$PYTHON" --version)-$(hash_files scripts/bench/requirements.txt)
if [ ! -x "$BENCH_VENV/bin/python" ] || [ "$(cat "$BENCH_VENV/.deps-stamp" 2>/dev/null)" != "$bench_stamp" ]; then
    step "bench venv: pip install -r scripts/bench/requirements.txt"
    rm -rf "$BENCH_VENV"
    "$PYTHON" -m venv "$BENCH_VENV"
    "$BENCH_VENV/bin/python" -m pip install -q -r scripts/bench/requirements.txt
    echo "$bench_stamp" >"$BENCH_VENV/.deps-stamp"
fi

step "benchmarks"
exec python scripts/bench/run.py "$@"
