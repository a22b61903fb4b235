"""Let micropip 0.7.2 install wheels in Pyodide 314 without the Pyodide CDN.

For offline tests only. Online users get the micropip that matches their
Pyodide from the CDN and never need this module.

The only micropip on PyPI that this project can reach is 0.7.2, which was
written for an older Pyodide. Importing it on Pyodide 314 fails on three
names that Pyodide has since renamed or removed; this module puts them back
so that, after ``import micropip_offline``::

    import micropip
    await micropip.install("http://127.0.0.1:PORT/some_pkg-1.0-py3-none-any.whl")

works in Node and in Chrome. Dependencies of the wheel are resolved against
the (rewritten) pyodide-lock.json, so they load from the same dist folder.

It must be imported before ``micropip``. It is shipped in dist/pyodide both as
a plain file and as the wheel ``micropip-offline`` listed in the lock file, so
``pyodide.loadPackage("micropip-offline")`` (or run_in_pyodide's
``packages=["micropip-offline"]``) makes it importable.
"""

import sys

if sys.platform != "emscripten":  # pragma: no cover - only meaningful in Pyodide
    raise ImportError("micropip_offline only works inside Pyodide")

if "micropip" in sys.modules:
    # micropip reads these names at import time, so patching later is useless.
    raise ImportError("import micropip_offline before micropip")

import pyodide.ffi
import pyodide_js
from pyodide.ffi import create_proxy

_api = pyodide_js._api

# 1. micropip does `from pyodide.ffi import IN_BROWSER`; Pyodide 314 no longer
#    exports it. micropip only uses it to decide whether a failed import of
#    Pyodide internals is fatal, so "we are in Pyodide" is the right value in
#    Node as well as in a browser.
if not hasattr(pyodide.ffi, "IN_BROWSER"):
    pyodide.ffi.IN_BROWSER = True  # type: ignore[attr-defined]

# 2. The package index that Pyodide loaded from pyodide-lock.json was called
#    "repodata" in the Pyodide that micropip 0.7.2 knows; same data, new names.
if not hasattr(_api, "repodata_packages"):
    _api.repodata_packages = _api.lockfile_packages
if not hasattr(_api, "repodata_info"):
    _api.repodata_info = _api.lockfile_info


# 3. micropip calls `_api.loadDynlibsFromPackage(pkg, paths)` after unpacking a
#    wheel that contains shared libraries (.so). Pyodide 314 keeps that method
#    on an internal object but exposes `_api.loadDynlib(path)`; loading each
#    library in order is what the old helper did.
async def _load_dynlibs_from_package(pkg: object, dynlibs: list[str]) -> None:
    for path in dynlibs:
        await _api.loadDynlib(path)


if not hasattr(_api, "loadDynlibsFromPackage"):
    # create_proxy keeps the function alive on the JS side; when micropip reads
    # it back through `pyodide_js._api` it gets this Python function again.
    _api.loadDynlibsFromPackage = create_proxy(_load_dynlibs_from_package)
