"""Images types (``POST /images/generations``, ``/images/edits``, ``/images/variations``).

Edits and variations are multipart uploads: their file fields take anything
:data:`~async_openai_wasm._files.FileInput` accepts (bytes, ``(filename, bytes)``,
``(filename, bytes, content_type)``, or in Pyodide a JS ``File``/``Blob``). Generations and
edits stream with ``generate_stream`` / ``edit_stream``: partial images (``partial_images``, 0
to 3), then the final image, as typed events whose ``to_bytes()`` decodes the image.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Discriminator, Field, Tag, field_validator

from .._files import FileInput
from ..error import InvalidArgumentError
from ._base import Lenient, RequestModel, ResponseModel, base64_bytes, type_discriminator

__all__ = [
    "CreateImageEditRequest",
    "CreateImageRequest",
    "CreateImageVariationRequest",
    "DallE2ImageSize",
    "Image",
    "ImageBackground",
    "ImageEditCompletedEvent",
    "ImageEditPartialImageEvent",
    "ImageEditStreamEvent",
    "ImageGenCompletedEvent",
    "ImageGenInputUsageDetails",
    "ImageGenOutputTokensDetails",
    "ImageGenPartialImageEvent",
    "ImageGenStreamEvent",
    "ImageGenUsage",
    "ImageModeration",
    "ImageOutputFormat",
    "ImageQuality",
    "ImageResponseFormat",
    "ImageSize",
    "ImageStyle",
    "ImagesResponse",
    "InputFidelity",
    "UnknownImageStreamEvent",
]


class ImageSize(StrEnum):
    """Known sizes of generated images (the spec also allows other strings)."""

    auto = "auto"
    S256x256 = "256x256"
    S512x512 = "512x512"
    S1024x1024 = "1024x1024"
    S1536x1024 = "1536x1024"
    S1024x1536 = "1024x1536"
    S1792x1024 = "1792x1024"
    S1024x1792 = "1024x1792"


class DallE2ImageSize(StrEnum):
    """Sizes of image variations (dall-e-2)."""

    S256x256 = "256x256"
    S512x512 = "512x512"
    S1024x1024 = "1024x1024"


class ImageResponseFormat(StrEnum):
    """How images are returned: a URL valid for an hour, or base64 of the image file."""

    url = "url"
    b64_json = "b64_json"


class ImageQuality(StrEnum):
    """Image quality: `standard`/`hd` for dall-e-3, `low`/`medium`/`high` for GPT image models."""

    standard = "standard"
    hd = "hd"
    low = "low"
    medium = "medium"
    high = "high"
    auto = "auto"


class ImageStyle(StrEnum):
    """The style of dall-e-3 images."""

    vivid = "vivid"
    natural = "natural"


class ImageOutputFormat(StrEnum):
    """The file format of GPT image model results."""

    png = "png"
    jpeg = "jpeg"
    webp = "webp"


class ImageBackground(StrEnum):
    """Background transparency of GPT image model results."""

    transparent = "transparent"
    opaque = "opaque"
    auto = "auto"


class ImageModeration(StrEnum):
    """Content moderation level for GPT image models."""

    low = "low"
    auto = "auto"


class InputFidelity(StrEnum):
    """How closely an edit matches the style and features of the input images."""

    high = "high"
    low = "low"


def _one_or_many(value: Any) -> str:
    # Chooses the branch up front, so that a bad file is reported once, as "image.file".
    return "files" if isinstance(value, list) else "file"


# Fields shared by the three requests are repeated per model: the spec's enums and defaults
# differ between them, and each class reads as the spec's schema of the same name.


class CreateImageRequest(RequestModel):
    """Body of ``POST /images/generations``."""

    prompt: str
    model: str | None = None
    n: int | None = Field(default=None, ge=1, le=10)
    quality: ImageQuality | None = None
    response_format: ImageResponseFormat | None = None
    output_format: ImageOutputFormat | None = None
    output_compression: int | None = Field(default=None, ge=0, le=100)
    # The spec allows any string besides the known sizes.
    size: ImageSize | str | None = None
    moderation: ImageModeration | None = None
    background: ImageBackground | None = None
    style: ImageStyle | None = None
    user: str | None = None
    stream: bool | None = None
    partial_images: int | None = Field(default=None, ge=0, le=3)


class CreateImageEditRequest(RequestModel):
    """Body of ``POST /images/edits`` (multipart): one image, or several sent as ``image[]``."""

    image: Annotated[
        Annotated[FileInput, Tag("file")]
        | Annotated[list[FileInput], Field(min_length=1, max_length=16), Tag("files")],
        Discriminator(_one_or_many),
    ]
    prompt: str
    mask: FileInput | None = None
    background: ImageBackground | None = None
    model: str | None = None
    n: int | None = Field(default=None, ge=1, le=10)
    size: ImageSize | str | None = None
    response_format: ImageResponseFormat | None = None
    output_format: ImageOutputFormat | None = None
    output_compression: int | None = Field(default=None, ge=0, le=100)
    user: str | None = None
    input_fidelity: InputFidelity | None = None
    quality: ImageQuality | None = None
    stream: bool | None = None
    partial_images: int | None = Field(default=None, ge=0, le=3)

    @field_validator("quality")
    @classmethod
    def _no_hd_edits(cls, value: ImageQuality | None) -> ImageQuality | None:
        if value is ImageQuality.hd:
            raise ValueError("quality 'hd' is for dall-e-3 generations, not edits")
        return value


class CreateImageVariationRequest(RequestModel):
    """Body of ``POST /images/variations`` (multipart; dall-e-2)."""

    image: FileInput
    model: str | None = None
    n: int | None = Field(default=None, ge=1, le=10)
    response_format: ImageResponseFormat | None = None
    size: DallE2ImageSize | None = None
    user: str | None = None


class Image(ResponseModel):
    """A generated image: a ``url`` or the file as ``b64_json``, per ``response_format``."""

    b64_json: str | None = None
    url: str | None = None
    revised_prompt: str | None = None

    def to_bytes(self) -> bytes:
        """The image file decoded from ``b64_json``.

        Raises :class:`InvalidArgumentError` if the image came as a URL (ask for
        ``response_format="b64_json"``, or fetch the URL)."""
        if self.b64_json is None:
            raise InvalidArgumentError(
                "this image has no b64_json (it was returned as a url): request "
                'response_format="b64_json" to get the bytes, or download image.url'
            )
        return _image_bytes(self.b64_json)


def _image_bytes(b64_json: str) -> bytes:
    return base64_bytes(b64_json, "the image's b64_json")


class ImageGenInputUsageDetails(ResponseModel):
    """Input tokens of an image request, by kind."""

    text_tokens: int = 0
    image_tokens: int = 0


class ImageGenOutputTokensDetails(ResponseModel):
    """Output tokens of an image request, by kind."""

    text_tokens: int = 0
    image_tokens: int = 0


class ImageGenUsage(ResponseModel):
    """Tokens used by a GPT image model request."""

    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    input_tokens_details: ImageGenInputUsageDetails | None = None
    output_tokens_details: ImageGenOutputTokensDetails | None = None


class ImagesResponse(ResponseModel):
    """The images made by a generation, edit or variation."""

    # Required in the spec; some OpenAI-compatible servers leave it out.
    created: int | None = None
    data: list[Image] = Field(default_factory=list)
    # GPT image models only.
    background: Lenient[ImageBackground] | None = None
    output_format: Lenient[ImageOutputFormat] | None = None
    size: Lenient[ImageSize] | None = None
    quality: Lenient[ImageQuality] | None = None
    usage: ImageGenUsage | None = None


# --- Stream events (``generate_stream``, ``edit_stream``) -------------------------------------


class _ImageStreamEvent(ResponseModel):
    """Fields every image stream event has: the image so far (or final) as base64."""

    type: str
    b64_json: str
    created_at: int | None = None
    size: Lenient[ImageSize] | None = None
    quality: Lenient[ImageQuality] | None = None
    background: Lenient[ImageBackground] | None = None
    output_format: Lenient[ImageOutputFormat] | None = None

    def to_bytes(self) -> bytes:
        """The image file decoded from ``b64_json``."""
        return _image_bytes(self.b64_json)


class ImageGenPartialImageEvent(_ImageStreamEvent):
    """A partial image, while the image is generated (``partial_images`` of them at most)."""

    type: Literal["image_generation.partial_image"] = "image_generation.partial_image"
    partial_image_index: int


class ImageGenCompletedEvent(_ImageStreamEvent):
    """The generated image, and the tokens it used."""

    type: Literal["image_generation.completed"] = "image_generation.completed"
    usage: ImageGenUsage | None = None


class ImageEditPartialImageEvent(_ImageStreamEvent):
    """A partial image, while the edit is made (``partial_images`` of them at most)."""

    type: Literal["image_edit.partial_image"] = "image_edit.partial_image"
    partial_image_index: int


class ImageEditCompletedEvent(_ImageStreamEvent):
    """The edited image, and the tokens it used."""

    type: Literal["image_edit.completed"] = "image_edit.completed"
    usage: ImageGenUsage | None = None


class UnknownImageStreamEvent(ResponseModel):
    """An image stream event of a ``type`` these types do not know, with all its fields."""

    type: str


_ImageGenStreamEventChoices = (
    Annotated[ImageGenPartialImageEvent, Tag("image_generation.partial_image")]
    | Annotated[ImageGenCompletedEvent, Tag("image_generation.completed")]
    | Annotated[UnknownImageStreamEvent, Tag("UnknownImageStreamEvent")]
)
ImageGenStreamEvent: TypeAlias = Annotated[
    _ImageGenStreamEventChoices,
    type_discriminator(_ImageGenStreamEventChoices, "UnknownImageStreamEvent"),
]
_ImageEditStreamEventChoices = (
    Annotated[ImageEditPartialImageEvent, Tag("image_edit.partial_image")]
    | Annotated[ImageEditCompletedEvent, Tag("image_edit.completed")]
    | Annotated[UnknownImageStreamEvent, Tag("UnknownImageStreamEvent")]
)
ImageEditStreamEvent: TypeAlias = Annotated[
    _ImageEditStreamEventChoices,
    type_discriminator(_ImageEditStreamEventChoices, "UnknownImageStreamEvent"),
]
