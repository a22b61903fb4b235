"""Legacy completions types (``POST /completions``).

The shapes shared with chat (``Prompt``, ``Stop``, ``Choice``, ``Logprobs``,
``CompletionFinishReason``, ``CompletionUsage``) are imported from :mod:`.chat` and re-exported
here, so ``from async_openai_wasm.types.completions import Choice`` works too.
"""

from collections.abc import AsyncIterator
from typing import TypeAlias

from pydantic import Field

from ._base import RequestModel, ResponseModel
from .chat import (
    ChatCompletionStreamOptions,
    Choice,
    CompletionFinishReason,
    CompletionUsage,
    Logprobs,
    Prompt,
    Stop,
    _LogitBias,
    _TokenId,
)

__all__ = [
    "ChatCompletionStreamOptions",
    "Choice",
    "CompletionFinishReason",
    "CompletionResponseStream",
    "CompletionUsage",
    "CreateCompletionRequest",
    "CreateCompletionResponse",
    "Logprobs",
    "Prompt",
    "Stop",
]


class CreateCompletionRequest(RequestModel):
    """Body of ``POST /completions``."""

    model: str
    prompt: Prompt
    suffix: str | None = None
    max_tokens: int | None = Field(default=None, ge=0)
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    n: int | None = Field(default=None, ge=1, le=128)
    stream: bool | None = None
    stream_options: ChatCompletionStreamOptions | None = None
    logprobs: int | None = Field(default=None, ge=0, le=5)
    echo: bool | None = None
    stop: Stop | None = None
    presence_penalty: float | None = Field(default=None, ge=-2, le=2)
    frequency_penalty: float | None = Field(default=None, ge=-2, le=2)
    best_of: int | None = Field(default=None, ge=0, le=20)
    # Token ids and biases as in the chat request.
    logit_bias: dict[_TokenId, _LogitBias] | None = None
    user: str | None = None
    seed: int | None = Field(default=None, ge=-(2**63), le=2**63 - 1)  # i64

    def choice_count(self) -> int:
        """How many choices the answer has: ``n`` for each prompt (a string, or a list of
        token ids, is one prompt; a list of them is several)."""
        prompt = self.prompt
        prompts = (
            len(prompt)
            if isinstance(prompt, list) and prompt and not isinstance(prompt[0], int)
            else 1
        )
        return (self.n or 1) * prompts


class CreateCompletionResponse(ResponseModel):
    """A completion, or one chunk of a streamed completion (the same shape)."""

    id: str | None = None
    choices: list[Choice]
    # Required in the spec; OpenAI-compatible servers may omit them.
    created: int | None = None
    model: str | None = None
    system_fingerprint: str | None = None
    object: str | None = None
    usage: CompletionUsage | None = None


# What create_stream yields; any async iterator of chunks fits.
CompletionResponseStream: TypeAlias = AsyncIterator[CreateCompletionResponse]
