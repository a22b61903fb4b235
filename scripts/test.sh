#!/usr/bin/env bash
# The project's test command: ./scripts/test.sh
#
# Works from a clean clone on a fresh Debian machine (as root, or with sudo):
# installs what is missing, builds the offline Pyodide folder, then runs every
# check, stopping at the first one that fails. Re-runs skip the installs while
# requirements-dev.txt, pyproject.toml and package*.json are unchanged.
set -euo pipefail

started=$SECONDS
step_name=""
# A header per step, and the time the previous step took.
step() {
    if [ -n "$step_name" ]; then echo "---- $step_name: ok ($((SECONDS - step_started)) s)"; fi
    step_name=$1
    step_started=$SECONDS
    printf '\n==== %s ====\n' "$1"
}
# Prism (started below) ends with this script.
prism_pid=""
stop_prism() {
    if [ -n "$prism_pid" ]; then
        kill "$prism_pid" 2>/dev/null || true # SIGTERM: it stops Prism, then exits
        wait "$prism_pid" 2>/dev/null || true
        rm -f "$prism_url_file"
        prism_pid=""
    fi
}
trap 'rc=$?; stop_prism; if [ $rc -ne 0 ]; then printf "\n#### FAILED: %s (exit %s)\n" "${step_name:-setup}" $rc; fi' EXIT

# shellcheck source=scripts/setup.sh
source "$(dirname "$0")/setup.sh"

# ---------------------------------------------------------------- Prism
# Prism mocks the OpenAI API (tests/spec/openapi.trimmed.json) for the unit and Pyodide tests.
# Started once, in the background, so its start (15-20 s) overlaps the linters; the
# prism_url fixtures reuse it through PRISM_URL. Its output goes to artifacts/prism.log.
mkdir -p artifacts
prism_url_file=$(mktemp)
python tests/support/prism.py --url-file "$prism_url_file" --log artifacts/prism.log &
prism_pid=$!

# Returns once Prism answers (tests/support/prism.py writes the URL file then); fails if it
# exited first (it prints why, with the end of Prism's output, and gives up after 120 s).
wait_for_prism() {
    while [ ! -s "$prism_url_file" ]; do
        if ! kill -0 "$prism_pid" 2>/dev/null; then
            echo "Prism did not start (artifacts/prism.log)" >&2
            return 1
        fi
        sleep 0.5
    done
    PRISM_URL=$(cat "$prism_url_file")
    export PRISM_URL
    echo "Prism at $PRISM_URL"
}

# ---------------------------------------------------------------- checks
# pytest on a folder that may still be empty: say so instead of failing on
# pytest's exit 5 ("no tests collected"). A folder WITH test files that
# collects nothing still fails.
pytest_dir() {
    local dir=$1
    shift
    if [ -z "$(find "$dir" -name 'test_*.py' -o -name '*_test.py' 2>/dev/null | head -1)" ]; then
        echo "no test files in $dir yet: nothing to run"
        return 0
    fi
    pytest "$dir" "$@"
}

step "ruff check"
ruff check .

step "ruff format --check"
ruff format --check .

step "mypy"
mypy

# The unit and browser tests do not use pytest-pyodide; its hooks would
# otherwise treat any fixture whose name starts with "selenium" as its own.
NO_PYODIDE_PLUGIN=(-p no:pytest_pyodide -p no:pytest_pyodide_hook)

# tests/spec/ holds what the tests need from ../shared (the official spec, trimmed; the crate's
# chat types, listed), and scripts/gen_types_spec.json what the generated types are made from,
# so that a clone alone runs every test. Where ../shared is present (or SHARED_DIR names it),
# check that those files (and the generated modules) are what it gives now.
step "tests/spec/ is current (../shared)"
shared_dir=${SHARED_DIR:-$ROOT/../shared}
if [ -d "$shared_dir" ]; then
    python scripts/trim_spec.py --spec "$shared_dir/spec/openapi.yaml" --check
    python scripts/seed_types.py --seed "$shared_dir/seeds/000_d89cac5fd08505ff.txt" --check
    python scripts/gen_types.py --spec "$shared_dir/spec/openapi.yaml" --check
else
    echo "../shared not found ($shared_dir): the check that tests/spec/ is what the official"
    echo "spec and the crate's seed give is skipped (the tests themselves need only tests/spec/)"
fi

step "wait for Prism"
wait_for_prism

# pytest-xdist: the unit tests spread over every core; the Pyodide tests run as two groups
# side by side, Node's and Chrome's (tests/pyodide/conftest.py), each on one runner.
step "pytest tests/unit"
pytest_dir tests/unit "${NO_PYODIDE_PLUGIN[@]}" -n auto

step "pytest tests/pyodide (Node and Chrome)"
pytest_dir tests/pyodide --dist-dir=dist/pyodide --runtime=node,chrome -n 2 --dist loadgroup -rR

# Two browsers side by side, then the frame-timing test on its own.
step "pytest tests/browser"
pytest_dir tests/browser "${NO_PYODIDE_PLUGIN[@]}" -n 2 --dist loadgroup -m "not alone" -rR
pytest tests/browser "${NO_PYODIDE_PLUGIN[@]}" -m alone

echo "---- $step_name: ok ($((SECONDS - step_started)) s)"
echo
echo "all checks passed in $((SECONDS - started)) s"
