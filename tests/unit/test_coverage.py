"""Every operation of OpenAI's official spec is covered by a method, or deliberately left out.

``tests/spec/operations.json`` lists the spec's operations (scripts/trim_spec.py writes it from
the official spec; a clone has no official spec, so the list is committed). Each
``tests/spec/coverage/<group>.json`` maps an operation, ``"METHOD /path"`` as in the spec, to
the method that covers it and a sample call: ``{"method": "models.retrieve", "args":
["model_1"], "kwargs": {}}``, or a list of them when several methods send it (``create`` and
``create_stream``). In a sample, ``{"$bytes": "text"}`` stands for ``b"text"`` (JSON has no
bytes). ``_exceptions.json`` maps each operation left out on purpose to the reason.

Each sample is called over a MockTransport, which checks the verb and path sent (path
parameters filled in from the sample's arguments); the scripts/trim_spec.py keeps only the
covered operations in the trimmed spec Prism serves.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any, get_args, get_type_hints
from urllib.parse import unquote, urlsplit

import pytest

from async_openai_wasm import APIError, Client, MockTransport, OpenAIConfig, Request, Response

SPEC_DIR = Path(__file__).resolve().parents[1] / "spec"
COVERAGE_DIR = SPEC_DIR / "coverage"
API_BASE = "http://mock.test/v1"


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


OPERATIONS: list[str] = _read(SPEC_DIR / "operations.json")
TABLES: dict[str, dict[str, Any]] = {
    path.stem: _read(path)
    for path in sorted(COVERAGE_DIR.glob("*.json"))
    if not path.name.startswith("_")
}
EXCEPTIONS: dict[str, str] = _read(COVERAGE_DIR / "_exceptions.json")


def _samples(entry: Any) -> list[dict[str, Any]]:
    return entry if isinstance(entry, list) else [entry]


SAMPLES = [
    (operation, sample)
    for table in TABLES.values()
    for operation, entry in table.items()
    for sample in _samples(entry)
]


def test_every_operation_of_the_spec_is_covered_or_excepted() -> None:
    spec = set(OPERATIONS)
    assert len(spec) == len(OPERATIONS) > 250  # the list is the whole spec, each once
    covered: dict[str, str] = {}
    problems = []
    for group, table in TABLES.items():
        for operation in table:
            if operation in covered:
                problems.append(f"{operation} is in both {covered[operation]} and {group}")
            covered[operation] = group
            if operation not in spec:
                problems.append(f"coverage/{group}.json: {operation} is not in the spec")
    for operation, reason in EXCEPTIONS.items():
        if operation not in spec:
            problems.append(f"_exceptions.json: {operation} is not in the spec")
        if operation in covered:
            problems.append(f"_exceptions.json: {operation} is covered by {covered[operation]}")
        if not isinstance(reason, str) or len(reason.split()) < 4:
            problems.append(f"_exceptions.json: {operation} needs a reason, got {reason!r}")
    missing = sorted(spec - covered.keys() - EXCEPTIONS.keys())
    problems.extend(f"{operation} is neither covered nor excepted" for operation in missing)
    assert problems == []


def test_every_sample_names_a_method_and_plain_arguments() -> None:
    for operation, sample in SAMPLES:
        assert set(sample) == {"method", "args", "kwargs"}, operation
        assert isinstance(sample["args"], list) and isinstance(sample["kwargs"], dict), operation


def _value(sample: Any) -> Any:
    """A sample argument as the method takes it: ``{"$bytes": text}`` is bytes."""
    if isinstance(sample, dict):
        if set(sample) == {"$bytes"}:
            return sample["$bytes"].encode()
        return {key: _value(item) for key, item in sample.items()}
    if isinstance(sample, list):
        return [_value(item) for item in sample]
    return sample


def _strings(sample: Any) -> set[str]:
    if isinstance(sample, str):
        return {sample}
    if isinstance(sample, dict):
        return {text for item in sample.values() for text in _strings(item)}
    if isinstance(sample, list):
        return {text for item in sample for text in _strings(item)}
    return set()


def _refused(request: Request) -> Response:
    # Every method raises on an error status, so the call ends after its one request.
    return Response.from_json(400, {"error": {"message": "recorded"}})


@pytest.mark.parametrize(
    ("operation", "sample"),
    SAMPLES,
    ids=[f"{operation} {sample['method']}" for operation, sample in SAMPLES],
)
async def test_each_method_sends_its_operation(operation: str, sample: dict[str, Any]) -> None:
    transport = MockTransport(_refused)
    client = Client(OpenAIConfig(api_key="sk-test", api_base=API_BASE), transport=transport)
    target = _method(client, sample["method"])
    with pytest.raises(APIError, match="recorded"):
        # A list call gives a paginator, awaited for its first page.
        await target(*_value(sample["args"]), **_value(sample["kwargs"]), max_retries=0)
    assert len(transport.requests) == 1
    request = transport.requests[0]
    method, template = operation.split(" ", 1)
    url = urlsplit(request.url)
    path = url.path.removeprefix(urlsplit(API_BASE).path)
    assert request.method == method
    pattern = re.sub(r"\\\{[^/]+?\\\}", "([^/]+)", re.escape(template))
    match = re.fullmatch(pattern, path)
    assert match is not None, f"{method} {path} is not {operation}"
    given = _strings(sample["args"]) | _strings(sample["kwargs"])
    for value in match.groups():
        assert unquote(value) in given, f"{path}: {value} is not from the call's arguments"


def _method(client: Client, name: str) -> Any:
    target: Any = client
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _keywords(method: Any) -> set[str]:
    """The names a method takes: its parameters, and the keys of a ``**params`` typed
    ``Unpack[SomeTypedDict]``."""
    names = set(inspect.signature(method).parameters)
    if "params" in names:
        (typed_dict,) = get_args(get_type_hints(method, include_extras=True)["params"])
        names |= typed_dict.__annotations__.keys()
    return names


def test_each_operation_s_query_parameters_are_taken_by_its_methods() -> None:
    # A query parameter may be taken by any method covering the operation: retrieve_stream
    # takes starting_after, retrieve does not. `stream` is the choice of method itself, and
    # `include[]` is the `include` argument.
    spec = json.loads((SPEC_DIR / "openapi.trimmed.json").read_text(encoding="utf-8"))
    client = Client(OpenAIConfig(api_key="sk-test"), transport=MockTransport(_refused))
    missing = []
    for table in TABLES.values():
        for operation, entry in table.items():
            method, path = operation.split(" ", 1)
            item = spec["paths"][path]
            declared = [*item.get("parameters", []), *item[method.lower()].get("parameters", [])]
            names = {
                parameter["name"].removesuffix("[]")
                for parameter in declared
                if parameter.get("in") == "query" and parameter["name"] != "stream"
            }
            taken = {
                name
                for sample in _samples(entry)
                for name in _keywords(_method(client, sample["method"]))
            }
            missing.extend(f"{operation}: {name}" for name in sorted(names - taken))
    assert missing == []
