"""The one request path every API group uses: build, send, retry, time out.

API-group modules describe a call (method, path, body, the type to decode into); this module
is the only place that knows about auth headers, query strings, retries, timeouts and status
codes. Decoding bodies and events is :mod:`._decode`'s; checking arguments is :mod:`._args`'s.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._args import CallOptions, Query
from ._decode import (
    ChoicesFinished,
    cached_adapter,
    error_fields,
    json_batches,
    json_events,
    validation_summary,
)
from ._sse import Run, ServerSentEvent
from ._stream import DONE, Stream, StreamEnd, set_request_id
from ._timeout import sleep, time_limit
from ._transport import MultipartForm, Request, Response, Transport
from .config import Config
from .error import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    InvalidArgumentError,
    JSONDeserializeError,
    OpenAIError,
    StreamError,
    mask_secrets,
    redact,
    status_error_class,
)
from .types._base import RequestModel

if TYPE_CHECKING:
    from ._pagination import Page, Paginator

__all__ = ["Body", "Pipeline", "RequestOptions"]

log = logging.getLogger("async_openai_wasm")

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

Body = RequestModel | Mapping[str, Any] | MultipartForm | None

# openai-python's policy: 0.5 s doubling to 8 s, less up to a quarter at random so that
# many clients throttled together do not come back together.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A server may ask for a longer wait than our own backoff, but not for an unbounded one.
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({408, 409, 429})
DEFAULT_TIMEOUT = 600.0
DEFAULT_MAX_RETRIES = 2


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """A client's options, changed for some calls with ``client.with_options(...)`` or for
    one call with the method's own keyword options (see :class:`._args.CallOptions`).

    ``timeout`` bounds the wait for the response headers, and then each wait for more of the
    body; ``None`` waits forever.
    """

    timeout: float | None = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    extra_query: Query = field(default_factory=dict)
    extra_body: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Checked here, a wrong value names itself instead of failing obscurely mid-request.
        timeout = self.timeout
        if timeout is not None and (
            isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not timeout > 0  # also rejects nan
        ):
            raise InvalidArgumentError(
                f"timeout must be a number of seconds above 0 (or None for no limit), "
                f"got {timeout!r}"
            )
        retries = self.max_retries
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise InvalidArgumentError(
                f"max_retries must be a whole number, 0 or more, got {retries!r}"
            )
        for name in ("extra_headers", "extra_query", "extra_body"):
            if not isinstance(getattr(self, name), Mapping):
                raise InvalidArgumentError(
                    f"{name} must be a mapping, got {type(getattr(self, name)).__name__}"
                )
        for key, value in self.extra_headers.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise InvalidArgumentError(
                    f"extra_headers must map names to strings, got {key!r}: {type(value).__name__}"
                )

    def merged(self, call: CallOptions) -> RequestOptions:
        """These options with one call's over them (the call's extras win, key by key)."""
        changes: dict[str, Any] = {}
        for name, value in call.items():
            if name.startswith("extra_"):
                if not isinstance(value, Mapping):
                    raise InvalidArgumentError(
                        f"{name} must be a mapping, got {type(value).__name__}"
                    )
                value = {**getattr(self, name), **value}
            changes[name] = value
        return replace(self, **changes)


class Pipeline:
    def __init__(
        self,
        config: Config,
        transport: Transport,
        options: RequestOptions,
        seen: list[tuple[Response, int]] | None = None,
    ) -> None:
        self.config = config
        self.transport = transport
        self.options = options
        # Where the raw-response wrapper collects the responses of its call (see api/_base.py).
        self._seen = seen

    def with_options(self, **changes: Any) -> Pipeline:
        return Pipeline(self.config, self.transport, self.options.merged(changes), self._seen)  # type: ignore[arg-type]

    def for_admin(self) -> Pipeline:
        """This pipeline sending the config's admin key, for configs that have one."""
        for_admin = getattr(self.config, "for_admin", None)
        config = for_admin() if for_admin is not None else self.config
        return Pipeline(config, self.transport, self.options, self._seen)

    def recording(self, seen: list[tuple[Response, int]]) -> Pipeline:
        """This pipeline, also appending each successful response to ``seen``, with the
        number of retries before it."""
        return Pipeline(self.config, self.transport, self.options, seen)

    def _for_call(self, call: CallOptions | None) -> Pipeline:
        return self.with_options(**call) if call else self

    # -- the calls API groups make -------------------------------------------------------

    async def json(
        self,
        method: str,
        path: str,
        cast: type[M],
        *,
        body: Body = None,
        query: Query | None = None,
        options: CallOptions | None = None,
    ) -> M:
        result: M = await self.request(method, path, cast, body=body, query=query, options=options)
        return result

    async def request(
        self,
        method: str,
        path: str,
        cast: Any,
        *,
        body: Body = None,
        query: Query | None = None,
        options: CallOptions | None = None,
    ) -> Any:
        """The body decoded as ``cast``: a model, any type pydantic validates (``dict``,
        ``list[Model]``, ...), or ``bytes`` / ``str`` for the body as it came."""
        pipeline = self._for_call(options)
        raw = cast is bytes or cast is str
        accept = "*/*" if raw else "application/json"
        request = pipeline.build(method, path, body=body, query=query, accept=accept)
        response = await pipeline.send(request)
        data = await pipeline._read(response)
        if cast is bytes:
            return data
        if cast is str:
            return data.decode("utf-8", "replace")
        try:
            if isinstance(cast, type) and issubclass(cast, BaseModel):
                result: Any = cast.model_validate_json(data)
            else:
                result = cached_adapter(cast).validate_json(data)
        except ValidationError as exc:
            name = getattr(cast, "__name__", str(cast))
            error = JSONDeserializeError(
                f"the response to {method} {path} is not a valid {name}: {validation_summary(exc)}",
                raw=data.decode("utf-8", "replace"),
                status_code=response.status_code,
            )
            raise redact(error, self.config.secrets()) from exc
        set_request_id(result, response.headers.get("x-request-id"))
        return result

    async def content(
        self,
        method: str,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        options: CallOptions | None = None,
    ) -> bytes:
        """The raw body, for binary downloads (file content, speech) and text answers
        (subtitles): it need not be JSON, so any type is accepted."""
        data: bytes = await self.request(
            method, path, bytes, body=body, query=query, options=options
        )
        return data

    def page(
        self,
        path: str,
        item: type[T],
        *,
        query: Query | None = None,
        options: CallOptions | None = None,
        cursor_param: str = "after",
    ) -> Paginator[T]:
        """A list endpoint: await it for the first page, iterate it for every item. The next
        page is asked for with the last page's cursor as ``cursor_param`` (``page`` for usage
        buckets)."""
        # Here rather than at the top: the generic Page model costs import time, and only
        # list calls need it (the same goes for email.utils in _retry_after).
        from ._pagination import Page, Paginator

        page_type = Page[item]  # type: ignore[valid-type]

        async def fetch(after: str | None) -> Page[T]:
            cursor = {cursor_param: after} if after else {}
            return await self.json(
                "GET", path, page_type, query={**(query or {}), **cursor}, options=options
            )

        return Paginator(fetch)

    async def stream(
        self,
        method: str,
        path: str,
        cast: type[M],
        *,
        body: Body = None,
        query: Query | None = None,
        options: CallOptions | None = None,
        choices: int = 1,
    ) -> Stream[M]:
        """A stream of chunks with ``choices`` (chat, completions): complete at ``[DONE]``, or
        once each of the ``choices`` gave its ``finish_reason``, or at the usage chunk."""
        return await self.event_stream(
            method,
            path,
            json_events(cast),
            body=body,
            query=query,
            done=DONE,
            end=ChoicesFinished(choices),
            decode_batch=json_batches(cast),
            options=options,
        )

    async def event_stream(
        self,
        method: str,
        path: str,
        decode: Callable[[ServerSentEvent], T | None],
        *,
        body: Body = None,
        query: Query | None = None,
        done: str | None = DONE,
        end: StreamEnd[T] | None = None,
        decode_batch: Callable[[Run], list[T] | None] | None = None,
        options: CallOptions | None = None,
    ) -> Stream[T]:
        """A stream whose events ``decode`` turns into items (``done``, ``end`` and
        ``decode_batch``: see :class:`Stream`). Errors in the HTTP status raise here, before
        the first item, and so does a JSON or HTML answer (a proxy's error, or a server that
        does not stream); retries happen only before the first byte."""
        pipeline = self._for_call(options)
        request = pipeline.build(method, path, body=body, query=query, accept="text/event-stream")
        response = await pipeline.send(request)
        content_type = response.headers.get("content-type", "")
        if "json" in content_type or "html" in content_type:
            raise await pipeline._not_a_stream(response, content_type)
        return Stream(
            response,
            decode,
            decode_batch=decode_batch,
            done=done,
            end=end,
            read_timeout=pipeline.options.timeout,
            secrets=self.config.secrets(),
        )

    # -- the steps -----------------------------------------------------------------------

    def build(
        self,
        method: str,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        accept: str = "application/json",
    ) -> Request:
        extra = self.options
        params = {
            k: _query_value(v)
            for k, v in {**self.config.query(), **(query or {}), **extra.extra_query}.items()
            if v is not None
        }
        url = self.config.url(path)
        if params:
            # Imported here: compiling urllib.parse is half of this package's import time in
            # Pyodide (its standard library ships as source), and fetch needs it only later.
            from urllib.parse import urlencode

            url = f"{url}?{urlencode(params, doseq=True)}"
        headers = {"Accept": accept, **self.config.headers()}
        content: str | MultipartForm | None
        if isinstance(body, MultipartForm):
            content = _with_form_fields(body, extra.extra_body)
        elif body is None and not extra.extra_body:
            content = None
        else:
            wire = body.to_wire() if isinstance(body, RequestModel) else dict(body or {})
            wire.update(extra.extra_body)
            content = json.dumps(wire, separators=(",", ":"), ensure_ascii=False)
            headers["Content-Type"] = "application/json"
        headers.update(extra.extra_headers)
        return Request(method, url, headers, content)

    async def send(self, request: Request) -> Response:
        """Sends with retries; returns a response with a success status or raises."""
        attempt = 0
        while True:
            self._log(request, attempt)
            try:
                response = await self._with_timeout(self.transport.send(request), request)
            except APIConnectionError:
                if attempt >= self.options.max_retries:
                    raise
                delay = _backoff(attempt, {})
            else:
                if response.status_code < 400:
                    if self._seen is not None:
                        self._seen.append((response, attempt))
                    return response
                error = await self._status_error(response)
                if attempt >= self.options.max_retries or not _should_retry(response, error):
                    raise error
                delay = _backoff(attempt, response.headers)
            attempt += 1
            log.info("retrying %s in %.2f s (retry %d)", request.describe(), delay, attempt)
            await sleep(delay)

    async def _read(self, response: Response) -> bytes:
        return await self._with_timeout(response.aread(), None)

    async def _with_timeout(self, awaitable: Awaitable[T], request: Request | None) -> T:
        timeout = self.options.timeout
        if timeout is None:
            return await awaitable
        try:
            async with time_limit(timeout):
                return await awaitable
        except APITimeoutError:
            raise
        except TimeoutError as exc:
            what = request.describe() if request else "reading the response"
            raise APITimeoutError(f"{what} timed out after {timeout} s") from exc

    async def _status_error(self, response: Response) -> APIError:
        raw = (await self._read(response)).decode("utf-8", "replace")
        fields = error_fields(raw, response.headers.get("content-type", ""))
        error = status_error_class(response.status_code)(
            fields.pop("message"),
            status_code=response.status_code,
            request_id=response.headers.get("x-request-id"),
            body=fields.pop("body"),
            **fields,
        )
        return redact(error, self.config.secrets())  # some proxies echo what they got

    async def _not_a_stream(self, response: Response, content_type: str) -> OpenAIError:
        """The error for a stream answered with a plain body: the server's error if the body
        is one (``{"error": ...}``), else a :class:`StreamError` quoting it."""
        raw = (await self._read(response)).decode("utf-8", "replace")
        fields = error_fields(raw, content_type)
        body = fields.pop("body")
        error: OpenAIError
        if isinstance(body, dict) and (body.get("error") is not None or "detail" in body):
            error = APIError(
                fields.pop("message"),
                status_code=response.status_code,
                request_id=response.headers.get("x-request-id"),
                body=body,
                **fields,
            )
        else:
            message = fields["message"]
            error = StreamError(
                f"a streaming call was answered with {content_type}, not an event stream: "
                + (message if len(message) <= 500 else f"{message[:500]}... ({len(raw)} chars)")
            )
        return redact(error, self.config.secrets())

    def _log(self, request: Request, attempt: int) -> None:
        if log.isEnabledFor(logging.DEBUG):
            headers = mask_secrets(dict(request.headers), self.config.secrets())
            log.debug("%s (attempt %d) headers=%s", request.describe(), attempt + 1, headers)


def _with_form_fields(form: MultipartForm, extra: Mapping[str, Any]) -> MultipartForm:
    """``extra_body`` in a multipart form: strings as they are, anything else as JSON."""
    if not extra:
        return form
    added = [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in extra.items()]
    kept = [(k, v) for k, v in form.fields if k not in extra]
    return MultipartForm(fields=kept + added, files=form.files)


def _should_retry(response: Response, error: APIError) -> bool:
    explicit = response.headers.get("x-should-retry")
    if explicit in ("true", "false"):
        return explicit == "true"
    if error.code == "insufficient_quota":  # waiting does not refill a quota
        return False
    return response.status_code in RETRY_STATUSES or response.status_code >= 500


def _backoff(attempt: int, headers: Mapping[str, str]) -> float:
    asked = _retry_after(headers)
    if asked is not None and 0 <= asked <= MAX_RETRY_AFTER:
        return asked
    delay = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * random.random())


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, or ``retry-after`` as
    seconds or as an HTTP date."""
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _query_value(value: str | int | float | bool | Sequence[str]) -> str | list[str]:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return [str(item) for item in value]
