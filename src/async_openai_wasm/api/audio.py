"""Audio: speech from text, and transcripts and English translations of audio files.

The return type of each method is fixed, so the ``response_format`` is chosen by the method:
``transcribe`` (JSON, the default), ``transcribe_verbose_json``, ``transcribe_diarized_json``
and ``transcribe_text`` (``text``, ``srt`` or ``vtt`` as a ``str``); likewise ``translate``,
``translate_verbose_json`` and ``translate_text``. A ``response_format`` that belongs to
another method is an error naming that method. ``speech_stream`` and ``transcribe_stream``
stream typed events; ``client.audio.voice_consents`` and ``client.audio.voices`` manage custom
voices.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, Unpack

from .._args import (
    CallOptions,
    not_streamed,
    path_segment,
    request_body,
    split_body,
    streamed,
    take_options,
    wire_query,
)
from .._decode import union_events
from .._files import multipart_form
from .._pagination import Paginator
from .._stream import Stream
from ..error import InvalidArgumentError
from ..types.audio import (
    AudioResponseFormat,
    CreateSpeechRequest,
    CreateSpeechResponseStreamEvent,
    CreateTranscriptionRequest,
    CreateTranscriptionResponseDiarizedJson,
    CreateTranscriptionResponseJson,
    CreateTranscriptionResponseStreamEvent,
    CreateTranscriptionResponseVerboseJson,
    CreateTranslationRequest,
    CreateTranslationResponseJson,
    CreateTranslationResponseVerboseJson,
    CreateVoiceConsentRequest,
    CreateVoiceRequest,
    ListVoiceConsentsQuery,
    UpdateVoiceConsentRequest,
    VoiceConsentDeletedResource,
    VoiceConsentResource,
    VoiceResource,
)
from ._base import APIGroup

__all__ = ["Audio", "VoiceConsents", "Voices"]

_Format = AudioResponseFormat
_JSON = (_Format.json,)
_VERBOSE_JSON = (_Format.verbose_json,)
_DIARIZED_JSON = (_Format.diarized_json,)
_TEXT = (_Format.text, _Format.srt, _Format.vtt)  # the first is the default

_TRANSCRIBE_METHOD = {
    _Format.json: "transcribe",
    _Format.verbose_json: "transcribe_verbose_json",
    _Format.diarized_json: "transcribe_diarized_json",
    **dict.fromkeys(_TEXT, "transcribe_text"),
}
_TRANSLATE_METHOD = {
    _Format.json: "translate",
    _Format.verbose_json: "translate_verbose_json",
    **dict.fromkeys(_TEXT, "translate_text"),
}

_R = TypeVar("_R", CreateTranscriptionRequest, CreateTranslationRequest)


class Audio(APIGroup):
    """Turns text into speech, and audio into text."""

    async def speech(
        self,
        request: CreateSpeechRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> bytes:
        """Generates audio from the input text: the audio file, in ``response_format``
        (mp3 by default)."""
        options = take_options(fields)
        body = _speech(request, fields, stream_format=None)
        return await self._pipeline.content("POST", "/audio/speech", body=body, options=options)

    async def transcribe(
        self,
        request: CreateTranscriptionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateTranscriptionResponseJson:
        """Transcribes audio into the input language: the text (``response_format="json"``)."""
        options = take_options(fields)
        body = _transcription(request, fields, _JSON)
        return await self._pipeline.json(
            "POST",
            "/audio/transcriptions",
            CreateTranscriptionResponseJson,
            body=multipart_form(body),
            options=options,
        )

    async def transcribe_verbose_json(
        self,
        request: CreateTranscriptionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateTranscriptionResponseVerboseJson:
        """Transcribes audio with its language, duration and timed segments (and words, with
        ``timestamp_granularities=["word"]``)."""
        options = take_options(fields)
        body = _transcription(request, fields, _VERBOSE_JSON)
        return await self._pipeline.json(
            "POST",
            "/audio/transcriptions",
            CreateTranscriptionResponseVerboseJson,
            body=multipart_form(body),
            options=options,
        )

    async def transcribe_diarized_json(
        self,
        request: CreateTranscriptionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateTranscriptionResponseDiarizedJson:
        """Transcribes audio into segments labelled by speaker (gpt-4o-transcribe-diarize)."""
        options = take_options(fields)
        body = _transcription(request, fields, _DIARIZED_JSON)
        return await self._pipeline.json(
            "POST",
            "/audio/transcriptions",
            CreateTranscriptionResponseDiarizedJson,
            body=multipart_form(body),
            options=options,
        )

    async def transcribe_text(
        self,
        request: CreateTranscriptionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> str:
        """Transcribes audio as plain text, or as SRT or WebVTT subtitles with
        ``response_format="srt"`` / ``"vtt"``."""
        options = take_options(fields)
        body = _transcription(request, fields, _TEXT)
        raw = await self._pipeline.content(
            "POST", "/audio/transcriptions", body=multipart_form(body), options=options
        )
        return raw.decode("utf-8")

    async def translate(
        self,
        request: CreateTranslationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateTranslationResponseJson:
        """Translates audio into English: the text (``response_format="json"``)."""
        options = take_options(fields)
        body = _translation(request, fields, _JSON)
        return await self._pipeline.json(
            "POST",
            "/audio/translations",
            CreateTranslationResponseJson,
            body=multipart_form(body),
            options=options,
        )

    async def translate_verbose_json(
        self,
        request: CreateTranslationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> CreateTranslationResponseVerboseJson:
        """Translates audio into English with its language, duration and timed segments."""
        options = take_options(fields)
        body = _translation(request, fields, _VERBOSE_JSON)
        return await self._pipeline.json(
            "POST",
            "/audio/translations",
            CreateTranslationResponseVerboseJson,
            body=multipart_form(body),
            options=options,
        )

    async def translate_text(
        self,
        request: CreateTranslationRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> str:
        """Translates audio into English as plain text, or as SRT or WebVTT subtitles with
        ``response_format="srt"`` / ``"vtt"``."""
        options = take_options(fields)
        body = _translation(request, fields, _TEXT)
        raw = await self._pipeline.content(
            "POST", "/audio/translations", body=multipart_form(body), options=options
        )
        return raw.decode("utf-8")

    @property
    def voice_consents(self) -> VoiceConsents:
        """Recordings of speakers consenting to custom voices of theirs."""
        return VoiceConsents(self._pipeline)

    @property
    def voices(self) -> Voices:
        """Custom voices, made from a sample and a consent."""
        return Voices(self._pipeline)

    async def speech_stream(
        self,
        request: CreateSpeechRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[CreateSpeechResponseStreamEvent]:
        """Generates audio from the input text and streams it (``stream_format="sse"``):
        ``SpeechAudioDeltaEvent`` chunks, whose ``to_bytes()`` is the audio, then a
        ``SpeechAudioDoneEvent``. Not for tts-1 / tts-1-hd."""
        options = take_options(fields)
        body = _speech(request, fields, stream_format="sse")
        return await self._pipeline.event_stream(
            "POST",
            "/audio/speech",
            union_events(CreateSpeechResponseStreamEvent, "CreateSpeechResponseStreamEvent"),
            body=body,
            done=None,
            options=options,
        )

    async def transcribe_stream(
        self,
        request: CreateTranscriptionRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Stream[CreateTranscriptionResponseStreamEvent]:
        """Transcribes audio and streams the transcript: ``TranscriptTextDeltaEvent`` (and
        for diarized transcripts ``TranscriptTextSegmentEvent``), then a
        ``TranscriptTextDoneEvent`` with the whole text. Not for whisper-1."""
        body, options = split_body(CreateTranscriptionRequest, request, fields)
        body = streamed(body, "audio.transcribe")
        return await self._pipeline.event_stream(
            "POST",
            "/audio/transcriptions",
            union_events(
                CreateTranscriptionResponseStreamEvent, "CreateTranscriptionResponseStreamEvent"
            ),
            body=multipart_form(body),
            done=None,
            options=options,
        )


class VoiceConsents(APIGroup):
    """Recordings of speakers consenting to custom voices of theirs."""

    async def create(
        self,
        request: CreateVoiceConsentRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VoiceConsentResource:
        """Uploads a consent ``recording`` (multipart), with its ``name`` and ``language``."""
        body, options = split_body(CreateVoiceConsentRequest, request, fields)
        return await self._pipeline.json(
            "POST",
            "/audio/voice_consents",
            VoiceConsentResource,
            body=multipart_form(body),
            options=options,
        )

    def list(
        self,
        *,
        after: str | None = None,
        limit: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[VoiceConsentResource]:
        """Lists your voice consents: ``await`` it for the first page, or ``async for`` over
        it for every consent."""
        query = wire_query(ListVoiceConsentsQuery, {"after": after, "limit": limit})
        return self._pipeline.page(
            "/audio/voice_consents", VoiceConsentResource, query=query, options=options
        )

    async def retrieve(
        self, consent_id: str, **options: Unpack[CallOptions]
    ) -> VoiceConsentResource:
        """Retrieves a voice consent."""
        return await self._pipeline.json(
            "GET", _consent_path(consent_id), VoiceConsentResource, options=options
        )

    async def update(
        self,
        consent_id: str,
        request: UpdateVoiceConsentRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VoiceConsentResource:
        """Renames a voice consent."""
        body, options = split_body(UpdateVoiceConsentRequest, request, fields)
        return await self._pipeline.json(
            "POST", _consent_path(consent_id), VoiceConsentResource, body=body, options=options
        )

    async def delete(
        self, consent_id: str, **options: Unpack[CallOptions]
    ) -> VoiceConsentDeletedResource:
        """Deletes a voice consent."""
        return await self._pipeline.json(
            "DELETE", _consent_path(consent_id), VoiceConsentDeletedResource, options=options
        )


class Voices(APIGroup):
    """Custom voices for speech."""

    async def create(
        self,
        request: CreateVoiceRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> VoiceResource:
        """Creates a custom voice from an ``audio_sample`` (multipart) and the id of the
        speaker's ``consent``."""
        body, options = split_body(CreateVoiceRequest, request, fields)
        return await self._pipeline.json(
            "POST", "/audio/voices", VoiceResource, body=multipart_form(body), options=options
        )


def _consent_path(consent_id: str) -> str:
    return f"/audio/voice_consents/{path_segment(consent_id, 'consent_id')}"


def _speech(
    request: CreateSpeechRequest | Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    stream_format: str | None,
) -> CreateSpeechRequest:
    """The speech body: ``speech`` takes the audio file (``stream_format`` unset or
    ``"audio"``), ``speech_stream`` events (``"sse"``, set for it)."""
    body = request_body(CreateSpeechRequest, request, fields)
    if stream_format is None:
        if body.stream_format == "sse":
            raise InvalidArgumentError(
                'stream_format is "sse": use client.audio.speech_stream(...) for audio events'
            )
        return body
    if body.stream_format not in (None, stream_format):
        raise InvalidArgumentError(
            f"stream_format is {body.stream_format!r}: use client.audio.speech(...) for the file"
        )
    return body.model_copy(update={"stream_format": stream_format})


def _transcription(
    request: CreateTranscriptionRequest | Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    formats: tuple[AudioResponseFormat, ...],
) -> CreateTranscriptionRequest:
    body = not_streamed(
        request_body(CreateTranscriptionRequest, request, fields), "audio.transcribe"
    )
    return _in_format(body, formats, _TRANSCRIBE_METHOD)


def _translation(
    request: CreateTranslationRequest | Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    formats: tuple[AudioResponseFormat, ...],
) -> CreateTranslationRequest:
    body = request_body(CreateTranslationRequest, request, fields)
    return _in_format(body, formats, _TRANSLATE_METHOD)


def _in_format(
    body: _R, formats: tuple[AudioResponseFormat, ...], methods: Mapping[AudioResponseFormat, str]
) -> _R:
    """``body`` with its ``response_format`` set explicitly (the first of ``formats`` if it
    was unset), so the answer is the type the method returns; a format outside ``formats``
    is an error that names the method for it."""
    chosen = body.response_format or formats[0]
    if chosen not in formats:
        other = methods.get(chosen)
        where = f"use client.audio.{other}(...)" if other else "it is not supported here"
        raise InvalidArgumentError(
            f"response_format={chosen.value!r} does not fit this method "
            f"(it takes {', '.join(f.value for f in formats)}): {where}"
        )
    return body.model_copy(update={"response_format": chosen})
