"""Evals (with their runs and output items) and the fine-tuning controls (pause, resume,
checkpoint permissions, graders) against Prism (the official spec's mock) over httpx: each
response parses into our types, and every request we recorded validates against the spec's
schema for its operation."""

from __future__ import annotations

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    OpenAIConfig,
    RecordingTransport,
    Response,
)
from async_openai_wasm.types.evals import (
    DeleteEvalResponse,
    DeleteEvalRunResponse,
    Eval,
    EvalCustomDataSourceConfig,
    EvalRun,
    EvalRunOutputItem,
)
from async_openai_wasm.types.fine_tuning import FineTuningJob
from async_openai_wasm.types.fine_tuning_permissions import (
    DeleteFineTuningCheckpointPermissionResponse,
    FineTuningCheckpointPermission,
)
from async_openai_wasm.types.graders import RunGraderResponse, ValidateGraderResponse
from support.spec import operations, validate_recorded

STRING_CHECK = {
    "type": "string_check",
    "name": "exact",
    "input": "{{sample.output_text}}",
    "reference": "{{item.answer}}",
    "operation": "eq",
}


async def test_evals(recorded: tuple[Client, RecordingTransport], prism_url: str) -> None:
    client, transport = recorded
    created = await client.evals.create(
        name="capitals",
        metadata={"team": "geo"},
        data_source_config={
            "type": "custom",
            "item_schema": {"type": "object", "properties": {"answer": {"type": "string"}}},
            "include_sample_schema": True,
        },
        testing_criteria=[STRING_CHECK],
    )
    assert isinstance(created, Eval)
    assert isinstance(created.data_source_config, EvalCustomDataSourceConfig)
    page = await client.evals.list(limit=2, order="desc", order_by="updated_at")
    assert isinstance(page.data[0], Eval)
    assert isinstance(await client.evals.retrieve("eval_1"), Eval)
    assert isinstance(await client.evals.update("eval_1", name="renamed"), Eval)
    assert isinstance(await client.evals.delete("eval_1"), DeleteEvalResponse)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/evals"),
        ("GET", "/evals?limit=2&order=desc&order_by=updated_at"),
        ("GET", "/evals/eval_1"),
        ("POST", "/evals/eval_1"),
        ("DELETE", "/evals/eval_1"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 5


async def test_eval_runs_and_output_items(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    run = await client.evals.runs.create(
        "eval_1",
        name="gpt-4o-mini on capitals",
        data_source={
            "type": "completions",
            "model": "gpt-4o-mini",
            "input_messages": {"type": "item_reference", "item_reference": "item.question"},
            "sampling_params": {"temperature": 0, "max_completion_tokens": 20},
            "source": {
                "type": "file_content",
                "content": [{"item": {"question": "Capital of France?", "answer": "Paris"}}],
            },
        },
    )
    assert isinstance(run, EvalRun)
    runs = await client.evals.runs.list("eval_1", status="completed", limit=1)
    assert isinstance(runs.data[0], EvalRun)
    assert isinstance(await client.evals.runs.retrieve("eval_1", "run_1"), EvalRun)
    assert isinstance(await client.evals.runs.cancel("eval_1", "run_1"), EvalRun)
    assert isinstance(await client.evals.runs.delete("eval_1", "run_1"), DeleteEvalRunResponse)
    items = await client.evals.runs.output_items.list("eval_1", "run_1", status="fail")
    assert isinstance(items.data[0], EvalRunOutputItem)
    item = await client.evals.runs.output_items.retrieve("eval_1", "run_1", "item_1")
    assert isinstance(item, EvalRunOutputItem)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/evals/eval_1/runs"),
        ("GET", "/evals/eval_1/runs?limit=1&status=completed"),
        ("GET", "/evals/eval_1/runs/run_1"),
        ("POST", "/evals/eval_1/runs/run_1"),
        ("DELETE", "/evals/eval_1/runs/run_1"),
        ("GET", "/evals/eval_1/runs/run_1/output_items?status=fail"),
        ("GET", "/evals/eval_1/runs/run_1/output_items/item_1"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 7


async def test_fine_tuning_controls(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    assert isinstance(await client.fine_tuning.pause("ftjob-1"), FineTuningJob)
    assert isinstance(await client.fine_tuning.resume("ftjob-1"), FineTuningJob)
    checkpoint = "ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd"
    permissions = client.fine_tuning.checkpoints.permissions
    made = await permissions.create(checkpoint, project_ids=["proj_1", "proj_2"])
    assert isinstance(made.data[0], FineTuningCheckpointPermission)
    page = await permissions.list(checkpoint, project_id="proj_1", limit=5, order="ascending")
    assert isinstance(page.data[0], FineTuningCheckpointPermission)
    deleted = await permissions.delete(checkpoint, "cp_1")
    assert isinstance(deleted, DeleteFineTuningCheckpointPermissionResponse)
    graders = client.fine_tuning.alpha.graders
    ran = await graders.run(grader=STRING_CHECK, model_sample="Paris", item={"answer": "Paris"})
    assert isinstance(ran, RunGraderResponse) and isinstance(ran.reward, float)
    assert ran.metadata is not None and ran.metadata.errors is not None
    assert isinstance(await graders.validate(grader=STRING_CHECK), ValidateGraderResponse)
    quoted = "ft%3Agpt-4o-mini-2024-07-18%3Aorg%3Aweather%3AB7R9VjQd"
    assert operations(transport.requests, prism_url) == [
        ("POST", "/fine_tuning/jobs/ftjob-1/pause"),
        ("POST", "/fine_tuning/jobs/ftjob-1/resume"),
        ("POST", f"/fine_tuning/checkpoints/{quoted}/permissions"),
        (
            "GET",
            f"/fine_tuning/checkpoints/{quoted}/permissions"
            "?project_id=proj_1&limit=5&order=ascending",
        ),
        ("DELETE", f"/fine_tuning/checkpoints/{quoted}/permissions/cp_1"),
        ("POST", "/fine_tuning/alpha/graders/run"),
        ("POST", "/fine_tuning/alpha/graders/validate"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 7


async def test_bad_eval_arguments_are_refused_before_sending() -> None:
    transport = MockTransport(lambda request: Response.from_json(200, {}))
    client = Client(OpenAIConfig(api_key="sk-test"), transport=transport)
    with pytest.raises(InvalidArgumentError, match="testing_criteria"):
        await client.evals.create(data_source_config={"type": "custom", "item_schema": {}})
    with pytest.raises(InvalidArgumentError, match="status"):
        await client.evals.runs.output_items.list("eval_1", "run_1", status="passed")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="order"):
        await client.fine_tuning.checkpoints.permissions.list("ft:x", order="asc")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="run_id"):
        await client.evals.runs.retrieve("eval_1", "")
    assert transport.requests == []


async def test_checkpoint_permissions_go_with_the_admin_key_and_jobs_with_the_api_key() -> None:
    transport = MockTransport(
        lambda request: Response.from_json(200, {"object": "list", "data": [], "id": "x"})
    )
    config = OpenAIConfig(api_key="sk-project", admin_key="sk-admin-key")
    client = Client(config, transport=transport)
    await client.fine_tuning.checkpoints.permissions.list("ft:m:1")
    await client.fine_tuning.checkpoints.permissions.delete("ft:m:1", "cp_1")
    await client.fine_tuning.pause("ftjob-1")
    await client.fine_tuning.alpha.graders.validate(grader=STRING_CHECK)
    assert [r.headers["Authorization"] for r in transport.requests] == [
        "Bearer sk-admin-key",
        "Bearer sk-admin-key",
        "Bearer sk-project",
        "Bearer sk-project",
    ]
