"""Messages of a thread (``/threads/{thread_id}/messages``) and their streamed deltas.

Content parts and annotations are unions tagged by ``type``. Image parts and attachments travel
both ways (you send them, the message echoes them) and are request models, held in responses as
``Echoed[...]``.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field

from .._base import Echoed, Lenient, RequestModel, ResponseModel
from ..chat import ImageDetail, ImageUrl
from .assistant import AssistantToolsCode, Metadata

__all__ = [
    "AssistantToolsFileSearchTypeOnly",
    "CreateMessageRequest",
    "CreateMessageRequestContent",
    "DeleteMessageResponse",
    "FileCitation",
    "FilePath",
    "ImageFile",
    "MessageAttachment",
    "MessageAttachmentTool",
    "MessageContent",
    "MessageContentImageFileObject",
    "MessageContentImageUrlObject",
    "MessageContentInput",
    "MessageContentRefusalObject",
    "MessageContentTextAnnotations",
    "MessageContentTextAnnotationsFileCitationObject",
    "MessageContentTextAnnotationsFilePathObject",
    "MessageContentTextObject",
    "MessageDelta",
    "MessageDeltaContent",
    "MessageDeltaContentImageFileObject",
    "MessageDeltaContentImageUrlObject",
    "MessageDeltaContentRefusalObject",
    "MessageDeltaContentText",
    "MessageDeltaContentTextAnnotations",
    "MessageDeltaContentTextAnnotationsFileCitationObject",
    "MessageDeltaContentTextAnnotationsFilePathObject",
    "MessageDeltaContentTextObject",
    "MessageDeltaObject",
    "MessageIncompleteDetails",
    "MessageIncompleteDetailsType",
    "MessageObject",
    "MessageRequestContentTextObject",
    "MessageRole",
    "MessageStatus",
    "ModifyMessageRequest",
    "TextData",
]


class MessageRole(StrEnum):
    """Who wrote a message."""

    user = "user"
    assistant = "assistant"


class MessageStatus(StrEnum):
    """Where a message stands."""

    in_progress = "in_progress"
    incomplete = "incomplete"
    completed = "completed"


class MessageIncompleteDetailsType(StrEnum):
    """Why a message is incomplete."""

    content_filter = "content_filter"
    max_tokens = "max_tokens"
    run_cancelled = "run_cancelled"
    run_expired = "run_expired"
    run_failed = "run_failed"


# --- Content parts sent and echoed ------------------------------------------------------------


class ImageFile(RequestModel):
    """An image given by the id of an uploaded file (purpose `vision`)."""

    file_id: str
    detail: ImageDetail | None = None


class MessageContentImageFileObject(RequestModel):
    """An image file in a message."""

    type: Literal["image_file"] = "image_file"
    image_file: ImageFile


class MessageContentImageUrlObject(RequestModel):
    """An image URL in a message."""

    type: Literal["image_url"] = "image_url"
    image_url: ImageUrl


class MessageRequestContentTextObject(RequestModel):
    """Text sent in a message."""

    type: Literal["text"] = "text"
    text: str


MessageContentInput: TypeAlias = Annotated[
    MessageRequestContentTextObject | MessageContentImageFileObject | MessageContentImageUrlObject,
    Field(discriminator="type"),
]

CreateMessageRequestContent: TypeAlias = (
    str | Annotated[list[MessageContentInput], Field(min_length=1)]
)


class AssistantToolsFileSearchTypeOnly(RequestModel):
    """The file search tool, named for an attachment."""

    type: Literal["file_search"] = "file_search"


MessageAttachmentTool: TypeAlias = Annotated[
    AssistantToolsCode | AssistantToolsFileSearchTypeOnly, Field(discriminator="type")
]


class MessageAttachment(RequestModel):
    """A file attached to a message, and the tools to add it to."""

    file_id: str
    tools: list[MessageAttachmentTool]


# --- Requests ---------------------------------------------------------------------------------


class CreateMessageRequest(RequestModel):
    """Body of ``POST /threads/{thread_id}/messages`` (and a message of a new thread)."""

    # The spec requires a role; `user` is what almost every message is.
    role: MessageRole = MessageRole.user
    content: CreateMessageRequestContent
    attachments: list[MessageAttachment] | None = None
    metadata: Metadata | None = None


class ModifyMessageRequest(RequestModel):
    """Body of ``POST /threads/{thread_id}/messages/{message_id}``."""

    metadata: Metadata | None = None


# --- Content parts received -------------------------------------------------------------------


class FileCitation(ResponseModel):
    """The file a citation points to."""

    file_id: str
    quote: str | None = None


class FilePath(ResponseModel):
    """A file the code interpreter generated."""

    file_id: str


class MessageContentTextAnnotationsFileCitationObject(ResponseModel):
    """A citation of a file found by file search."""

    type: Literal["file_citation"] = "file_citation"
    text: str
    file_citation: FileCitation
    start_index: int = Field(ge=0)
    end_index: int = Field(ge=0)


class MessageContentTextAnnotationsFilePathObject(ResponseModel):
    """A path to a file the code interpreter generated."""

    type: Literal["file_path"] = "file_path"
    text: str
    file_path: FilePath
    start_index: int = Field(ge=0)
    end_index: int = Field(ge=0)


MessageContentTextAnnotations: TypeAlias = Annotated[
    MessageContentTextAnnotationsFileCitationObject | MessageContentTextAnnotationsFilePathObject,
    Field(discriminator="type"),
]


class TextData(ResponseModel):
    """The text of a message and its annotations."""

    value: str
    annotations: list[MessageContentTextAnnotations] = Field(default_factory=list)


class MessageContentTextObject(ResponseModel):
    """Text in a message."""

    type: Literal["text"] = "text"
    text: TextData


class MessageContentRefusalObject(ResponseModel):
    """The model's refusal to answer."""

    type: Literal["refusal"] = "refusal"
    refusal: str


MessageContent: TypeAlias = Annotated[
    MessageContentTextObject
    | MessageContentImageFileObject
    | MessageContentImageUrlObject
    | MessageContentRefusalObject,
    Field(discriminator="type"),
]


class MessageIncompleteDetails(ResponseModel):
    """Why a message is incomplete."""

    reason: Lenient[MessageIncompleteDetailsType]


class MessageObject(ResponseModel):
    """A message in a thread."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    thread_id: str | None = None
    status: Lenient[MessageStatus] | None = None
    incomplete_details: MessageIncompleteDetails | None = None
    completed_at: int | None = None
    incomplete_at: int | None = None
    role: Lenient[MessageRole]
    content: list[Echoed[MessageContent]] = Field(default_factory=list)
    assistant_id: str | None = None
    run_id: str | None = None
    attachments: list[Echoed[MessageAttachment]] | None = None
    metadata: dict[str, Any] | None = None


class DeleteMessageResponse(ResponseModel):
    """The answer to deleting a message."""

    id: str | None = None
    deleted: bool | None = None
    object: str | None = None


# --- Deltas (streamed) ------------------------------------------------------------------------


class MessageDeltaContentTextAnnotationsFileCitationObject(ResponseModel):
    """A part of a file citation, at `index` in the text's annotations."""

    index: int | None = None
    type: Literal["file_citation"] = "file_citation"
    text: str | None = None
    file_citation: FileCitation | None = None
    start_index: int | None = Field(default=None, ge=0)
    end_index: int | None = Field(default=None, ge=0)


class MessageDeltaContentTextAnnotationsFilePathObject(ResponseModel):
    """A part of a file path annotation, at `index` in the text's annotations."""

    index: int | None = None
    type: Literal["file_path"] = "file_path"
    text: str | None = None
    file_path: FilePath | None = None
    start_index: int | None = Field(default=None, ge=0)
    end_index: int | None = Field(default=None, ge=0)


MessageDeltaContentTextAnnotations: TypeAlias = Annotated[
    MessageDeltaContentTextAnnotationsFileCitationObject
    | MessageDeltaContentTextAnnotationsFilePathObject,
    Field(discriminator="type"),
]


class MessageDeltaContentText(ResponseModel):
    """More text, and annotations, of a text part."""

    value: str | None = None
    annotations: list[MessageDeltaContentTextAnnotations] | None = None


class MessageDeltaContentTextObject(ResponseModel):
    """A part of the text at `index` in the message's content."""

    index: int | None = None
    type: Literal["text"] = "text"
    text: MessageDeltaContentText | None = None


class MessageDeltaContentImageFileObject(ResponseModel):
    """An image file at `index` in the message's content."""

    index: int | None = None
    type: Literal["image_file"] = "image_file"
    image_file: Echoed[ImageFile] | None = None


class MessageDeltaContentImageUrlObject(ResponseModel):
    """An image URL at `index` in the message's content."""

    index: int | None = None
    type: Literal["image_url"] = "image_url"
    image_url: Echoed[ImageUrl] | None = None


class MessageDeltaContentRefusalObject(ResponseModel):
    """A part of a refusal at `index` in the message's content."""

    index: int | None = None
    type: Literal["refusal"] = "refusal"
    refusal: str | None = None


MessageDeltaContent: TypeAlias = Annotated[
    MessageDeltaContentImageFileObject
    | MessageDeltaContentTextObject
    | MessageDeltaContentRefusalObject
    | MessageDeltaContentImageUrlObject,
    Field(discriminator="type"),
]


class MessageDelta(ResponseModel):
    """The fields of a message that changed."""

    role: Lenient[MessageRole] | None = None
    content: list[MessageDeltaContent] | None = None


class MessageDeltaObject(ResponseModel):
    """A change to a message while it is streamed (event `thread.message.delta`)."""

    id: str | None = None
    object: str | None = None
    delta: MessageDelta
