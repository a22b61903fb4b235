"""The Chromium flags every test that starts Chromium uses (pytest-pyodide's Chrome runtime
in tests/pyodide, selenium on the demo page in tests/browser); each adds its own."""

__all__ = ["CHROME_FLAGS"]

# The tests run as root on a machine without a network. --headless=new/--no-sandbox: as root
# Chromium refuses to start sandboxed. The --disable-* and --no-first-run flags stop its own
# background connections (updates, sync, ...), which fail loudly here and slow every start.
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
