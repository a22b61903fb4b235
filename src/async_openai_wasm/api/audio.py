"""Audio: speech from text, and transcripts and English translations of audio files.

The return type of each method is fixed, so the ``response_format`` is chosen by the method:
``transcribe`` (JSON, the default), ``transcribe_verbose_json``, ``transcribe_diarized_json``
and ``transcribe_text`` (``text``, ``srt`` or ``vtt`` as a ``str``); likewise ``translate``,
``translate_verbose_json`` and ``translate_text``. A ``response_format`` that belongs to
another method is an error naming that method.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from .._args import request_body, take_options
from .._files import multipart_form
from ..error import InvalidArgumentError
from ..types.audio import (
    AudioResponseFormat,
    CreateSpeechRequest,
    CreateTranscriptionRequest,
    CreateTranscriptionResponseDiarizedJson,
    CreateTranscriptionResponseJson,
    CreateTranscriptionResponseVerboseJson,
    CreateTranslationRequest,
    CreateTranslationResponseJson,
    CreateTranslationResponseVerboseJson,
)
from ._base import APIGroup

__all__ = ["Audio"]

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
        body = request_body(CreateSpeechRequest, request, fields)
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


def _transcription(
    request: CreateTranscriptionRequest | Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    formats: tuple[AudioResponseFormat, ...],
) -> CreateTranscriptionRequest:
    body = request_body(CreateTranscriptionRequest, request, fields)
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
