"""Audio types (``/audio/speech``, ``/audio/transcriptions``, ``/audio/translations``, and
voice consents and custom voices).

Transcription and translation requests are multipart uploads; their ``file`` takes anything
:data:`~async_openai_wasm._files.FileInput` accepts. Which response type comes back follows
``response_format``, and each format has its own method in :mod:`async_openai_wasm.audio`.
Streamed speech (``speech_stream``: ``stream_format="sse"``) and transcripts
(``transcribe_stream``: ``stream=True``) come as typed events: audio deltas whose
``to_bytes()`` decodes the audio, transcript text deltas and the final text. Voice consents and
custom voices (``client.audio.voice_consents``, ``client.audio.voices``) are here too.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field, Tag

from .._files import FileInput
from ._base import Lenient, RequestModel, ResponseModel, base64_bytes, type_discriminator

__all__ = [
    "AudioResponseFormat",
    "CreateSpeechRequest",
    "CreateSpeechResponseStreamEvent",
    "CreateTranscriptionRequest",
    "CreateTranscriptionResponseDiarizedJson",
    "CreateTranscriptionResponseJson",
    "CreateTranscriptionResponseStreamEvent",
    "CreateTranscriptionResponseVerboseJson",
    "CreateTranslationRequest",
    "CreateTranslationResponseJson",
    "CreateTranslationResponseVerboseJson",
    "CreateVoiceConsentRequest",
    "CreateVoiceRequest",
    "CustomVoice",
    "ListVoiceConsentsQuery",
    "SpeechAudioDeltaEvent",
    "SpeechAudioDoneEvent",
    "SpeechAudioDoneUsage",
    "SpeechResponseFormat",
    "TimestampGranularity",
    "TranscriptTextDeltaEvent",
    "TranscriptTextDoneEvent",
    "TranscriptTextSegmentEvent",
    "TranscriptTextUsage",
    "TranscriptTextUsageDuration",
    "TranscriptTextUsageTokens",
    "TranscriptTextUsageTokensInputDetails",
    "TranscriptionChunkingStrategy",
    "TranscriptionDiarizedSegment",
    "TranscriptionInclude",
    "TranscriptionLanguage",
    "TranscriptionLogprob",
    "TranscriptionSegment",
    "TranscriptionWord",
    "UnknownAudioStreamEvent",
    "UpdateVoiceConsentRequest",
    "VadConfig",
    "Voice",
    "VoiceConsentDeletedResource",
    "VoiceConsentResource",
    "VoiceResource",
]


# --- Speech -----------------------------------------------------------------------------------


class Voice(StrEnum):
    """A built-in voice (any other voice id is sent as given)."""

    alloy = "alloy"
    ash = "ash"
    ballad = "ballad"
    cedar = "cedar"
    coral = "coral"
    echo = "echo"
    fable = "fable"
    marin = "marin"
    nova = "nova"
    onyx = "onyx"
    sage = "sage"
    shimmer = "shimmer"
    verse = "verse"


class CustomVoice(RequestModel):
    """A custom voice, by id (``client.audio.voices``)."""

    id: str


class SpeechResponseFormat(StrEnum):
    """The audio file format of generated speech."""

    mp3 = "mp3"
    opus = "opus"
    aac = "aac"
    flac = "flac"
    wav = "wav"
    pcm = "pcm"


class CreateSpeechRequest(RequestModel):
    """Body of ``POST /audio/speech``."""

    model: str
    input: str = Field(max_length=4096)
    voice: Lenient[Voice] | CustomVoice
    instructions: str | None = Field(default=None, max_length=4096)  # from the spec
    response_format: SpeechResponseFormat | None = None
    speed: float | None = Field(default=None, ge=0.25, le=4)
    # "sse" streams the audio as events (speech_stream); "audio" is the file as it is made.
    stream_format: Literal["sse", "audio"] | None = None


# --- Transcription and translation requests ---------------------------------------------------


class AudioResponseFormat(StrEnum):
    """The format of a transcript: JSON objects, or plain text, SRT or WebVTT subtitles."""

    json = "json"
    text = "text"
    srt = "srt"
    verbose_json = "verbose_json"
    vtt = "vtt"
    diarized_json = "diarized_json"  # transcriptions with gpt-4o-transcribe-diarize only


class TimestampGranularity(StrEnum):
    """Timestamps to add to a `verbose_json` transcript."""

    word = "word"
    segment = "segment"


class TranscriptionInclude(StrEnum):
    """Extra information to include in a transcription."""

    logprobs = "logprobs"


class VadConfig(RequestModel):
    """Server-side voice activity detection that splits the audio into chunks."""

    type: Literal["server_vad"] = "server_vad"
    prefix_padding_ms: int | None = None
    silence_duration_ms: int | None = None
    threshold: float | None = None


TranscriptionChunkingStrategy: TypeAlias = Literal["auto"] | VadConfig


class CreateTranscriptionRequest(RequestModel):
    """Body of ``POST /audio/transcriptions`` (multipart)."""

    file: FileInput
    model: str
    language: str | None = None
    prompt: str | None = None
    response_format: AudioResponseFormat | None = None
    temperature: float | None = None
    timestamp_granularities: list[TimestampGranularity] | None = None
    include: list[TranscriptionInclude] | None = None
    languages: list[str] | None = Field(default=None, min_length=1)
    keywords: list[str] | None = None
    chunking_strategy: TranscriptionChunkingStrategy | None = None
    known_speaker_names: list[str] | None = Field(default=None, max_length=4)
    known_speaker_references: list[str] | None = Field(default=None, max_length=4)
    stream: bool | None = None


class CreateTranslationRequest(RequestModel):
    """Body of ``POST /audio/translations`` (multipart): audio translated into English."""

    file: FileInput
    model: str
    prompt: str | None = None
    # Any format but diarized_json, which the translate methods refuse.
    response_format: AudioResponseFormat | None = None
    temperature: float | None = None


# --- Transcription and translation responses --------------------------------------------------


class TranscriptionWord(ResponseModel):
    """A word of the transcript and when it is spoken, in seconds."""

    word: str
    start: float
    end: float


class TranscriptionSegment(ResponseModel):
    """A segment of the transcript with its timing and decoding details."""

    id: int | None = None
    start: float
    end: float
    text: str
    # Required in the spec; whisper servers other than OpenAI's leave some out.
    seek: int | None = None
    tokens: list[int] | None = None
    temperature: float | None = None
    avg_logprob: float | None = None
    compression_ratio: float | None = None
    no_speech_prob: float | None = None


class TranscriptionDiarizedSegment(ResponseModel):
    """A segment of a diarized transcript, with its speaker label."""

    type: str | None = None
    id: str | None = None
    start: float
    end: float
    text: str
    speaker: str


class TranscriptionLanguage(ResponseModel):
    """A language detected in the audio."""

    code: str


class TranscriptionLogprob(ResponseModel):
    """The log probability of a token of the transcript."""

    token: str | None = None
    logprob: float | None = None
    bytes: list[int] | None = None


class TranscriptTextUsageTokensInputDetails(ResponseModel):
    """Input tokens of a transcription, by kind."""

    text_tokens: int | None = None
    audio_tokens: int | None = None


class TranscriptTextUsageTokens(ResponseModel):
    """Usage of a transcription billed by tokens."""

    type: Literal["tokens"] = "tokens"
    input_tokens: int
    input_token_details: TranscriptTextUsageTokensInputDetails | None = None
    output_tokens: int
    total_tokens: int


class TranscriptTextUsageDuration(ResponseModel):
    """Usage of a transcription billed by audio duration."""

    type: Literal["duration"] = "duration"
    seconds: float


# A usage of a kind these types do not know yet is kept as the object it is.
TranscriptTextUsage: TypeAlias = Annotated[
    TranscriptTextUsageTokens | TranscriptTextUsageDuration | dict[str, Any],
    Field(union_mode="left_to_right"),
]


class CreateTranscriptionResponseJson(ResponseModel):
    """A transcript (``response_format="json"``)."""

    text: str
    languages: list[TranscriptionLanguage] | None = None
    logprobs: list[TranscriptionLogprob] | None = None
    usage: TranscriptTextUsage | None = None


class CreateTranscriptionResponseVerboseJson(ResponseModel):
    """A transcript with its language, duration, segments and words (``verbose_json``)."""

    text: str
    # Required in the spec; optional for whisper servers that leave them out.
    language: str | None = None
    duration: float | None = None
    words: list[TranscriptionWord] | None = None
    segments: list[TranscriptionSegment] | None = None
    usage: TranscriptTextUsage | None = None


class CreateTranscriptionResponseDiarizedJson(ResponseModel):
    """A transcript split by speaker (``response_format="diarized_json"``)."""

    text: str
    task: str | None = None
    duration: float | None = None
    segments: list[TranscriptionDiarizedSegment] = Field(default_factory=list)
    usage: TranscriptTextUsage | None = None


class CreateTranslationResponseJson(ResponseModel):
    """An English translation (``response_format="json"``)."""

    text: str


class CreateTranslationResponseVerboseJson(ResponseModel):
    """An English translation with its language, duration and segments (``verbose_json``)."""

    text: str
    language: str | None = None
    duration: float | None = None
    segments: list[TranscriptionSegment] | None = None


# --- Stream events ----------------------------------------------------------------------------


class SpeechAudioDeltaEvent(ResponseModel):
    """A chunk of the speech's audio, base64-encoded; ``to_bytes()`` decodes it."""

    type: Literal["speech.audio.delta"] = "speech.audio.delta"
    audio: str

    def to_bytes(self) -> bytes:
        """The audio of this chunk, in the request's ``response_format``."""
        return base64_bytes(self.audio, "the audio delta")


class SpeechAudioDoneUsage(ResponseModel):
    """Tokens used by a speech request."""

    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0


class SpeechAudioDoneEvent(ResponseModel):
    """The speech is complete."""

    type: Literal["speech.audio.done"] = "speech.audio.done"
    usage: SpeechAudioDoneUsage | None = None


class TranscriptTextDeltaEvent(ResponseModel):
    """More text of the transcript."""

    type: Literal["transcript.text.delta"] = "transcript.text.delta"
    delta: str
    logprobs: list[TranscriptionLogprob] | None = None
    segment_id: str | None = None


class TranscriptTextSegmentEvent(ResponseModel):
    """A finished segment of a diarized transcript: its speaker, text and time, in seconds."""

    type: Literal["transcript.text.segment"] = "transcript.text.segment"
    id: str
    start: float
    end: float
    text: str
    speaker: str


class TranscriptTextDoneEvent(ResponseModel):
    """The transcript is complete: its whole text."""

    type: Literal["transcript.text.done"] = "transcript.text.done"
    text: str
    languages: list[TranscriptionLanguage] | None = None
    logprobs: list[TranscriptionLogprob] | None = None
    usage: TranscriptTextUsage | None = None


class UnknownAudioStreamEvent(ResponseModel):
    """An audio stream event of a ``type`` these types do not know, with all its fields."""

    type: str


_SpeechEventChoices = (
    Annotated[SpeechAudioDeltaEvent, Tag("speech.audio.delta")]
    | Annotated[SpeechAudioDoneEvent, Tag("speech.audio.done")]
    | Annotated[UnknownAudioStreamEvent, Tag("UnknownAudioStreamEvent")]
)
CreateSpeechResponseStreamEvent: TypeAlias = Annotated[
    _SpeechEventChoices, type_discriminator(_SpeechEventChoices, "UnknownAudioStreamEvent")
]
_TranscriptEventChoices = (
    Annotated[TranscriptTextDeltaEvent, Tag("transcript.text.delta")]
    | Annotated[TranscriptTextSegmentEvent, Tag("transcript.text.segment")]
    | Annotated[TranscriptTextDoneEvent, Tag("transcript.text.done")]
    | Annotated[UnknownAudioStreamEvent, Tag("UnknownAudioStreamEvent")]
)
CreateTranscriptionResponseStreamEvent: TypeAlias = Annotated[
    _TranscriptEventChoices,
    type_discriminator(_TranscriptEventChoices, "UnknownAudioStreamEvent"),
]


# --- Voice consents and custom voices ---------------------------------------------------------


class CreateVoiceConsentRequest(RequestModel):
    """Body of ``POST /audio/voice_consents`` (multipart): a recording of the speaker's consent
    to a custom voice of theirs, and its ``language``."""

    name: str
    recording: FileInput
    language: str


class UpdateVoiceConsentRequest(RequestModel):
    """Body of ``POST /audio/voice_consents/{consent_id}``: a new name."""

    name: str


class ListVoiceConsentsQuery(RequestModel):
    """The query of ``GET /audio/voice_consents``: ``limit`` per page, starting ``after`` an id."""

    after: str | None = None
    limit: int | None = Field(default=None, ge=1)


class VoiceConsentResource(ResponseModel):
    """A voice consent recording."""

    id: str
    object: str | None = None
    name: str | None = None
    language: str | None = None
    created_at: int | None = None


class VoiceConsentDeletedResource(ResponseModel):
    """The result of deleting a voice consent."""

    id: str
    object: str | None = None
    deleted: bool


class CreateVoiceRequest(RequestModel):
    """Body of ``POST /audio/voices`` (multipart): a custom voice from an ``audio_sample``,
    with the id of the speaker's ``consent``."""

    name: str
    audio_sample: FileInput
    consent: str


class VoiceResource(ResponseModel):
    """A custom voice: use its id as ``voice={"id": ...}`` in speech requests."""

    id: str
    object: str | None = None
    name: str | None = None
    created_at: int | None = None
