"""A user's way in: micropip.install() of our wheel from a URL, then import it.

micropip is the one in dist/pyodide's lock file (0.7.2 from PyPI, patched for Pyodide 314
by scripts/build_pyodide.py), loaded as a user loads it: ``loadPackage("micropip")``. The
wheel's dependency pydantic is resolved from the same lock file.
"""

import pytest
from pytest_pyodide import run_in_pyodide

# micropip must find the package not installed yet.
pytestmark = pytest.mark.own_runner


@run_in_pyodide(packages=["micropip"])
async def _install_and_import(selenium, wheel_url):
    import sys

    import micropip

    assert "async_openai_wasm" not in sys.modules
    await micropip.install(wheel_url)

    import pydantic

    import async_openai_wasm

    assert "/site-packages/async_openai_wasm/" in async_openai_wasm.__file__
    assert pydantic.VERSION == "2.14.3"
    installed = micropip.list()
    assert "async-openai-wasm" in installed or "async_openai_wasm" in installed

    # A frozen lock names the wheels by absolute URL (PyScript loads it from its cache, away
    # from the folder the names were relative to).
    import json

    frozen = json.loads(micropip.freeze())["packages"]["pydantic"]["file_name"]
    assert frozen.startswith(("http://", "/")), frozen
    assert frozen.endswith("/pydantic-2.14.3-py3-none-any.whl"), frozen


def test_micropip_install_from_url(selenium, own_wheel_name):
    # An absolute URL: Node has no page location to resolve a relative one.
    _install_and_import(selenium, f"{selenium.base_url}/{own_wheel_name}")
