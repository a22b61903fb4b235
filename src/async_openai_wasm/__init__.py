"""An async OpenAI API client for Pyodide (browser page, Web Worker, PyScript, Node) and CPython.

::

    from async_openai_wasm import Client, OpenAIConfig

    client = Client(OpenAIConfig(api_key="sk-...", api_base="https://api.openai.com/v1"))
    messages = [{"role": "user", "content": "Hi"}]
    resp = await client.chat.create(model="gpt-4o-mini", messages=messages)

Importing the package is cheap: API groups and their types load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._preload import preload
from ._stream import Stream
from ._transport import MultipartForm, Request, Response, Transport
from ._transport.mock import MockTransport
from ._transport.recording import RecordingTransport
from .client import Client
from .config import AzureConfig, OpenAIConfig
from .error import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    InvalidWebhookSignatureError,
    JSONDeserializeError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
    StreamError,
    UnprocessableEntityError,
    WebhookTimestampError,
)

if TYPE_CHECKING:
    from ._transport.fetch import FetchTransport
    from ._transport.httpx import HttpxTransport

__version__ = "0.1.0"

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "AzureConfig",
    "BadRequestError",
    "Client",
    "ConflictError",
    "FetchTransport",
    "HttpxTransport",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidWebhookSignatureError",
    "JSONDeserializeError",
    "MockTransport",
    "MultipartForm",
    "NotFoundError",
    "OpenAIConfig",
    "OpenAIError",
    "PermissionDeniedError",
    "RateLimitError",
    "RecordingTransport",
    "Request",
    "Response",
    "Stream",
    "StreamError",
    "Transport",
    "UnprocessableEntityError",
    "WebhookTimestampError",
    "__version__",
    "preload",
]

# Loaded on first use: httpx is slow to import and absent in Pyodide; fetch needs Pyodide.
__getattr__ = lazy_names(
    __name__, {"FetchTransport": "._transport.fetch", "HttpxTransport": "._transport.httpx"}
)
