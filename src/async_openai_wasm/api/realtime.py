"""Realtime over REST: ephemeral keys for a page (``client.realtime.client_secrets``,
``client.realtime.translations.client_secrets``) and WebRTC / SIP calls
(``client.realtime.calls``). The session itself runs over WebRTC or a WebSocket, whose events
are typed in :mod:`async_openai_wasm.types.realtime`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Unpack

from .._args import CallOptions, path_segment, split_body
from .._transport import MultipartForm
from ..types.realtime import (
    RealtimeCallCreateRequest,
    RealtimeCallReferRequest,
    RealtimeCallRejectRequest,
    RealtimeCreateClientSecretRequest,
    RealtimeCreateClientSecretResponse,
    RealtimeSessionCreateRequestGA,
    RealtimeTranslationClientSecretCreateRequest,
    RealtimeTranslationClientSecretCreateResponse,
)
from ._base import APIGroup

__all__ = ["Calls", "ClientSecrets", "Realtime", "TranslationClientSecrets", "Translations"]


class Realtime(APIGroup):
    """Realtime sessions: keys for pages, and calls."""

    @property
    def client_secrets(self) -> ClientSecrets:
        """Ephemeral keys for a realtime or transcription session."""
        return ClientSecrets(self._pipeline)

    @property
    def calls(self) -> Calls:
        """WebRTC and SIP calls answered by a realtime session."""
        return Calls(self._pipeline)

    @property
    def translations(self) -> Translations:
        """Speech-to-speech translation sessions."""
        return Translations(self._pipeline)


class ClientSecrets(APIGroup):
    """Ephemeral keys: what a page uses to open a realtime session, instead of an API key."""

    async def create(
        self,
        request: RealtimeCreateClientSecretRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RealtimeCreateClientSecretResponse:
        """Creates an ephemeral key (``.value``) for one ``session`` (speech-to-speech by
        default, or ``{"type": "transcription", ...}``), valid ``expires_after`` seconds."""
        body, options = split_body(RealtimeCreateClientSecretRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            "/realtime/client_secrets",
            RealtimeCreateClientSecretResponse,
            body=body,
            options=options,
        )


class Translations(APIGroup):
    """Speech-to-speech translation sessions."""

    @property
    def client_secrets(self) -> TranslationClientSecrets:
        """Ephemeral keys for a translation session."""
        return TranslationClientSecrets(self._pipeline)


class TranslationClientSecrets(APIGroup):
    """Ephemeral keys for a translation session."""

    async def create(
        self,
        request: RealtimeTranslationClientSecretCreateRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> RealtimeTranslationClientSecretCreateResponse:
        """Creates an ephemeral key for one translation ``session``."""
        body, options = split_body(RealtimeTranslationClientSecretCreateRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            "/realtime/translations/client_secrets",
            RealtimeTranslationClientSecretCreateResponse,
            body=body,
            options=options,
        )


class Calls(APIGroup):
    """WebRTC calls from a page, and SIP calls to your phone number."""

    async def create(
        self,
        request: RealtimeCallCreateRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> str:
        """Starts a WebRTC call from the page's SDP offer (``sdp``), answered by a session
        with the settings in ``session``: returns the SDP answer for the peer connection.
        The call's id (for ``hangup``) is in the answer's ``Location`` header:
        ``(await client.realtime.calls.with_raw_response.create(...)).headers["location"]``."""
        body, options = split_body(RealtimeCallCreateRequest, request, fields)
        answer: str = await self._pipeline.request(
            "POST", "/realtime/calls", str, body=_call_form(body), options=options
        )
        return answer

    async def accept(
        self,
        call_id: str,
        request: RealtimeSessionCreateRequestGA | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> None:
        """Accepts an incoming SIP call, with the settings of the session that answers."""
        body, options = split_body(RealtimeSessionCreateRequestGA, request, fields)
        await self._pipeline.content(
            "POST", _call_path(call_id, "accept"), body=body, options=options
        )

    async def hangup(self, call_id: str, **options: Unpack[CallOptions]) -> None:
        """Ends a call (WebRTC or SIP)."""
        await self._pipeline.content("POST", _call_path(call_id, "hangup"), options=options)

    async def refer(
        self,
        call_id: str,
        request: RealtimeCallReferRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> None:
        """Transfers a SIP call to ``target_uri`` (``tel:...`` or ``sip:...``)."""
        body, options = split_body(RealtimeCallReferRequest, request, fields)
        await self._pipeline.content(
            "POST", _call_path(call_id, "refer"), body=body, options=options
        )

    async def reject(
        self,
        call_id: str,
        request: RealtimeCallRejectRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> None:
        """Declines an incoming SIP call, with SIP ``status_code`` (603 Decline by default)."""
        body, options = split_body(RealtimeCallRejectRequest, request, fields)
        await self._pipeline.content(
            "POST", _call_path(call_id, "reject"), body=body, options=options
        )


def _call_path(call_id: str, action: str) -> str:
    return f"/realtime/calls/{path_segment(call_id, 'call_id')}/{action}"


def _call_form(body: RealtimeCallCreateRequest) -> MultipartForm:
    # The session goes as one field of JSON text, as OpenAI's WebRTC guide sends it, not as
    # session[...] fields: its settings nest several levels deep.
    form = MultipartForm(fields=[("sdp", body.sdp)])
    if body.session is not None:
        form.fields.append(("session", json.dumps(body.session.to_wire())))
    return form
