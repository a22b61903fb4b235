"""Vector store types (``/vector_stores``): stores, their files, file batches and search.

Lists are ``Page[...]`` (the spec's ``ListVectorStoresResponse`` and
``ListVectorStoreFilesResponse``). Chunking strategies are tagged by ``type``: ``auto`` or
``static`` on the way in, ``static`` or ``other`` on the way out.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Discriminator, Field, Tag, model_validator

from .._pagination import Page
from ._base import Echoed, FalseIfNull, Lenient, RequestModel, ResponseModel

__all__ = [
    "AttributeValue",
    "AutoChunkingStrategyRequestParam",
    "ChunkingStrategyRequestParam",
    "ChunkingStrategyResponse",
    "ComparisonFilter",
    "ComparisonFilterType",
    "CompoundFilter",
    "CompoundFilterType",
    "CreateVectorStoreFileBatchRequest",
    "CreateVectorStoreFileRequest",
    "CreateVectorStoreRequest",
    "DeleteVectorStoreFileResponse",
    "DeleteVectorStoreResponse",
    "Filter",
    "ListVectorStoreFilesQuery",
    "ListVectorStoreFilesResponse",
    "ListVectorStoresQuery",
    "ListVectorStoresResponse",
    "OtherChunkingStrategyResponseParam",
    "Ranker",
    "RankingOptions",
    "StaticChunkingStrategy",
    "StaticChunkingStrategyRequestParam",
    "StaticChunkingStrategyResponseParam",
    "UpdateVectorStoreFileAttributesRequest",
    "UpdateVectorStoreRequest",
    "VectorStoreExpirationAfter",
    "VectorStoreFileAttributes",
    "VectorStoreFileBatchCounts",
    "VectorStoreFileBatchObject",
    "VectorStoreFileBatchStatus",
    "VectorStoreFileContentObject",
    "VectorStoreFileContentResponse",
    "VectorStoreFileCounts",
    "VectorStoreFileError",
    "VectorStoreFileErrorCode",
    "VectorStoreFileObject",
    "VectorStoreFileStatus",
    "VectorStoreObject",
    "VectorStoreSearchQuery",
    "VectorStoreSearchRequest",
    "VectorStoreSearchResultContentObject",
    "VectorStoreSearchResultItem",
    "VectorStoreSearchResultsPage",
    "VectorStoreStatus",
]

# --- Shared pieces -----------------------------------------------------------------------------

# A file attribute: a string, a number or a boolean (bool before int, so True stays a bool).
AttributeValue: TypeAlias = Annotated[str, Field(max_length=512)] | bool | int | float

# Up to 16 attributes per file, keys of at most 64 characters.
VectorStoreFileAttributes: TypeAlias = Annotated[
    dict[Annotated[str, Field(max_length=64)], AttributeValue], Field(max_length=16)
]


class VectorStoreExpirationAfter(RequestModel):
    """When a vector store expires: ``days`` (1 to 365) after it was last active."""

    anchor: Literal["last_active_at"] = "last_active_at"
    days: Annotated[int, Field(ge=1, le=365)]


class StaticChunkingStrategy(RequestModel):
    """Chunk size and overlap, in tokens."""

    max_chunk_size_tokens: Annotated[int, Field(ge=100, le=4096)]
    chunk_overlap_tokens: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _overlap_at_most_half(self) -> "StaticChunkingStrategy":
        # The spec's rule, checked here so the error names the fields before a round trip.
        if self.chunk_overlap_tokens * 2 > self.max_chunk_size_tokens:
            raise ValueError(
                "chunk_overlap_tokens must not exceed half of max_chunk_size_tokens "
                f"({self.chunk_overlap_tokens} > {self.max_chunk_size_tokens} / 2)"
            )
        return self


class AutoChunkingStrategyRequestParam(RequestModel):
    """The default chunking (800-token chunks overlapping by 400)."""

    type: Literal["auto"] = "auto"


class StaticChunkingStrategyRequestParam(RequestModel):
    """Chunking with a chosen chunk size and overlap."""

    type: Literal["static"] = "static"
    static: StaticChunkingStrategy


ChunkingStrategyRequestParam: TypeAlias = Annotated[
    AutoChunkingStrategyRequestParam | StaticChunkingStrategyRequestParam,
    Field(discriminator="type"),
]


class StaticChunkingStrategyResponseParam(ResponseModel):
    """The chunk size and overlap a file was chunked with."""

    type: Literal["static"] = "static"
    static: Echoed[StaticChunkingStrategy]


class OtherChunkingStrategyResponseParam(ResponseModel):
    """A file chunked before chunking strategies existed (strategy unknown)."""

    type: Literal["other"] = "other"


ChunkingStrategyResponse: TypeAlias = Annotated[
    StaticChunkingStrategyResponseParam | OtherChunkingStrategyResponseParam,
    Field(discriminator="type"),
]

# --- Vector stores -----------------------------------------------------------------------------


class CreateVectorStoreRequest(RequestModel):
    """Create a vector store, optionally from files already uploaded."""

    file_ids: list[str] | None = Field(default=None, max_length=500)
    name: str | None = None
    description: str | None = None
    expires_after: VectorStoreExpirationAfter | None = None
    chunking_strategy: ChunkingStrategyRequestParam | None = None
    metadata: dict[str, str] | None = None


class _UpdateRequest(RequestModel):
    """A partial update: fields not given are left alone; a field given as ``None`` is sent as
    null, which clears it on the server."""

    def to_wire(self) -> dict[str, Any]:
        wire = super().to_wire()
        wire.update({name: None for name in self.model_fields_set if getattr(self, name) is None})
        return wire


class UpdateVectorStoreRequest(_UpdateRequest):
    """Change a vector store's name, expiration policy or metadata (``None`` clears one)."""

    name: str | None = None
    expires_after: VectorStoreExpirationAfter | None = None
    metadata: dict[str, str] | None = None


class VectorStoreStatus(StrEnum):
    """Whether a vector store is ready (``completed``)."""

    expired = "expired"
    in_progress = "in_progress"
    completed = "completed"


class VectorStoreFileCounts(ResponseModel):
    """How many of a vector store's files are in each state."""

    in_progress: int = 0
    completed: int = 0
    failed: int = 0
    cancelled: int = 0
    total: int = 0


class VectorStoreObject(ResponseModel):
    """A collection of processed files for the ``file_search`` tool."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    name: str | None = None
    usage_bytes: int | None = None
    file_counts: VectorStoreFileCounts | None = None
    status: Lenient[VectorStoreStatus] | None = None
    expires_after: Echoed[VectorStoreExpirationAfter] | None = None
    expires_at: int | None = None
    last_active_at: int | None = None
    metadata: dict[str, str] | None = None


class DeleteVectorStoreResponse(ResponseModel):
    """The result of deleting a vector store."""

    id: str | None = None
    object: str | None = None
    deleted: bool | None = None


# --- Search ------------------------------------------------------------------------------------


class ComparisonFilterType(StrEnum):
    """How a comparison filter compares an attribute with a value."""

    eq = "eq"
    ne = "ne"
    gt = "gt"
    gte = "gte"
    lt = "lt"
    lte = "lte"
    in_ = "in"
    nin = "nin"


class ComparisonFilter(RequestModel):
    """Compares a file attribute with a value."""

    type: ComparisonFilterType = ComparisonFilterType.eq
    key: str
    value: str | bool | int | float | list[str | int | float]


class CompoundFilterType(StrEnum):
    """How a compound filter combines its filters."""

    and_ = "and"
    or_ = "or"


class CompoundFilter(RequestModel):
    """Combines filters with ``and`` or ``or``."""

    type: CompoundFilterType
    filters: list["Filter"]


def _filter_kind(value: Any) -> str:
    # Compound filters are the ones with nested filters; telling them apart up front makes a
    # bad filter's error name its own fields rather than both shapes'.
    nested = "filters" in value if isinstance(value, dict) else isinstance(value, CompoundFilter)
    return "compound" if nested else "comparison"


Filter: TypeAlias = Annotated[
    Annotated[ComparisonFilter, Tag("comparison")] | Annotated[CompoundFilter, Tag("compound")],
    Discriminator(_filter_kind),
]
CompoundFilter.model_rebuild()  # now that Filter, which it refers to, exists


class Ranker(StrEnum):
    """The ranker of a search; ``none`` turns re-ranking off."""

    none = "none"
    auto = "auto"
    default_2024_11_15 = "default-2024-11-15"


class RankingOptions(RequestModel):
    """How search results are ranked."""

    ranker: Ranker | None = None
    score_threshold: Annotated[float, Field(ge=0, le=1)] | None = None


VectorStoreSearchQuery: TypeAlias = str | Annotated[list[str], Field(min_length=1)]


class VectorStoreSearchRequest(RequestModel):
    """Search a vector store for the chunks most relevant to a query."""

    query: VectorStoreSearchQuery
    rewrite_query: bool | None = None
    max_num_results: Annotated[int, Field(ge=1, le=50)] | None = None
    filters: Filter | None = None
    ranking_options: RankingOptions | None = None


class VectorStoreSearchResultContentObject(ResponseModel):
    """A chunk of text found by a search."""

    type: str | None = None
    text: str


class VectorStoreSearchResultItem(ResponseModel):
    """A file that matched a search, with its matching chunks."""

    file_id: str
    filename: str | None = None
    score: float | None = None
    attributes: dict[str, str | bool | int | float] | None = None
    content: list[VectorStoreSearchResultContentObject] = Field(default_factory=list)


class VectorStoreSearchResultsPage(ResponseModel):
    """The results of a search."""

    object: str | None = None
    search_query: list[str] = Field(default_factory=list)
    data: list[VectorStoreSearchResultItem]
    has_more: FalseIfNull = False
    next_page: str | None = None


# --- Vector store files ------------------------------------------------------------------------


class CreateVectorStoreFileRequest(RequestModel):
    """Attach an uploaded file to a vector store."""

    file_id: str
    chunking_strategy: ChunkingStrategyRequestParam | None = None
    attributes: VectorStoreFileAttributes | None = None


class UpdateVectorStoreFileAttributesRequest(_UpdateRequest):
    """Replace a vector store file's attributes (``None`` clears them)."""

    attributes: VectorStoreFileAttributes | None


class VectorStoreFileStatus(StrEnum):
    """Whether a vector store file is ready (``completed``)."""

    in_progress = "in_progress"
    completed = "completed"
    cancelled = "cancelled"
    failed = "failed"


class VectorStoreFileErrorCode(StrEnum):
    """Why a file could not be added to a vector store."""

    server_error = "server_error"
    unsupported_file = "unsupported_file"
    invalid_file = "invalid_file"


class VectorStoreFileError(ResponseModel):
    """The last error of a vector store file."""

    code: Lenient[VectorStoreFileErrorCode] | None = None
    message: str | None = None


class VectorStoreFileObject(ResponseModel):
    """A file attached to a vector store."""

    id: str | None = None
    object: str | None = None
    usage_bytes: int | None = None
    created_at: int | None = None
    vector_store_id: str | None = None
    status: Lenient[VectorStoreFileStatus] | None = None
    last_error: VectorStoreFileError | None = None
    chunking_strategy: Echoed[ChunkingStrategyResponse] | None = None
    attributes: dict[str, str | bool | int | float] | None = None


class DeleteVectorStoreFileResponse(ResponseModel):
    """The result of removing a file from a vector store (the file itself stays)."""

    id: str | None = None
    object: str | None = None
    deleted: bool | None = None


class VectorStoreFileContentObject(ResponseModel):
    """A piece of a vector store file's parsed content."""

    type: str | None = None
    text: str | None = None


class VectorStoreFileContentResponse(ResponseModel):
    """The parsed content of a vector store file."""

    object: str | None = None
    data: list[VectorStoreFileContentObject]
    has_more: FalseIfNull = False
    next_page: str | None = None


# --- File batches ------------------------------------------------------------------------------


class CreateVectorStoreFileBatchRequest(RequestModel):
    """Attach several files at once: ``file_ids`` (sharing ``chunking_strategy`` and
    ``attributes``), or ``files`` each with their own."""

    file_ids: list[str] | None = Field(default=None, min_length=1, max_length=2000)
    files: list[CreateVectorStoreFileRequest] | None = Field(
        default=None, min_length=1, max_length=2000
    )
    chunking_strategy: ChunkingStrategyRequestParam | None = None
    attributes: VectorStoreFileAttributes | None = None

    @model_validator(mode="after")
    def _file_ids_or_files(self) -> "CreateVectorStoreFileBatchRequest":
        if (self.file_ids is None) == (self.files is None):
            raise ValueError("give exactly one of file_ids and files")
        return self


class VectorStoreFileBatchStatus(StrEnum):
    """Where a file batch stands."""

    in_progress = "in_progress"
    completed = "completed"
    cancelled = "cancelled"
    failed = "failed"


class VectorStoreFileBatchCounts(ResponseModel):
    """How many of a batch's files are in each state."""

    in_progress: int = 0
    completed: int = 0
    failed: int = 0
    cancelled: int = 0
    total: int = 0


class VectorStoreFileBatchObject(ResponseModel):
    """A batch of files being attached to a vector store."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    vector_store_id: str | None = None
    status: Lenient[VectorStoreFileBatchStatus] | None = None
    file_counts: VectorStoreFileBatchCounts | None = None


class ListVectorStoresQuery(RequestModel):
    """The query of a vector store list: ``limit`` (1 to 100) per page, by creation time in
    ``order``, starting ``after`` (or ending ``before``) an id."""

    limit: Annotated[int, Field(ge=1, le=100)] | None = None
    order: Literal["asc", "desc"] | None = None
    after: str | None = None
    before: str | None = None


class ListVectorStoreFilesQuery(ListVectorStoresQuery):
    """The query of a list of vector store files; ``filter`` keeps files with that status."""

    filter: VectorStoreFileStatus | None = None


ListVectorStoresResponse: TypeAlias = Page[VectorStoreObject]
ListVectorStoreFilesResponse: TypeAlias = Page[VectorStoreFileObject]
