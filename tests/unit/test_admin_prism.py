"""Every method of ``client.admin`` against Prism (the official spec's mock) over httpx: each
sends its operation's verb and path, with a body built from the spec's schema (every field,
so each passes through our request type), its response parses into the method's return type,
and every request recorded validates against the spec's schema for its operation."""

from __future__ import annotations

import importlib.util
import inspect
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, get_args, get_origin, get_type_hints

import pytest

from async_openai_wasm import Client, RecordingTransport
from async_openai_wasm._pagination import Page, Paginator
from support.prism import TRIMMED_SPEC
from support.spec import operations

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


GEN = _script("gen_types")
TRIM = _script("trim_spec")
SPEC = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))
SAMPLER = TRIM.Sampler(SPEC["components"]["schemas"])


def _call(client: Client, target: str) -> Any:
    group: Any = client.admin
    *path, method = target.split(".")
    for name in path:
        group = getattr(group, name)
    return getattr(group, method)


def _arguments(operation: str) -> tuple[list[Any], dict[str, Any]]:
    """Positional arguments (path ids, then the body) and query keywords of a sample call."""
    verb, template = operation.split(" ", 1)
    spec_op = SPEC["paths"][template][verb.lower()]
    args: list[Any] = [f"{name}_1" for name in re.findall(r"{([^}]+)}", template)]
    body = spec_op.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        args.append(SAMPLER.sample(body["schema"]))
    query = {
        GEN.field_name(param["name"]): SAMPLER.sample(param["schema"])
        for param in spec_op.get("parameters", [])
        if param.get("in") == "query" and param.get("required")
    }
    return args, query


def _expected_path(operation: str) -> str:
    return re.sub(r"{([^}]+)}", r"\1_1", operation.split(" ", 1)[1])


@pytest.mark.parametrize("operation", list(GEN.ADMIN_METHODS))
async def test_admin_method(
    operation: str, recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    method = _call(client, GEN.ADMIN_METHODS[operation])
    args, query = _arguments(operation)
    returns = get_type_hints(method)["return"]
    result = method(*args, **query)
    if get_origin(returns) is Paginator:
        assert isinstance(result, Paginator)
        page = await result
        assert isinstance(page, Page) and page.data
        (item,) = get_args(returns)
        if inspect.isclass(item):
            assert all(isinstance(value, item) for value in page.data)
    else:
        assert isinstance(await result, returns)
    ((verb, url),) = operations(transport.requests, prism_url)
    assert (verb, url.split("?", 1)[0]) == (operation.split(" ", 1)[0], _expected_path(operation))
