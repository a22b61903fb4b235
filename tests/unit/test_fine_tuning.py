"""client.fine_tuning over MockTransport: job bodies (methods, graders, hyperparameters), the
metadata query, paths, pagination of jobs, events and checkpoints, and refused bad input."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from async_openai_wasm import Client, InvalidArgumentError, MockTransport, OpenAIConfig, Response
from async_openai_wasm.types.fine_tuning import (
    FineTuneMethod,
    FineTuneMethodType,
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    FineTuningJobStatus,
    Level,
)

BASE = "http://mock.test/v1"

JOB = {
    "object": "fine_tuning.job",
    "id": "ftjob-abc123",
    "model": "gpt-4o-mini-2024-07-18",
    "created_at": 1721764800,
    "fine_tuned_model": None,
    "organization_id": "org-123",
    "result_files": [],
    "status": "queued",
    "validation_file": None,
    "training_file": "file-abc123",
    "hyperparameters": {"batch_size": "auto", "learning_rate_multiplier": 1.8, "n_epochs": 3},
    "method": {
        "type": "supervised",
        "supervised": {
            "hyperparameters": {
                "batch_size": "auto",
                "learning_rate_multiplier": 1.8,
                "n_epochs": 3,
            }
        },
    },
    "seed": 42,
    "metadata": None,
}


def client_with(transport: Any) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base=BASE), transport=transport)


def replying(body: Any) -> MockTransport:
    return MockTransport(lambda request: Response.from_json(200, body))


def body_of(transport: MockTransport) -> Any:
    (request,) = transport.requests
    return json.loads(request.body)  # type: ignore[arg-type]


async def test_create_sends_a_supervised_job_and_returns_it_typed() -> None:
    transport = replying(JOB)
    job = await client_with(transport).fine_tuning.create(
        model="gpt-4o-mini-2024-07-18",
        training_file="file-abc123",
        suffix="custom",
        seed=42,
        method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}},
        integrations=[{"wandb": {"project": "p", "tags": ["a"]}}],
    )
    assert isinstance(job, FineTuningJob)
    assert job.status is FineTuningJobStatus.queued
    assert job.hyperparameters is not None and job.hyperparameters.n_epochs == 3
    assert isinstance(job.method, FineTuneMethod)
    assert job.method.type is FineTuneMethodType.supervised
    (request,) = transport.requests
    assert (request.method, request.url) == ("POST", f"{BASE}/fine_tuning/jobs")
    assert body_of(transport) == {
        "model": "gpt-4o-mini-2024-07-18",
        "training_file": "file-abc123",
        "suffix": "custom",
        "seed": 42,
        "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3}}},
        "integrations": [{"type": "wandb", "wandb": {"project": "p", "tags": ["a"]}}],
    }


async def test_create_sends_a_reinforcement_job_with_its_grader() -> None:
    transport = replying(JOB)
    grader = {
        "type": "score_model",
        "name": "judge",
        "model": "gpt-4o",
        "input": [{"role": "user", "content": "Score {{sample.output_text}}"}],
        "range": [0, 1],
    }
    await client_with(transport).fine_tuning.create(
        model="o4-mini",
        training_file="file-abc123",
        method={
            "type": "reinforcement",
            "reinforcement": {
                "grader": grader,
                "hyperparameters": {"reasoning_effort": "low", "eval_samples": "auto"},
            },
        },
    )
    sent = body_of(transport)["method"]["reinforcement"]
    assert sent["grader"] == {**grader, "range": [0.0, 1.0]}
    assert sent["hyperparameters"] == {"reasoning_effort": "low", "eval_samples": "auto"}


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        (
            {"method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 0}}}},
            "n_epochs",
        ),
        ({"method": {"type": "dpo", "dpo": {"hyperparameters": {"beta": 2.5}}}}, "beta"),
        ({"method": {"type": "lora"}}, "method.type"),
        ({"method": {"type": "reinforcement", "reinforcement": {}}}, "grader"),
        ({"method": {"type": "reinforcement"}}, "grader"),
        ({"method": {"type": "supervised", "dpo": {}}}, "dpo"),
        ({"suffix": "x" * 65}, "suffix"),
        ({"seed": -1}, "seed"),
        ({"training_file": None}, "training_file"),
    ],
)
async def test_bad_jobs_are_refused_before_sending(fields: dict[str, Any], named: str) -> None:
    transport = replying(JOB)
    with pytest.raises(InvalidArgumentError, match=named):
        await client_with(transport).fine_tuning.create(
            **{"model": "m", "training_file": "f", **fields}
        )
    assert transport.requests == []


async def test_a_method_the_types_do_not_know_comes_back_as_a_dict() -> None:
    method = {"type": "distillation", "distillation": {"teacher": "big"}}
    transport = replying({**JOB, "method": method, "status": "paused"})
    job = await client_with(transport).fine_tuning.retrieve("ftjob-abc123")
    assert job.method == method
    assert job.status == "paused"


async def test_a_known_method_comes_back_typed_even_with_null_siblings() -> None:
    method = {"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.1}}, "supervised": None}
    transport = replying({**JOB, "method": method})
    job = await client_with(transport).fine_tuning.retrieve("ftjob-abc123")
    assert isinstance(job.method, FineTuneMethod) and job.method.dpo is not None
    assert job.method.dpo.hyperparameters is not None
    assert job.method.dpo.hyperparameters.beta == 0.1


async def test_retrieve_and_cancel_address_the_job() -> None:
    transport = replying({**JOB, "status": "cancelled"})
    fine_tuning = client_with(transport).fine_tuning
    await fine_tuning.retrieve("ftjob-abc123")
    assert (await fine_tuning.cancel("ftjob-abc123")).status is FineTuningJobStatus.cancelled
    assert [(r.method, r.url, r.body) for r in transport.requests] == [
        ("GET", f"{BASE}/fine_tuning/jobs/ftjob-abc123", None),
        ("POST", f"{BASE}/fine_tuning/jobs/ftjob-abc123/cancel", None),
    ]


async def test_list_sends_metadata_as_a_deep_object() -> None:
    transport = replying({"object": "list", "data": [JOB], "has_more": False})
    page = await client_with(transport).fine_tuning.list(limit=5, metadata={"team": "a b"})
    assert [j.id for j in page.data] == ["ftjob-abc123"]
    (request,) = transport.requests
    assert httpx.URL(request.url).params.multi_items() == [
        ("limit", "5"),
        ("metadata[team]", "a b"),
    ]


def paged(item: dict[str, Any], prefix: str) -> MockTransport:
    """Two pages of items with ids prefix1..prefix3; events and checkpoints send no last_id,
    so the cursor is the last item's id."""

    def handler(request: Any) -> Response:
        after = httpx.URL(request.url).params.get("after")
        ids = [f"{prefix}1", f"{prefix}2"] if after is None else [f"{prefix}3"]
        data = [{**item, "id": i} for i in ids]
        return Response.from_json(200, {"object": "list", "data": data, "has_more": after is None})

    return MockTransport(handler)


async def test_list_events_walks_every_page() -> None:
    event = {"object": "fine_tuning.job.event", "created_at": 1, "level": "warn", "message": "m"}
    transport = paged(event, "ev-")
    events = [e async for e in client_with(transport).fine_tuning.list_events("ftjob-1", limit=2)]
    assert [e.id for e in events] == ["ev-1", "ev-2", "ev-3"]
    assert isinstance(events[0], FineTuningJobEvent) and events[0].level is Level.warn
    assert [r.url for r in transport.requests] == [
        f"{BASE}/fine_tuning/jobs/ftjob-1/events?limit=2",
        f"{BASE}/fine_tuning/jobs/ftjob-1/events?limit=2&after=ev-2",
    ]


async def test_list_checkpoints_walks_every_page() -> None:
    checkpoint = {
        "object": "fine_tuning.job.checkpoint",
        "fine_tuning_job_id": "ftjob-1",
        "fine_tuned_model_checkpoint": "ft:gpt-4o-mini:org:ckpt-step-2",
        "step_number": 2,
        "metrics": {"step": 2, "train_loss": 0.5},
    }
    transport = paged(checkpoint, "ckpt-")
    checkpoints = [c async for c in client_with(transport).fine_tuning.list_checkpoints("ftjob-1")]
    assert [c.id for c in checkpoints] == ["ckpt-1", "ckpt-2", "ckpt-3"]
    assert isinstance(checkpoints[0], FineTuningJobCheckpoint)
    assert checkpoints[0].metrics is not None and checkpoints[0].metrics.train_loss == 0.5
    assert transport.requests[1].url == f"{BASE}/fine_tuning/jobs/ftjob-1/checkpoints?after=ckpt-2"


@pytest.mark.parametrize("call", ["retrieve", "cancel", "list_events", "list_checkpoints"])
async def test_an_empty_job_id_is_refused(call: str) -> None:
    transport = replying(JOB)
    with pytest.raises(InvalidArgumentError, match="fine_tuning_job_id"):
        result = getattr(client_with(transport).fine_tuning, call)("")
        await result
    assert transport.requests == []


def test_a_bad_limit_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="limit"):
        client_with(replying({})).fine_tuning.list_events("ftjob-1", limit=0)
