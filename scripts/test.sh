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
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "\n#### FAILED: %s (exit %s)\n" "${step_name:-setup}" $rc; fi' EXIT

# shellcheck source=scripts/setup.sh
source "$(dirname "$0")/setup.sh"

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

step "pytest tests/unit"
pytest_dir tests/unit "${NO_PYODIDE_PLUGIN[@]}"

step "pytest tests/pyodide (Node and Chrome)"
pytest_dir tests/pyodide --dist-dir=dist/pyodide --runtime=node,chrome

step "pytest tests/browser"
pytest_dir tests/browser "${NO_PYODIDE_PLUGIN[@]}"

echo "---- $step_name: ok ($((SECONDS - step_started)) s)"
echo
echo "all checks passed in $((SECONDS - started)) s"
