"""The client: a config, a transport and the API groups, each loaded on first use."""

from __future__ import annotations

import warnings
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._pipeline import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Pipeline, RequestOptions
from ._transport import Transport, default_transport
from .config import AzureConfig, Config, OpenAIConfig

if TYPE_CHECKING:
    from .assistants import Assistants
    from .audio import Audio
    from .batches import Batches
    from .chat import Chat
    from .completions import Completions
    from .embeddings import Embeddings
    from .files import Files
    from .fine_tuning import FineTuning
    from .images import Images
    from .models import Models
    from .moderations import Moderations
    from .responses import Responses
    from .threads import Threads
    from .uploads import Uploads
    from .vector_stores import VectorStores

__all__ = ["Client"]

_UNSET: Any = object()


class Client:
    """An async OpenAI API client.

    ``config`` says where and how to authenticate (default: ``OpenAIConfig()`` from the
    environment). ``transport`` defaults to the browser's fetch in Pyodide and to httpx on
    CPython. ``timeout`` (seconds, ``None`` for none) and ``max_retries`` apply to every call;
    ``with_options`` makes a client that shares this one's transport with other values.
    """

    def __init__(
        self,
        config: OpenAIConfig | AzureConfig | Config | None = None,
        *,
        transport: Transport | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        config = config if config is not None else OpenAIConfig()
        _warn_if_key_exposed(config)
        self._pipeline = Pipeline(
            config,
            transport if transport is not None else default_transport(),
            RequestOptions(timeout=timeout, max_retries=max_retries),
        )

    @property
    def config(self) -> Config:
        return self._pipeline.config

    def with_options(self, *, timeout: float | None = _UNSET, max_retries: int = _UNSET) -> Client:
        """A client for some calls with another timeout or retry count, same transport."""
        changes = {
            k: v for k, v in (("timeout", timeout), ("max_retries", max_retries)) if v is not _UNSET
        }
        other = object.__new__(Client)
        other._pipeline = self._pipeline.with_options(**changes)
        return other

    @property
    def chat(self) -> Chat:
        from .chat import Chat

        return Chat(self._pipeline)

    @property
    def models(self) -> Models:
        from .models import Models

        return Models(self._pipeline)

    @property
    def completions(self) -> Completions:
        from .completions import Completions

        return Completions(self._pipeline)

    @property
    def embeddings(self) -> Embeddings:
        from .embeddings import Embeddings

        return Embeddings(self._pipeline)

    @property
    def moderations(self) -> Moderations:
        from .moderations import Moderations

        return Moderations(self._pipeline)

    @property
    def images(self) -> Images:
        from .images import Images

        return Images(self._pipeline)

    @property
    def audio(self) -> Audio:
        from .audio import Audio

        return Audio(self._pipeline)

    @property
    def files(self) -> Files:
        from .files import Files

        return Files(self._pipeline)

    @property
    def uploads(self) -> Uploads:
        from .uploads import Uploads

        return Uploads(self._pipeline)

    @property
    def fine_tuning(self) -> FineTuning:
        from .fine_tuning import FineTuning

        return FineTuning(self._pipeline)

    @property
    def batches(self) -> Batches:
        from .batches import Batches

        return Batches(self._pipeline)

    @property
    def vector_stores(self) -> VectorStores:
        from .vector_stores import VectorStores

        return VectorStores(self._pipeline)

    @property
    def assistants(self) -> Assistants:
        from .assistants import Assistants

        return Assistants(self._pipeline)

    @property
    def threads(self) -> Threads:
        from .threads import Threads

        return Threads(self._pipeline)

    @property
    def responses(self) -> Responses:
        from .responses import Responses

        return Responses(self._pipeline)

    async def aclose(self) -> None:
        await self._pipeline.transport.aclose()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"Client({self.config!r})"


_warned_browser_key = False


def _warn_if_key_exposed(config: Config) -> None:
    """A secret key in a page is readable by anyone who opens it; say so once, as openai-node
    does, unless the config says it is intended."""
    global _warned_browser_key
    if _warned_browser_key or getattr(config, "dangerously_allow_browser", False):
        return
    if not _in_browser():
        return
    from urllib.parse import urlsplit  # see _pipeline.Pipeline.build

    if urlsplit(config.api_base).hostname != "api.openai.com":
        return
    if not any(secret.startswith("sk-") for secret in config.secrets()):
        return
    _warned_browser_key = True
    warnings.warn(
        "This page sends a secret OpenAI API key from the browser, where anyone who opens it "
        "can read it. Use a server-side proxy or an ephemeral key, or pass "
        "dangerously_allow_browser=True to the config if you understand the risk.",
        stacklevel=3,
    )


def _in_browser() -> bool:
    import sys

    if sys.platform != "emscripten":
        return False
    import js

    return hasattr(js, "document") or hasattr(js, "WorkerGlobalScope")
