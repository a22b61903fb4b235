"""Test helpers: a mock OpenAI-compatible server (``MockServer``), standard library only, and
a pytest plugin (``pytest_plugin``: the ``mock_openai`` fixture), which pytest loads through
the package's ``pytest11`` entry point.

Names are loaded on first use so that ``python -m async_openai_wasm.testing.mock_server`` does
not import the module twice (runpy warns about that), and importing this package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .mock_server import MockOptions, MockServer, RecordedRequest, run_in_thread

__all__ = ["MockOptions", "MockServer", "RecordedRequest", "run_in_thread"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import mock_server

        return getattr(mock_server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
