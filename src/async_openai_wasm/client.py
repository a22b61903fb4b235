"""The client: a config, a transport and the API groups, each loaded on first use."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Unpack

from ._args import CallOptions, Query
from ._pipeline import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Body, Pipeline, RequestOptions
from ._stream import DONE, Stream
from ._transport import Transport, default_transport
from .config import AzureConfig, Config, OpenAIConfig
from .error import InvalidArgumentError

if TYPE_CHECKING:
    from .api.admin import Admin
    from .api.assistants.assistants import Assistants
    from .api.assistants.threads import Threads
    from .api.audio import Audio
    from .api.batches import Batches
    from .api.chat import Chat
    from .api.chatkit import ChatKit
    from .api.completions import Completions
    from .api.containers import Containers
    from .api.content_provenance import ContentProvenanceChecks
    from .api.conversations import Conversations
    from .api.embeddings import Embeddings
    from .api.evals import Evals
    from .api.files import Files
    from .api.fine_tuning import FineTuning
    from .api.images import Images
    from .api.models import Models
    from .api.moderations import Moderations
    from .api.realtime import Realtime
    from .api.responses import Responses
    from .api.skills import Skills
    from .api.uploads import Uploads
    from .api.vector_stores import VectorStores
    from .api.videos import Videos
    from .api.webhooks import Webhooks

__all__ = ["Client"]


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
        _refuse_key_in_browser(config)
        self._pipeline = Pipeline(
            config,
            transport if transport is not None else default_transport(),
            RequestOptions(timeout=timeout, max_retries=max_retries),
        )

    @property
    def config(self) -> Config:
        return self._pipeline.config

    def with_options(self, **options: Unpack[CallOptions]) -> Client:
        """A client for some calls with other options (``timeout``, ``max_retries``,
        ``extra_headers``, ``extra_query``, ``extra_body``; extras are merged over this
        client's), sharing this client's transport."""
        unknown = options.keys() - CallOptions.__annotations__.keys()
        if unknown:
            raise InvalidArgumentError(f"with_options got unknown options: {sorted(unknown)}")
        other = object.__new__(Client)
        other._pipeline = self._pipeline.with_options(**options)
        return other

    # -- untyped calls, for endpoints or providers the types do not cover -----------------

    async def get(
        self,
        path: str,
        *,
        query: Query | None = None,
        cast_to: Any = dict,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``GET {api_base}{path}``, decoded as ``cast_to`` (see :meth:`request`)."""
        return await self.request("GET", path, query=query, cast_to=cast_to, **options)

    async def post(
        self,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        cast_to: Any = dict,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``POST {api_base}{path}`` with a JSON ``body``, decoded as ``cast_to``."""
        return await self.request("POST", path, body=body, query=query, cast_to=cast_to, **options)

    async def patch(
        self,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        cast_to: Any = dict,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``PATCH {api_base}{path}`` with a JSON ``body``, decoded as ``cast_to``."""
        return await self.request("PATCH", path, body=body, query=query, cast_to=cast_to, **options)

    async def delete(
        self,
        path: str,
        *,
        query: Query | None = None,
        cast_to: Any = dict,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``DELETE {api_base}{path}``, decoded as ``cast_to``."""
        return await self.request("DELETE", path, query=query, cast_to=cast_to, **options)

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        cast_to: Any = dict,
        **options: Unpack[CallOptions],
    ) -> Any:
        """Any call through the same pipeline as the typed methods (auth, retries, timeouts,
        typed errors, the key masked). ``path`` is relative to ``api_base`` (``"/models"``);
        ``body`` is a mapping sent as JSON (or a request model). ``cast_to`` is a model, any
        type pydantic validates (``dict``, ``list[Model]``, ...), or ``bytes`` / ``str`` for
        the body as it came."""
        return await self._pipeline.request(
            method, _checked_path(path), cast_to, body=body, query=query, options=options
        )

    async def post_stream(
        self,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        cast_to: Any = dict,
        done: str | None = DONE,
        **options: Unpack[CallOptions],
    ) -> Stream[Any]:
        """``POST {api_base}{path}`` answered with server-sent events: a :class:`Stream` of
        each event's data decoded as ``cast_to`` (``ServerSentEvent`` for the events as they
        came). ``done`` is the data that ends the stream (``None``: the end of the body)."""
        from ._decode import cached_adapter, decode_json, raise_error_event
        from ._sse import ServerSentEvent

        if cast_to is ServerSentEvent:
            decode: Callable[[ServerSentEvent], Any] = lambda event: event  # noqa: E731
        else:
            validate = cached_adapter(cast_to).validate_json
            what = f"a stream event is not a valid {getattr(cast_to, '__name__', cast_to)}"

            def decode(event: ServerSentEvent) -> Any:
                if '"error"' in event.data:  # see _decode.json_events
                    raise_error_event(event.data)
                return decode_json(validate, event.data, what)

        return await self._pipeline.event_stream(
            "POST", _checked_path(path), decode, body=body, query=query, done=done, options=options
        )

    @property
    def admin(self) -> Admin:
        """The organization's administration APIs, sent with the config's ``admin_key``
        (else its API key)."""
        from .api.admin import Admin

        return Admin(self._pipeline.for_admin())

    @property
    def chat(self) -> Chat:
        from .api.chat import Chat

        return Chat(self._pipeline)

    @property
    def models(self) -> Models:
        from .api.models import Models

        return Models(self._pipeline)

    @property
    def completions(self) -> Completions:
        from .api.completions import Completions

        return Completions(self._pipeline)

    @property
    def embeddings(self) -> Embeddings:
        from .api.embeddings import Embeddings

        return Embeddings(self._pipeline)

    @property
    def moderations(self) -> Moderations:
        from .api.moderations import Moderations

        return Moderations(self._pipeline)

    @property
    def images(self) -> Images:
        from .api.images import Images

        return Images(self._pipeline)

    @property
    def audio(self) -> Audio:
        from .api.audio import Audio

        return Audio(self._pipeline)

    @property
    def files(self) -> Files:
        from .api.files import Files

        return Files(self._pipeline)

    @property
    def uploads(self) -> Uploads:
        from .api.uploads import Uploads

        return Uploads(self._pipeline)

    @property
    def fine_tuning(self) -> FineTuning:
        from .api.fine_tuning import FineTuning

        return FineTuning(self._pipeline)

    @property
    def batches(self) -> Batches:
        from .api.batches import Batches

        return Batches(self._pipeline)

    @property
    def vector_stores(self) -> VectorStores:
        from .api.vector_stores import VectorStores

        return VectorStores(self._pipeline)

    @property
    def assistants(self) -> Assistants:
        from .api.assistants.assistants import Assistants

        return Assistants(self._pipeline)

    @property
    def threads(self) -> Threads:
        from .api.assistants.threads import Threads

        return Threads(self._pipeline)

    @property
    def responses(self) -> Responses:
        from .api.responses import Responses

        return Responses(self._pipeline)

    @property
    def containers(self) -> Containers:
        from .api.containers import Containers

        return Containers(self._pipeline)

    @property
    def evals(self) -> Evals:
        from .api.evals import Evals

        return Evals(self._pipeline)

    @property
    def skills(self) -> Skills:
        from .api.skills import Skills

        return Skills(self._pipeline)

    @property
    def videos(self) -> Videos:
        from .api.videos import Videos

        return Videos(self._pipeline)

    @property
    def chatkit(self) -> ChatKit:
        from .api.chatkit import ChatKit

        return ChatKit(self._pipeline)

    @property
    def content_provenance_checks(self) -> ContentProvenanceChecks:
        from .api.content_provenance import ContentProvenanceChecks

        return ContentProvenanceChecks(self._pipeline)

    @property
    def conversations(self) -> Conversations:
        from .api.conversations import Conversations

        return Conversations(self._pipeline)

    @property
    def realtime(self) -> Realtime:
        from .api.realtime import Realtime

        return Realtime(self._pipeline)

    @property
    def webhooks(self) -> Webhooks:
        from .api.webhooks import Webhooks

        return Webhooks()

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


def _checked_path(path: str) -> str:
    if not isinstance(path, str) or not path.startswith("/"):
        raise InvalidArgumentError(
            f"path must be relative to api_base and start with '/', such as '/models'; got {path!r}"
        )
    return path


def _refuse_key_in_browser(config: Config) -> None:
    """A secret key in a page or a worker is readable by anyone who opens it: refuse to send
    one to OpenAI from there unless the config says it is intended. openai-node refuses too
    (in any page, whatever the key and host); ephemeral keys (``ek_``), made for browsers, and
    other hosts (a proxy that holds the key, a local server) pass."""
    if getattr(config, "dangerously_allow_browser", False) or not _in_browser():
        return
    from urllib.parse import urlsplit  # see _pipeline.Pipeline.build

    if urlsplit(config.api_base).hostname != "api.openai.com":
        return
    if all(secret.startswith("ek_") for secret in config.secrets()):
        return
    raise InvalidArgumentError(
        "refusing to send a secret OpenAI API key from a browser page or worker, where anyone "
        "who opens it can read it. Use a server-side proxy or an ephemeral key, or pass "
        "dangerously_allow_browser=True to the config if you understand the risk."
    )


def _in_browser() -> bool:
    import sys

    if sys.platform != "emscripten":
        return False
    import js

    return hasattr(js, "document") or hasattr(js, "WorkerGlobalScope")
