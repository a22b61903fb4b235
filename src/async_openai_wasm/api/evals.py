"""Evals: ``client.evals.create/retrieve/update/list/delete``, their runs
(``client.evals.runs``) and each run's output items (``client.evals.runs.output_items``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from .._args import (
    CallOptions,
    Order,
    path_segment,
    split_body,
    wire_query,
)
from .._pagination import Paginator
from ..types.evals import (
    CreateEvalRequest,
    CreateEvalRunRequest,
    DeleteEvalResponse,
    DeleteEvalRunResponse,
    Eval,
    EvalRun,
    EvalRunOutputItem,
    GetEvalRunOutputItemsQuery,
    GetEvalRunsQuery,
    ListEvalsQuery,
    UpdateEvalRequest,
)
from ._base import APIGroup

__all__ = ["EvalRunOutputItems", "EvalRuns", "Evals"]

RunStatus = Literal["queued", "in_progress", "completed", "canceled", "failed"]


def _eval_path(eval_id: str) -> str:
    return f"/evals/{path_segment(eval_id, 'eval_id')}"


def _run_path(eval_id: str, run_id: str) -> str:
    return f"{_eval_path(eval_id)}/runs/{path_segment(run_id, 'run_id')}"


class Evals(APIGroup):
    """Evaluations: a data source's schema and the graders (testing criteria) that score
    a model's outputs on it."""

    @property
    def runs(self) -> EvalRuns:
        """The runs of an eval."""
        return EvalRuns(self._pipeline)

    async def create(
        self,
        request: CreateEvalRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Eval:
        """Creates an eval from a data source config and testing criteria (graders)."""
        body, options = split_body(CreateEvalRequest, request, fields)
        return await self._pipeline.json("POST", "/evals", Eval, body=body, options=options)

    async def retrieve(self, eval_id: str, **options: Unpack[CallOptions]) -> Eval:
        """Retrieves an eval."""
        return await self._pipeline.json("GET", _eval_path(eval_id), Eval, options=options)

    async def update(
        self,
        eval_id: str,
        request: UpdateEvalRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Eval:
        """Renames an eval or replaces its metadata."""
        body, options = split_body(UpdateEvalRequest, request, fields)
        return await self._pipeline.json(
            "POST", _eval_path(eval_id), Eval, body=body, options=options
        )

    def list(
        self,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        order_by: Literal["created_at", "updated_at"] | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[Eval]:
        """Lists evals: ``await`` it for the first page, or ``async for`` over it for every
        eval of every page."""
        fields = {"after": after, "limit": limit, "order": order, "order_by": order_by}
        query = wire_query(ListEvalsQuery, fields)
        return self._pipeline.page("/evals", Eval, query=query, options=options)

    async def delete(self, eval_id: str, **options: Unpack[CallOptions]) -> DeleteEvalResponse:
        """Deletes an eval."""
        return await self._pipeline.json(
            "DELETE", _eval_path(eval_id), DeleteEvalResponse, options=options
        )


class EvalRuns(APIGroup):
    """Runs of an eval: a model's outputs on a data source, scored by the eval's graders."""

    @property
    def output_items(self) -> EvalRunOutputItems:
        """The graded outputs of a run."""
        return EvalRunOutputItems(self._pipeline)

    async def create(
        self,
        eval_id: str,
        request: CreateEvalRunRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> EvalRun:
        """Starts a run of an eval on a data source (a JSONL file, stored completions, or
        responses)."""
        body, options = split_body(CreateEvalRunRequest, request, fields)
        return await self._pipeline.json(
            "POST", f"{_eval_path(eval_id)}/runs", EvalRun, body=body, options=options
        )

    async def retrieve(self, eval_id: str, run_id: str, **options: Unpack[CallOptions]) -> EvalRun:
        """Retrieves a run, with its result counts once graded."""
        return await self._pipeline.json(
            "GET", _run_path(eval_id, run_id), EvalRun, options=options
        )

    def list(
        self,
        eval_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        status: RunStatus | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[EvalRun]:
        """Lists an eval's runs, optionally only those with ``status``: ``await`` it for the
        first page, or ``async for`` over it for every run."""
        fields = {"after": after, "limit": limit, "order": order, "status": status}
        query = wire_query(GetEvalRunsQuery, fields)
        return self._pipeline.page(
            f"{_eval_path(eval_id)}/runs", EvalRun, query=query, options=options
        )

    async def cancel(self, eval_id: str, run_id: str, **options: Unpack[CallOptions]) -> EvalRun:
        """Cancels a run that is queued or in progress."""
        return await self._pipeline.json(
            "POST", _run_path(eval_id, run_id), EvalRun, options=options
        )

    async def delete(
        self, eval_id: str, run_id: str, **options: Unpack[CallOptions]
    ) -> DeleteEvalRunResponse:
        """Deletes a run."""
        return await self._pipeline.json(
            "DELETE", _run_path(eval_id, run_id), DeleteEvalRunResponse, options=options
        )


class EvalRunOutputItems(APIGroup):
    """A run's output items: each data item, the model's sample, and the graders' results."""

    async def retrieve(
        self, eval_id: str, run_id: str, output_item_id: str, **options: Unpack[CallOptions]
    ) -> EvalRunOutputItem:
        """Retrieves one output item of a run."""
        path = f"{_run_path(eval_id, run_id)}/output_items/"
        return await self._pipeline.json(
            "GET",
            path + path_segment(output_item_id, "output_item_id"),
            EvalRunOutputItem,
            options=options,
        )

    def list(
        self,
        eval_id: str,
        run_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        status: Literal["fail", "pass"] | None = None,
        order: Order | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[EvalRunOutputItem]:
        """Lists a run's output items, optionally only those that ``pass`` or ``fail``:
        ``await`` it for the first page, or ``async for`` over it for every item."""
        fields = {"after": after, "limit": limit, "status": status, "order": order}
        query = wire_query(GetEvalRunOutputItemsQuery, fields)
        return self._pipeline.page(
            f"{_run_path(eval_id, run_id)}/output_items",
            EvalRunOutputItem,
            query=query,
            options=options,
        )
