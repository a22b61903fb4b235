"""The one request path every API group uses: build, send, retry, map errors, decode.

API-group modules describe a call (method, path, body, the type to decode into); this module
is the only place that knows about auth headers, query strings, retries, timeouts, status
codes and body formats.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._sse import DataRun, ServerSentEvent
from ._stream import DONE, Stream
from ._timeout import sleep, time_limit
from ._transport import MultipartForm, Request, Response, Transport
from .config import Config, mask_secrets
from .error import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    JSONDeserializeError,
    redact,
    status_error_class,
)
from .types._base import RequestModel

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from ._pagination import Page, Paginator

__all__ = ["Pipeline", "RequestOptions"]

log = logging.getLogger("async_openai_wasm")

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

# A sequence value is sent as its key repeated (``include[]=a&include[]=b``).
Query = Mapping[str, str | int | float | bool | Sequence[str] | None]
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
    """Per-client defaults, overridable per call with ``client.with_options(...)``.

    ``timeout`` bounds the wait for the response headers, and then each wait for more of the
    body; ``None`` waits forever.
    """

    timeout: float | None = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES

    def __post_init__(self) -> None:
        # Checked here, a wrong value names itself instead of failing obscurely mid-request.
        from .error import InvalidArgumentError

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


class Pipeline:
    def __init__(self, config: Config, transport: Transport, options: RequestOptions) -> None:
        self.config = config
        self.transport = transport
        self.options = options

    def with_options(self, **changes: Any) -> Pipeline:
        return Pipeline(self.config, self.transport, replace(self.options, **changes))

    # -- the calls API groups make -------------------------------------------------------

    async def json(
        self,
        method: str,
        path: str,
        cast: type[M],
        *,
        body: Body = None,
        query: Query | None = None,
    ) -> M:
        response = await self.send(self.build(method, path, body=body, query=query))
        text = await self._read(response)
        try:
            return cast.model_validate_json(text)
        except ValidationError as exc:
            error = JSONDeserializeError(
                f"the response to {method} {path} is not a valid {cast.__name__}: {_summary(exc)}",
                raw=text.decode("utf-8", "replace"),
                status_code=response.status_code,
            )
            raise redact(error, self.config.secrets()) from exc

    async def content(
        self,
        method: str,
        path: str,
        *,
        body: Body = None,
        query: Query | None = None,
        accept: str = "*/*",
    ) -> bytes:
        """The raw body, for binary downloads (file content, speech) and text answers
        (subtitles): ``accept`` is any type by default, as the body need not be JSON."""
        request = self.build(method, path, body=body, query=query, accept=accept)
        response = await self.send(request)
        return await self._read(response)

    def page(self, path: str, item: type[T], *, query: Query | None = None) -> Paginator[T]:
        """A list endpoint: await it for the first page, iterate it for every item."""
        # Here rather than at the top: the generic Page model costs import time, and only
        # list calls need it (the same goes for email.utils in _retry_after).
        from ._pagination import Page, Paginator

        page_type = Page[item]  # type: ignore[valid-type]

        async def fetch(after: str | None) -> Page[T]:
            cursor = {"after": after} if after else {}
            return await self.json("GET", path, page_type, query={**(query or {}), **cursor})

        return Paginator(fetch)

    async def stream(
        self,
        method: str,
        path: str,
        cast: type[M],
        *,
        body: Body = None,
        query: Query | None = None,
    ) -> Stream[M]:
        return await self.event_stream(
            method,
            path,
            _json_events(cast),
            body=body,
            query=query,
            done=DONE,
            decode_batch=_json_batches(cast),
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
        decode_batch: Callable[[DataRun], list[T] | None] | None = None,
    ) -> Stream[T]:
        """A stream whose events ``decode`` turns into items (``decode_batch``: see
        :class:`Stream`). Errors in the HTTP status raise here, before the first item; retries
        happen only before the first byte."""
        request = self.build(method, path, body=body, query=query, accept="text/event-stream")
        response = await self.send(request)
        return Stream(
            response,
            decode,
            decode_batch=decode_batch,
            done=done,
            read_timeout=self.options.timeout,
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
        params = {
            **self.config.query(),
            **{k: _query_value(v) for k, v in (query or {}).items() if v is not None},
        }
        url = self.config.url(path)
        if params:
            # Imported here: compiling urllib.parse is half of this package's import time in
            # Pyodide (its standard library ships as source), and fetch needs it only later.
            from urllib.parse import urlencode

            url = f"{url}?{urlencode(params, doseq=True)}"
        headers = {"Accept": accept, **self.config.headers()}
        content: str | MultipartForm | None
        if body is None or isinstance(body, MultipartForm):
            content = body
        else:
            wire = body.to_wire() if isinstance(body, RequestModel) else dict(body)
            content = json.dumps(wire, separators=(",", ":"), ensure_ascii=False)
            headers["Content-Type"] = "application/json"
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
        fields = _error_fields(raw, response.headers.get("content-type", ""))
        error = status_error_class(response.status_code)(
            fields.pop("message"),
            status_code=response.status_code,
            request_id=response.headers.get("x-request-id"),
            body=fields.pop("body"),
            **fields,
        )
        return redact(error, self.config.secrets())  # some proxies echo what they got

    def _log(self, request: Request, attempt: int) -> None:
        if log.isEnabledFor(logging.DEBUG):
            headers = mask_secrets(dict(request.headers), self.config.secrets())
            log.debug("%s (attempt %d) headers=%s", request.describe(), attempt + 1, headers)


def _json_events(cast: type[M]) -> Callable[[ServerSentEvent], M]:
    def decode(event: ServerSentEvent) -> M:
        data = event.data
        # A quoted "error" can only be a key or a value in JSON text (a quote inside a string
        # is escaped), so this cheap test sends only candidate error events to json.loads.
        if '"error"' in data:
            raise_error_event(data)
        return decode_json(
            cast.model_validate_json, data, f"a stream event is not a valid {cast.__name__}"
        )

    return decode


def _json_batches(cast: type[M]) -> Callable[[DataRun], list[M] | None]:
    """A run of events validated as one JSON list: a single call into pydantic-core on one
    string, instead of an event, a string and a call per event, which more than halves the
    cost per event in WebAssembly.

    ``None`` hands the events to the per-event path (``_json_events``), which reports errors
    event by event after the items before them: when one may be an error event, or when the
    batch does not validate. A malformed event fails the batch, or changes its number of
    items, so it goes that way too; only several malformed events that happen to add up to as
    many valid objects (a contrived stream, not a server's slip) could pass as a batch.
    """
    adapter = _list_adapter(cast)

    def decode_batch(run: DataRun) -> list[M] | None:
        joined = run.joined(",")
        if '"error"' in joined:  # see _json_events
            return None
        try:
            items = adapter.validate_json(f"[{joined}]")
        except ValidationError:
            return None
        return items if len(items) == len(run) else None

    return decode_batch


_list_adapters: dict[type[BaseModel], Any] = {}


def _list_adapter(cast: type[M]) -> TypeAdapter[list[M]]:
    """A cached ``TypeAdapter(list[cast])``: building one costs milliseconds."""
    adapter = _list_adapters.get(cast)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _list_adapters[cast] = TypeAdapter(list[cast])  # type: ignore[valid-type]
    return adapter


def decode_json(validate: Callable[[str], T], data: str, what: str) -> T:
    """``validate(data)``; JSON that does not parse or fit raises :class:`JSONDeserializeError`
    as ``what: <the first errors>``, keeping the raw text."""
    try:
        return validate(data)
    except ValidationError as exc:
        raise JSONDeserializeError(f"{what}: {_summary(exc)}", raw=data) from exc


def raise_error_event(data: str) -> None:
    """Raises :class:`APIError` if the event's JSON is an ``{"error": ...}`` object."""
    try:
        parsed = json.loads(data)
    except ValueError:
        return
    if isinstance(parsed, dict) and parsed.get("error") is not None and len(parsed) <= 2:
        raise error_from_event(data)


def error_from_event(data: str) -> APIError:
    """The :class:`APIError` an error event carries, its JSON being ``{"error": {...}}`` or
    the error object itself (the Assistants stream's ``event: error``)."""
    fields = _error_fields(data, "application/json")
    return APIError(fields.pop("message"), body=fields.pop("body"), **fields)


def _error_fields(raw: str, content_type: str) -> dict[str, Any]:
    """message, type, param, code and body of an error response, whatever its shape."""
    body: Any = raw
    with contextlib.suppress(ValueError):
        body = json.loads(raw)
    error = body.get("error", body) if isinstance(body, dict) else None
    if isinstance(error, dict):
        return {
            "message": str(error.get("message") or error.get("detail") or raw or "(no message)"),
            "type": _str_or_none(error.get("type")),
            "param": _str_or_none(error.get("param")),
            "code": _str_or_none(error.get("code")),
            "body": body,
        }
    if isinstance(error, str):
        return {"message": error, "type": None, "param": None, "code": None, "body": body}
    if "html" in content_type or raw.lstrip()[:1] == "<":
        message = f"the server answered with an HTML page, not JSON (a proxy?): {_title(raw)}"
    else:
        message = raw.strip()[:500] or "(empty body)"
    return {"message": message, "type": None, "param": None, "code": None, "body": raw}


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


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _title(html: str) -> str:
    start = html.lower().find("<title>")
    end = html.lower().find("</title>")
    if 0 <= start < end:
        return html[start + 7 : end].strip()[:200]
    return html.strip()[:200]


def _summary(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    shown = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in errors[:3]
    )
    return shown + (f" (+{len(errors) - 3} more)" if len(errors) > 3 else "")


R = TypeVar("R", bound=RequestModel)


def request_body(
    cls: type[R], request: R | Mapping[str, Any] | None, fields: Mapping[str, Any]
) -> R:
    """The typed body of a call made with either a request object or keyword fields.

    Bad input becomes an :class:`InvalidArgumentError` naming each wrong field, before
    anything is sent.
    """
    from .error import InvalidArgumentError

    if request is not None and fields:
        raise InvalidArgumentError(
            f"pass either a {cls.__name__} or keyword fields, not both "
            f"(got the keywords {', '.join(sorted(fields))})"
        )
    if isinstance(request, cls):
        return request
    try:
        return cls.model_validate(request if request is not None else fields)
    except ValidationError as exc:
        raise InvalidArgumentError(f"invalid {cls.__name__}: {_summary(exc)}") from exc


def path_segment(value: str, name: str) -> str:
    """An id for a URL path (``/models/{model}``), quoted whole so that a ``/``, ``?`` or ``#``
    in it stays part of the id; an empty or non-string id is an :class:`InvalidArgumentError`
    naming ``name``, before anything is sent (an empty one would address the parent path)."""
    from urllib.parse import quote  # see build()

    from .error import InvalidArgumentError

    if not isinstance(value, str) or not value:
        raise InvalidArgumentError(f"{name} must be a non-empty string, got {value!r}")
    return quote(value, safe="")


def not_streamed(body: R, call: str) -> R:
    """The body of a call that returns one object: ``stream=True`` belongs to ``call``_stream."""
    from .error import InvalidArgumentError

    if getattr(body, "stream", None):
        raise InvalidArgumentError(f"stream is true: use client.{call}_stream(...) to stream")
    return body


def streamed(body: R, call: str) -> R:
    """The body of a ``call``_stream call, with ``stream`` set to true."""
    from .error import InvalidArgumentError

    if getattr(body, "stream", None) is False:
        raise InvalidArgumentError(f"stream is false: use client.{call}(...) for one object")
    return body.model_copy(update={"stream": True})
