#!/usr/bin/env bash
# The project's test command: ./scripts/test.sh
#
# Works from a clean clone on a fresh Debian machine (as root, or with sudo):
# installs what is missing, builds the offline Pyodide folder, then runs every
# check, stopping at the first one that fails. Re-runs skip the installs while
# requirements-dev.txt, pyproject.toml and package*.json are unchanged.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=$ROOT/.venv

# Selenium must use Debian's chromedriver; its Selenium Manager would try to
# download a driver and a browser, and the network is closed here.
export SE_CHROMEDRIVER=/usr/bin/chromedriver
export SE_OFFLINE=true

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

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# One hash over the given files' names and contents; missing files are skipped.
hash_files() {
    local f
    for f in "$@"; do
        if [ -f "$f" ]; then echo "$f" && cat "$f"; fi
    done | sha256sum | cut -d' ' -f1
}

# ---------------------------------------------------------------- system packages
if [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/chromium ]; then
    step "apt: chromium chromium-driver"
    # Another apt may be running (a second session); wait for its lock.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
        install -y -q chromium chromium-driver
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "node and npm are needed (Pyodide's Node runtime, npm packages)" >&2
    exit 1
fi

# ---------------------------------------------------------------- Python tools
deps_stamp=$("$PYTHON" --version)-$(hash_files requirements-dev.txt pyproject.toml)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.deps-stamp" 2>/dev/null)" != "$deps_stamp" ]; then
    step "venv: pip install -r requirements-dev.txt"
    # A venv made by another Python (or broken) is replaced, not patched.
    if [ "$("$VENV/bin/python" --version 2>/dev/null)" != "$("$PYTHON" --version)" ]; then
        rm -rf "$VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q -r requirements-dev.txt
    # Editable, so unit tests see the sources; setuptools comes from the step above.
    "$VENV/bin/python" -m pip install -q --no-build-isolation -e .
    echo "$deps_stamp" >"$VENV/.deps-stamp"
fi
export PATH=$VENV/bin:$PATH

# ---------------------------------------------------------------- npm packages
if [ -f package.json ]; then
    npm_stamp=$(hash_files package.json package-lock.json)
    if [ "$(cat node_modules/.deps-stamp 2>/dev/null)" != "$npm_stamp" ]; then
        step "npm install"
        if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
        echo "$npm_stamp" >node_modules/.deps-stamp
    fi
fi

# ---------------------------------------------------------------- offline Pyodide
step "build dist/pyodide"
python scripts/build_pyodide.py

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
