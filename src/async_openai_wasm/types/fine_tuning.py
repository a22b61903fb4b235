"""Fine-tuning types (``/fine_tuning/jobs``).

A job's ``method`` is its ``type`` and that method's settings: ``{"type": "supervised",
"supervised": {...}}``, ``dpo`` or ``reinforcement`` (which needs a grader). Hyperparameters
take ``"auto"`` or a number in the spec's range. The job a server returns echoes the method and
integrations it was created with (see ``Echoed``). Lists are ``Page[...]`` of jobs, events and
checkpoints.
"""

from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import Field, model_validator

from .._pagination import Page
from ._base import Echoed, Lenient, QueryModel, RequestModel, ResponseModel

__all__ = [
    "BatchSize",
    "Beta",
    "ComputeMultiplier",
    "CreateFineTuningJobRequest",
    "EvalInterval",
    "EvalItem",
    "EvalItemContent",
    "EvalItemContentOutputText",
    "EvalItemInputAudio",
    "EvalItemInputAudioData",
    "EvalItemInputImage",
    "EvalItemRole",
    "EvalSamples",
    "FineTuneDPOHyperparameters",
    "FineTuneDPOMethod",
    "FineTuneJobError",
    "FineTuneMethod",
    "FineTuneMethodType",
    "FineTuneReasoningEffort",
    "FineTuneReinforcementHyperparameters",
    "FineTuneReinforcementMethod",
    "FineTuneReinforcementMethodGrader",
    "FineTuneSupervisedHyperparameters",
    "FineTuneSupervisedMethod",
    "FineTuningIntegration",
    "FineTuningJob",
    "FineTuningJobCheckpoint",
    "FineTuningJobCheckpointMetrics",
    "FineTuningJobEvent",
    "FineTuningJobEventType",
    "FineTuningJobStatus",
    "GraderLabelModel",
    "GraderMulti",
    "GraderPython",
    "GraderScoreModel",
    "GraderScoreModelSamplingParams",
    "GraderStringCheck",
    "GraderStringCheckOperation",
    "GraderTextSimilarity",
    "GraderTextSimilarityMetric",
    "Hyperparameters",
    "InputTextContent",
    "LearningRateMultiplier",
    "Level",
    "ListFineTuningJobCheckpointsResponse",
    "ListFineTuningJobEventsResponse",
    "ListFineTuningJobItemsQuery",
    "ListFineTuningJobsQuery",
    "ListPaginatedFineTuningJobsResponse",
    "NEpochs",
    "WandB",
]

# --- Hyperparameters: "auto" or a number in the spec's range ----------------------------------

BatchSize: TypeAlias = Literal["auto"] | Annotated[int, Field(ge=1, le=256)]
LearningRateMultiplier: TypeAlias = Literal["auto"] | Annotated[float, Field(gt=0)]
NEpochs: TypeAlias = Literal["auto"] | Annotated[int, Field(ge=1, le=50)]
Beta: TypeAlias = Literal["auto"] | Annotated[float, Field(gt=0, le=2)]
ComputeMultiplier: TypeAlias = Literal["auto"] | Annotated[float, Field(gt=0.00001, le=10)]
EvalInterval: TypeAlias = Literal["auto"] | Annotated[int, Field(ge=1)]
EvalSamples: TypeAlias = Literal["auto"] | Annotated[int, Field(ge=1)]


class FineTuneReasoningEffort(StrEnum):
    """Reasoning effort of a reinforcement fine-tuning job."""

    default = "default"
    low = "low"
    medium = "medium"
    high = "high"


class FineTuneSupervisedHyperparameters(RequestModel):
    """Hyperparameters of a supervised job; each left out means ``auto``."""

    batch_size: BatchSize | None = None
    learning_rate_multiplier: LearningRateMultiplier | None = None
    n_epochs: NEpochs | None = None


class FineTuneDPOHyperparameters(RequestModel):
    """Hyperparameters of a DPO job; each left out means ``auto``."""

    beta: Beta | None = None
    batch_size: BatchSize | None = None
    learning_rate_multiplier: LearningRateMultiplier | None = None
    n_epochs: NEpochs | None = None


class FineTuneReinforcementHyperparameters(RequestModel):
    """Hyperparameters of a reinforcement job; each left out means ``auto`` (or ``default``)."""

    batch_size: BatchSize | None = None
    learning_rate_multiplier: LearningRateMultiplier | None = None
    n_epochs: NEpochs | None = None
    reasoning_effort: FineTuneReasoningEffort | None = None
    compute_multiplier: ComputeMultiplier | None = None
    eval_interval: EvalInterval | None = None
    eval_samples: EvalSamples | None = None


# --- Graders (reinforcement fine-tuning) -------------------------------------------------------


class EvalItemRole(StrEnum):
    """The role of a message given to a model grader."""

    user = "user"
    assistant = "assistant"
    system = "system"
    developer = "developer"


class InputTextContent(RequestModel):
    """A text input to the model."""

    type: Literal["input_text"] = "input_text"
    text: str


class EvalItemContentOutputText(RequestModel):
    """A text output from the model."""

    type: Literal["output_text"] = "output_text"
    text: str


class EvalItemInputImage(RequestModel):
    """An image input, by URL."""

    type: Literal["input_image"] = "input_image"
    image_url: str
    detail: Literal["auto", "low", "high"] | None = None


class EvalItemInputAudioData(RequestModel):
    """Base64-encoded audio and its format."""

    data: str
    format: Literal["mp3", "wav"]


class EvalItemInputAudio(RequestModel):
    """An audio input (the spec's ``InputAudio``)."""

    type: Literal["input_audio"] = "input_audio"
    input_audio: EvalItemInputAudioData


_EvalItemContentItem: TypeAlias = Annotated[
    InputTextContent | EvalItemContentOutputText | EvalItemInputImage | EvalItemInputAudio,
    Field(discriminator="type"),
]

# A template string, one content item, or a list of items (strings count as input text).
EvalItemContent: TypeAlias = str | _EvalItemContentItem | list[str | _EvalItemContentItem]


class EvalItem(RequestModel):
    """A message given to a model grader; its content may hold template strings."""

    role: EvalItemRole
    content: EvalItemContent
    type: Literal["message"] | None = None


class GraderStringCheckOperation(StrEnum):
    """How a string-check grader compares input and reference."""

    eq = "eq"
    ne = "ne"
    like = "like"
    ilike = "ilike"


class GraderStringCheck(RequestModel):
    """Compares input and reference strings with an operation."""

    type: Literal["string_check"] = "string_check"
    name: str
    input: str
    reference: str
    operation: GraderStringCheckOperation


class GraderTextSimilarityMetric(StrEnum):
    """The similarity metric of a text-similarity grader."""

    cosine = "cosine"
    fuzzy_match = "fuzzy_match"
    bleu = "bleu"
    gleu = "gleu"
    meteor = "meteor"
    rouge_1 = "rouge_1"
    rouge_2 = "rouge_2"
    rouge_3 = "rouge_3"
    rouge_4 = "rouge_4"
    rouge_5 = "rouge_5"
    rouge_l = "rouge_l"


class GraderTextSimilarity(RequestModel):
    """Grades text by its similarity to a reference."""

    type: Literal["text_similarity"] = "text_similarity"
    name: str
    input: str
    reference: str
    evaluation_metric: GraderTextSimilarityMetric


class GraderPython(RequestModel):
    """Runs a Python script on the input."""

    type: Literal["python"] = "python"
    name: str
    source: str
    image_tag: str | None = None


class GraderScoreModelSamplingParams(RequestModel):
    """Sampling parameters of a score-model grader."""

    seed: int | None = None
    top_p: float | None = None
    temperature: float | None = None
    max_completions_tokens: int | None = Field(default=None, ge=1)
    # The spec's ReasoningEffort (none, minimal, low, medium, high, ...); a plain string so
    # these types do not load the chat types, where that enum lives.
    reasoning_effort: str | None = None


class GraderScoreModel(RequestModel):
    """A model that scores the input."""

    type: Literal["score_model"] = "score_model"
    name: str
    model: str
    input: list[EvalItem]
    sampling_params: GraderScoreModelSamplingParams | None = None
    range: list[float] | None = Field(default=None, min_length=2, max_length=2)


class GraderLabelModel(RequestModel):
    """A model that labels the input (within a multi grader)."""

    type: Literal["label_model"] = "label_model"
    name: str
    model: str
    input: list[EvalItem]
    labels: list[str]
    passing_labels: list[str]


class GraderMulti(RequestModel):
    """Combines the output of another grader into a score with a formula."""

    type: Literal["multi"] = "multi"
    name: str
    # One grader (not a list), as in the spec, whose result calculate_output refers to.
    graders: Annotated[
        GraderStringCheck
        | GraderTextSimilarity
        | GraderPython
        | GraderScoreModel
        | GraderLabelModel,
        Field(discriminator="type"),
    ]
    calculate_output: str


FineTuneReinforcementMethodGrader: TypeAlias = Annotated[
    GraderStringCheck | GraderTextSimilarity | GraderPython | GraderScoreModel | GraderMulti,
    Field(discriminator="type"),
]

# --- Methods ---------------------------------------------------------------------------------


class FineTuneSupervisedMethod(RequestModel):
    """Settings of supervised fine-tuning."""

    hyperparameters: FineTuneSupervisedHyperparameters | None = None


class FineTuneDPOMethod(RequestModel):
    """Settings of direct preference optimization."""

    hyperparameters: FineTuneDPOHyperparameters | None = None


class FineTuneReinforcementMethod(RequestModel):
    """Settings of reinforcement fine-tuning: a grader and hyperparameters."""

    grader: FineTuneReinforcementMethodGrader
    hyperparameters: FineTuneReinforcementHyperparameters | None = None


class FineTuneMethodType(StrEnum):
    """The kind of fine-tuning."""

    supervised = "supervised"
    dpo = "dpo"
    reinforcement = "reinforcement"


class FineTuneMethod(RequestModel):
    """How a job fine-tunes: ``type``, and the settings of that method (which reinforcement
    needs: its grader)."""

    type: FineTuneMethodType
    supervised: FineTuneSupervisedMethod | None = None
    dpo: FineTuneDPOMethod | None = None
    reinforcement: FineTuneReinforcementMethod | None = None

    @model_validator(mode="after")
    def _settings_of_its_type_only(self) -> "FineTuneMethod":
        given = [t.value for t in FineTuneMethodType if getattr(self, t.value) is not None]
        others = [name for name in given if name != self.type.value]
        if others:
            raise ValueError(f"type is {self.type.value}, yet settings for {others} were given")
        if self.type is FineTuneMethodType.reinforcement and self.reinforcement is None:
            raise ValueError("the reinforcement method needs its settings (reinforcement.grader)")
        return self


# --- Creating a job --------------------------------------------------------------------------


class WandB(RequestModel):
    """Where a Weights and Biases integration sends metrics."""

    project: str
    name: str | None = None
    entity: str | None = None
    tags: list[str] | None = None


class FineTuningIntegration(RequestModel):
    """An integration of a job; only Weights and Biases for now."""

    type: Literal["wandb"] = "wandb"
    wandb: WandB


class CreateFineTuningJobRequest(RequestModel):
    """Create a job that fine-tunes a model on an uploaded training file."""

    model: str
    training_file: str
    # Deprecated in favour of `method`; still accepted.
    hyperparameters: FineTuneSupervisedHyperparameters | None = None
    suffix: str | None = Field(default=None, min_length=1, max_length=64)
    validation_file: str | None = None
    integrations: list[FineTuningIntegration] | None = None
    seed: int | None = Field(default=None, ge=0, le=2147483647)
    method: FineTuneMethod | None = None
    metadata: dict[str, str] | None = None


# --- Responses -------------------------------------------------------------------------------


class FineTuningJobStatus(StrEnum):
    """Where a fine-tuning job stands."""

    validating_files = "validating_files"
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"


class FineTuneJobError(ResponseModel):
    """Why a job failed."""

    code: str | None = None
    message: str | None = None
    param: str | None = None


class Hyperparameters(ResponseModel):
    """The hyperparameters a job uses (``"auto"`` or a number each)."""

    batch_size: int | str | None = None
    learning_rate_multiplier: float | str | None = None
    n_epochs: int | str | None = None


class FineTuningJob(ResponseModel):
    """A fine-tuning job and where it stands."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    error: FineTuneJobError | None = None
    fine_tuned_model: str | None = None
    finished_at: int | None = None
    hyperparameters: Hyperparameters | None = None
    model: str | None = None
    organization_id: str | None = None
    result_files: list[str] = Field(default_factory=list)
    status: Lenient[FineTuningJobStatus] | None = None
    trained_tokens: int | None = None
    training_file: str | None = None
    validation_file: str | None = None
    integrations: list[Echoed[FineTuningIntegration]] | None = None
    seed: int | None = None
    estimated_finish: int | None = None
    method: Echoed[FineTuneMethod] | None = None
    metadata: dict[str, str] | None = None


class Level(StrEnum):
    """The log level of a job event."""

    info = "info"
    warn = "warn"
    error = "error"


class FineTuningJobEventType(StrEnum):
    """What a job event carries."""

    message = "message"
    metrics = "metrics"


class FineTuningJobEvent(ResponseModel):
    """A status update of a fine-tuning job."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    level: Lenient[Level] | None = None
    message: str | None = None
    type: Lenient[FineTuningJobEventType] | None = None
    data: dict[str, Any] | None = None


class FineTuningJobCheckpointMetrics(ResponseModel):
    """Training and validation metrics at a checkpoint's step."""

    step: float | None = None
    train_loss: float | None = None
    train_mean_token_accuracy: float | None = None
    valid_loss: float | None = None
    valid_mean_token_accuracy: float | None = None
    full_valid_loss: float | None = None
    full_valid_mean_token_accuracy: float | None = None


class FineTuningJobCheckpoint(ResponseModel):
    """A model checkpoint of a fine-tuning job, ready to use."""

    id: str | None = None
    object: str | None = None
    created_at: int | None = None
    fine_tuned_model_checkpoint: str | None = None
    fine_tuning_job_id: str | None = None
    step_number: int | None = None
    metrics: FineTuningJobCheckpointMetrics | None = None


class ListFineTuningJobItemsQuery(QueryModel):
    """The query of a job's events or checkpoints: ``limit`` per page, starting ``after`` an
    id."""

    after: str | None = None
    limit: Annotated[int, Field(ge=1)] | None = None


class ListFineTuningJobsQuery(ListFineTuningJobItemsQuery):
    """The query of ``GET /fine_tuning/jobs``; ``metadata`` keeps only jobs whose metadata
    has these key-value pairs."""

    metadata: dict[str, str] | None = None


ListPaginatedFineTuningJobsResponse: TypeAlias = Page[FineTuningJob]
ListFineTuningJobEventsResponse: TypeAlias = Page[FineTuningJobEvent]
ListFineTuningJobCheckpointsResponse: TypeAlias = Page[FineTuningJobCheckpoint]
