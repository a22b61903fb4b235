"""Webhooks: ``client.webhooks.unwrap(payload, headers)`` checks that a request to your webhook
endpoint comes from OpenAI and returns the typed event; ``verify_signature`` only checks.

OpenAI signs webhooks as the Standard Webhooks scheme says: the ``webhook-signature`` header
holds one or more space-separated ``v1,<base64>`` signatures, each an HMAC-SHA256 of
``<webhook-id>.<webhook-timestamp>.<body>`` keyed with the endpoint's secret (``whsec_`` and
the key in base64). Nothing here touches the network, so it runs the same in Pyodide.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Mapping
from typing import Any

from .._decode import cached_adapter, decode_json
from ..error import InvalidArgumentError, InvalidWebhookSignatureError, WebhookTimestampError
from ..types.webhooks import UnwrapWebhookEvent

__all__ = ["Webhooks"]

SECRET_ENV = "OPENAI_WEBHOOK_SECRET"
SECRET_PREFIX = "whsec_"
DEFAULT_TOLERANCE = 300  # seconds either side of now, as the Standard Webhooks libraries allow

Headers = Mapping[str, str] | Any  # a mapping, or anything with a case-insensitive .get()


class Webhooks:
    """Checks and decodes the requests OpenAI sends to your webhook endpoint."""

    def unwrap(
        self,
        payload: str | bytes,
        headers: Headers,
        *,
        secret: str | None = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> UnwrapWebhookEvent:
        """The typed event of a webhook request whose signature checks out (see
        :meth:`verify_signature`): ``payload`` is the request body exactly as received."""
        self.verify_signature(payload, headers, secret=secret, tolerance=tolerance)
        text = payload.decode("utf-8") if isinstance(payload, bytes) else payload
        event: UnwrapWebhookEvent = decode_json(
            cached_adapter(UnwrapWebhookEvent).validate_json, text, "not a webhook event"
        )
        return event

    def verify_signature(
        self,
        payload: str | bytes,
        headers: Headers,
        *,
        secret: str | None = None,
        tolerance: int = DEFAULT_TOLERANCE,
    ) -> None:
        """Raises unless one of the request's signatures is the payload's, signed with
        ``secret`` (by default ``$OPENAI_WEBHOOK_SECRET``) at most ``tolerance`` seconds from
        now: :class:`WebhookTimestampError` for a stale or future timestamp,
        :class:`InvalidWebhookSignatureError` for a missing header or no matching signature.
        ``payload`` must be the body as received: parsed and re-serialised JSON differs."""
        key = _secret_key(secret)
        body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        webhook_id = _header(headers, "webhook-id")
        timestamp = _header(headers, "webhook-timestamp")
        signatures = _header(headers, "webhook-signature")
        try:
            signed_at = int(timestamp)
        except ValueError:
            raise InvalidWebhookSignatureError(
                f"webhook-timestamp is not a number of seconds: {timestamp[:40]!r}"
            ) from None
        age = int(time.time()) - signed_at
        if age > tolerance:
            raise WebhookTimestampError(
                f"the webhook was signed {age} s ago, more than the tolerance of {tolerance} s"
            )
        if -age > tolerance:
            raise WebhookTimestampError(
                f"the webhook is signed {-age} s in the future, more than the tolerance of "
                f"{tolerance} s"
            )
        signed = webhook_id.encode() + b"." + timestamp.encode() + b"." + body
        expected = hmac.new(key, signed, hashlib.sha256).digest()
        for candidate in signatures.split():
            version, _, encoded = candidate.partition(",")
            if version != "v1":
                continue  # another scheme's signature (v1a: asymmetric), not ours to check
            try:
                given = _b64decode(encoded)
            except ValueError:
                continue
            if hmac.compare_digest(given, expected):
                return
        raise InvalidWebhookSignatureError(
            "no signature in webhook-signature matches the payload and the secret"
        )


def _secret_key(secret: str | None) -> bytes:
    if secret is None:
        secret = os.environ.get(SECRET_ENV)
    if not secret:
        raise InvalidArgumentError(
            f"no webhook secret: pass secret=... or set {SECRET_ENV} (the endpoint's signing "
            "secret, whsec_...)"
        )
    if not isinstance(secret, str):
        raise InvalidArgumentError(f"the webhook secret must be a str, got {type(secret).__name__}")
    if secret.startswith(SECRET_PREFIX):
        try:
            return _b64decode(secret.removeprefix(SECRET_PREFIX))
        except ValueError:
            # The message leaves the secret out: it must not reach a log.
            raise InvalidArgumentError(
                "the webhook secret starts with whsec_ but the rest is not base64"
            ) from None
    return secret.encode("utf-8")


def _b64decode(text: str) -> bytes:
    import base64
    import binascii

    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(str(exc)) from None


def _header(headers: Headers, name: str) -> str:
    """A header's value, its name matched in any case (a dict, or a JS ``Headers``)."""
    value: Any = None
    if isinstance(headers, Mapping):
        value = headers.get(name)
        if value is None:
            value = next((v for k, v in headers.items() if k.lower() == name), None)
    elif hasattr(headers, "get"):
        value = headers.get(name)
    if not isinstance(value, str) or not value:
        raise InvalidWebhookSignatureError(f"the request has no {name} header")
    return value
