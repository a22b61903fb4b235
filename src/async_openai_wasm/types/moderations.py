"""Moderations types (``POST /moderations``).

Category names with ``/`` or ``-`` on the wire (``hate/threatening``, ``self-harm``) are
snake_case attributes here (``hate_threatening``, ``self_harm``), with the wire names as
aliases.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Discriminator, Field, Tag

from ._base import Lenient, RequestModel, ResponseModel

__all__ = [
    "Category",
    "CategoryAppliedInputTypes",
    "CategoryScore",
    "ContentModerationResult",
    "CreateModerationRequest",
    "CreateModerationResponse",
    "ModInputType",
    "ModerationContentPart",
    "ModerationContentPartImageUrl",
    "ModerationContentPartText",
    "ModerationImageUrl",
    "ModerationInput",
]


class ModInputType(StrEnum):
    """A kind of input a category was applied to."""

    text = "text"
    image = "image"


class ModerationContentPartText(RequestModel):
    """A text to classify, in a multimodal input."""

    type: Literal["text"] = "text"
    text: str


class ModerationImageUrl(RequestModel):
    """An image by URL or base64 data URL."""

    url: str


class ModerationContentPartImageUrl(RequestModel):
    """An image to classify, in a multimodal input."""

    type: Literal["image_url"] = "image_url"
    image_url: ModerationImageUrl


ModerationContentPart: TypeAlias = Annotated[
    ModerationContentPartText | ModerationContentPartImageUrl, Field(discriminator="type")
]


def _input_kind(value: Any) -> str:
    """Which form of input ``value`` is, from its first item, so that an error names the one
    form that was meant instead of all three."""
    if isinstance(value, str):
        return "text"
    first = value[0] if isinstance(value, list | tuple) and value else None
    return "texts" if first is None or isinstance(first, str) else "parts"


# One text, texts, or text and image parts (omni models).
ModerationInput: TypeAlias = Annotated[
    Annotated[str, Tag("text")]
    | Annotated[list[str], Tag("texts")]
    | Annotated[list[ModerationContentPart], Tag("parts")],
    Discriminator(_input_kind),
]


class CreateModerationRequest(RequestModel):
    """Body of ``POST /moderations``."""

    input: ModerationInput
    model: str | None = None  # the server's default: omni-moderation-latest


class Category(ResponseModel):
    """Whether each category was flagged."""

    hate: bool
    hate_threatening: bool = Field(alias="hate/threatening")
    harassment: bool
    harassment_threatening: bool = Field(alias="harassment/threatening")
    # Null from text-moderation models.
    illicit: bool | None = None
    illicit_violent: bool | None = Field(default=None, alias="illicit/violent")
    self_harm: bool = Field(alias="self-harm")
    self_harm_intent: bool = Field(alias="self-harm/intent")
    self_harm_instructions: bool = Field(alias="self-harm/instructions")
    sexual: bool
    sexual_minors: bool = Field(alias="sexual/minors")
    violence: bool
    violence_graphic: bool = Field(alias="violence/graphic")


class CategoryScore(ResponseModel):
    """The model's score for each category."""

    hate: float
    hate_threatening: float = Field(alias="hate/threatening")
    harassment: float
    harassment_threatening: float = Field(alias="harassment/threatening")
    illicit: float | None = None  # absent from text-moderation models
    illicit_violent: float | None = Field(default=None, alias="illicit/violent")
    self_harm: float = Field(alias="self-harm")
    self_harm_intent: float = Field(alias="self-harm/intent")
    self_harm_instructions: float = Field(alias="self-harm/instructions")
    sexual: float
    sexual_minors: float = Field(alias="sexual/minors")
    violence: float
    violence_graphic: float = Field(alias="violence/graphic")


_InputTypes: TypeAlias = list[Lenient[ModInputType]] | None


class CategoryAppliedInputTypes(ResponseModel):
    """Which kinds of input (text, image) each category's score was computed from."""

    hate: _InputTypes = None
    hate_threatening: _InputTypes = Field(default=None, alias="hate/threatening")
    harassment: _InputTypes = None
    harassment_threatening: _InputTypes = Field(default=None, alias="harassment/threatening")
    illicit: _InputTypes = None
    illicit_violent: _InputTypes = Field(default=None, alias="illicit/violent")
    self_harm: _InputTypes = Field(default=None, alias="self-harm")
    self_harm_intent: _InputTypes = Field(default=None, alias="self-harm/intent")
    self_harm_instructions: _InputTypes = Field(default=None, alias="self-harm/instructions")
    sexual: _InputTypes = None
    sexual_minors: _InputTypes = Field(default=None, alias="sexual/minors")
    violence: _InputTypes = None
    violence_graphic: _InputTypes = Field(default=None, alias="violence/graphic")


class ContentModerationResult(ResponseModel):
    """The moderation result for one input."""

    flagged: bool
    categories: Category
    category_scores: CategoryScore
    # Required in the spec; absent from text-moderation models' answers.
    category_applied_input_types: CategoryAppliedInputTypes | None = None


class CreateModerationResponse(ResponseModel):
    """Whether the inputs are potentially harmful, per category."""

    id: str | None = None
    model: str | None = None
    results: list[ContentModerationResult]
