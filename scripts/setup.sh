#!/usr/bin/env bash
# Installs what the demo and the tests need, on a fresh Debian machine (as root, or with sudo):
# Chromium and its driver (apt), the Python venv (requirements-dev.txt), npm packages, then the
# offline Pyodide folder. Sourced by scripts/test.sh and scripts/demo.sh; re-runs skip the
# installs while requirements-dev.txt, pyproject.toml and package*.json are unchanged.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=$ROOT/.venv

# Selenium must use Debian's chromedriver; its Selenium Manager would try to
# download a driver and a browser, and the network is closed here.
export SE_CHROMEDRIVER=/usr/bin/chromedriver
export SE_OFFLINE=true

# test.sh prints a header per step; alone, a plain line will do.
if ! declare -F step >/dev/null; then
    step() { printf '\n==== %s ====\n' "$1"; }
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# One hash over the given files' names and contents; missing files are skipped.
hash_files() {
    local f
    for f in "$@"; do
        if [ -f "$f" ]; then echo "$f" && cat "$f"; fi
    done | sha256sum | cut -d' ' -f1
}

# ---------------------------------------------------------------- system packages
# The demo only needs a browser to open the page; the tests drive this one.
if [ "${NEED_CHROMIUM:-1}" = 1 ] && { [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/chromium ]; }; then
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
deps_stamp=$("$PYTHON" --version)-$(hash_files requirements-dev.txt pyproject.toml testing/pyproject.toml)
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
    # The mock server and pytest fixtures: a distribution of their own (testing/pyproject.toml).
    "$VENV/bin/python" -m pip install -q --no-build-isolation --no-deps -e ./testing
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
