#!/usr/bin/env bash
# The demo command: ./scripts/demo.sh [--worker] [--base-url URL] [--port 8000] [--mock-port 8787] ...
# Installs and builds what is missing, then serves the chat page and the mock server on
# 127.0.0.1 and prints the URL to open. Options: python scripts/demo.py --help.
set -euo pipefail
NEED_CHROMIUM=0
# shellcheck source=scripts/setup.sh
source "$(dirname "$0")/setup.sh"
exec python scripts/demo.py "$@"
