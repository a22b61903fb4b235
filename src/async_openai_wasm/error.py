"""Errors raised by the client.

::

    OpenAIError
    ├── APIError                   the server answered with an error (HTTP status or an error event)
    │   └── APIStatusError         ... with an HTTP status >= 400
    │       ├── BadRequestError            400
    │       ├── AuthenticationError        401
    │       ├── PermissionDeniedError      403
    │       ├── NotFoundError              404
    │       ├── ConflictError              409
    │       ├── UnprocessableEntityError   422
    │       ├── RateLimitError             429
    │       └── InternalServerError        >= 500
    ├── APIConnectionError         no usable response: refused, DNS, CORS, network, cut body
    │   └── APITimeoutError        the request took longer than its timeout (also a TimeoutError)
    ├── JSONDeserializeError       a body or an event that does not decode into the expected type
    ├── StreamError                an event stream that broke off or is malformed
    ├── InvalidArgumentError       a bad call, refused before anything is sent (also a ValueError)
    └── InvalidWebhookSignatureError   a webhook whose signature or headers do not check out
        └── WebhookTimestampError      ... signed too long ago (a replay?) or in the future

Messages never contain the API key: requests and headers are not part of any error.
"""

from __future__ import annotations

from typing import Any, TypeVar

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidWebhookSignatureError",
    "JSONDeserializeError",
    "NotFoundError",
    "OpenAIError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamError",
    "UnprocessableEntityError",
    "WebhookTimestampError",
    "mask_secret",
    "mask_secrets",
    "redact",
]


class OpenAIError(Exception):
    """Base class of every error this package raises."""


class APIError(OpenAIError):
    """The server reported an error: its message, type, param and code as it sent them."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        type: str | None = None,
        param: str | None = None,
        code: str | None = None,
        request_id: str | None = None,
        body: Any = None,
    ) -> None:
        self.message = message
        self.status_code = status_code
        self.type = type
        self.param = param
        self.code = code
        self.request_id = request_id
        self.body = body
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = [f"HTTP {self.status_code}" if self.status_code is not None else "error event"]
        parts += [f"{k}={v}" for k, v in (("type", self.type), ("code", self.code)) if v]
        parts += [f"param={self.param}"] if self.param else []
        parts += [f"request_id={self.request_id}"] if self.request_id else []
        return f"{self.message} ({', '.join(parts)})"


class APIStatusError(APIError):
    """An HTTP response with status >= 400."""

    status_code: int


class BadRequestError(APIStatusError):
    """400: the request was malformed or had an invalid parameter."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not use this resource."""


class NotFoundError(APIStatusError):
    """404: no such resource, model or deployment."""


class ConflictError(APIStatusError):
    """409: the resource is in a conflicting state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but could not be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests, or the quota is exhausted (code ``insufficient_quota``)."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The most specific error class for an HTTP error status."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)


class APIConnectionError(OpenAIError):
    """No usable response arrived: the connection failed, was refused, or broke off."""


class APITimeoutError(APIConnectionError, TimeoutError):
    """The request did not complete within its timeout; it was aborted."""


class JSONDeserializeError(OpenAIError):
    """A body or event did not decode into the expected type. ``raw`` keeps the text."""

    def __init__(self, message: str, *, raw: str, status_code: int | None = None) -> None:
        self.raw = raw
        self.status_code = status_code
        super().__init__(f"{message}; raw body: {_clip(raw)}")


class StreamError(OpenAIError):
    """The event stream broke off before its end, or carried something undecodable."""


class InvalidArgumentError(OpenAIError, ValueError):
    """The call was refused before anything was sent; the message names what was wrong."""


class InvalidWebhookSignatureError(OpenAIError, ValueError):
    """A webhook request that cannot be trusted: a header is missing or malformed, or no
    signature matches the payload and the secret."""


class WebhookTimestampError(InvalidWebhookSignatureError):
    """A webhook signed outside the tolerance: too old (perhaps a replay) or in the future."""


E = TypeVar("E", bound=OpenAIError)


def redact(error: E, secrets: tuple[str, ...]) -> E:
    """The error with every secret masked in its message, raw text and body.

    Servers and proxies sometimes echo what they were sent, the key included; whatever of
    theirs an error carries passes through here before it reaches the caller.
    """
    if not secrets:
        return error
    error.args = tuple(mask_secrets(arg, secrets) for arg in error.args)
    for name, value in vars(error).items():
        setattr(error, name, mask_secrets(value, secrets))
    return error


def mask_secret(secret: str) -> str:
    """Enough of a key to tell keys apart in a log, never enough to use it."""
    if not secret:
        return "<unset>"
    return f"{secret[:3]}...{secret[-2:]}" if len(secret) > 12 else "***"


def mask_secrets(value: Any, secrets: tuple[str, ...]) -> Any:
    """``value`` (text, or JSON-like dicts and lists) with every secret in it masked."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, mask_secret(secret))
        return value
    if isinstance(value, dict):
        return {mask_secrets(k, secrets): mask_secrets(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_secrets(v, secrets) for v in value]
    return value


def _clip(text: str, limit: int = 500) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} chars)"
