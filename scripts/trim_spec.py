#!/usr/bin/env python3
"""Derive tests/spec/openapi.trimmed.json from OpenAI's official OpenAPI spec.

The trimmed spec holds only the operations this project covers (the keys of the coverage
tables, ``tests/spec/coverage/<group>.json``; see tests/unit/test_coverage.py), every component
they reference (transitively) plus the realtime and stream event schemas, and none of the
documentation: descriptions, summaries, titles, examples, tags and ``x-*`` extensions are
dropped. One thing is added: each streaming operation gets an example event stream built from
the event schemas (``STREAMS``), since Prism cannot stream from a schema. The tests use the
file twice: Prism mocks the API from it (it starts several times faster than on the 3 MB
original), and ``tests/support/spec.py`` validates every request body we send against it.

The output is deterministic (sorted keys), so re-running the script on the same spec changes
nothing; ``--check`` fails if the committed file is not what the spec gives. The script also
writes ``tests/spec/operations.json``, the list of every operation of the official spec, for the
coverage test (a clone has no official spec next to it).

Usage: python3 scripts/trim_spec.py [--spec ../shared/spec/openapi.yaml] [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPEC = ROOT.parent / "shared" / "spec" / "openapi.yaml"
DEFAULT_OUT = ROOT / "tests" / "spec" / "openapi.trimmed.json"

COVERAGE_DIR = ROOT / "tests" / "spec" / "coverage"
DEFAULT_OPERATIONS = ROOT / "tests" / "spec" / "operations.json"


def load_covered(coverage_dir: Path = COVERAGE_DIR) -> dict[str, tuple[str, ...]]:
    """The operations each API group covers, as "METHOD /path" exactly as in the spec: the
    keys of ``tests/spec/coverage/<group>.json`` (files named ``_*`` are not groups)."""
    covered: dict[str, tuple[str, ...]] = {}
    for path in sorted(coverage_dir.glob("*.json")):
        if not path.name.startswith("_"):
            covered[path.stem] = tuple(json.loads(path.read_text(encoding="utf-8")))
    return covered


COVERED = load_covered()


def spec_operations(spec: dict[str, Any]) -> list[str]:
    """Every operation of the spec as "METHOD /path", sorted; the ``?beta=true`` copies of
    the Responses paths are the same operations and are counted once."""
    operations = {
        f"{method.upper()} {path.split('?', 1)[0]}"
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }
    return sorted(operations, key=lambda entry: (entry.split(" ", 1)[1], entry))


# Schemas kept although no covered operation references them: the realtime API's events
# travel over a WebSocket, not HTTP, and the tests check the ones we serialise against these
# (the webhook events are kept too: see trim()).
EXTRA_SCHEMAS = ("RealtimeClientEvent", "RealtimeServerEvent")

# Streaming operations. The spec gives the schema of each event but no stream Prism could
# send: for a text/event-stream response it fails ("Cannot serialise complex objects as
# text"), and the run operations declare no event stream at all. So each of these gets a
# text/event-stream response whose example is a stream built from the schemas (see
# ``sse_example``): one event of each kind the schema names, each a schema-valid instance
# (tests/unit/test_spec_support.py checks them). Values: the schema of one event and how
# events are framed:
#   "data": ``data: {json}`` chunks of that one shape, then ``data: [DONE]``;
#   "typed": a union of events tagged by ``type``: ``event: <type>`` + ``data: {json}`` each;
#   "named": a union of ``{event, data}`` pairs: ``event: <event>`` + ``data: <data>`` each.
RUN_STREAM = ("AssistantStreamEvent", "named")
STREAMS: dict[str, tuple[str, str]] = {
    "POST /chat/completions": ("CreateChatCompletionStreamResponse", "data"),
    "POST /completions": ("CreateCompletionResponse", "data"),
    "POST /responses": ("ResponseStreamEvent", "typed"),
    "GET /responses/{response_id}": ("ResponseStreamEvent", "typed"),
    "POST /threads/runs": RUN_STREAM,
    "POST /threads/{thread_id}/runs": RUN_STREAM,
    "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs": RUN_STREAM,
    "POST /audio/speech": ("CreateSpeechResponseStreamEvent", "typed"),
    "POST /audio/transcriptions": ("CreateTranscriptionResponseStreamEvent", "typed"),
    "POST /images/generations": ("ImageGenStreamEvent", "typed"),
    "POST /images/edits": ("ImageEditStreamEvent", "typed"),
}
EVENT_STREAM = "text/event-stream"

# Documentation only: neither Prism nor a JSON Schema validator reads these. ``x-*``
# extensions (x-oaiMeta, x-stainless-const, ...) are dropped too.
DOC_KEYS = frozenset(
    {"description", "summary", "title", "example", "examples", "externalDocs", "$comment", "tags"}
)

# Schema keywords whose value is a map of name -> schema, a schema, or a list of schemas: the
# walk must know them, so that a *property* named "description" or "title" is kept.
SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
SCHEMA_ONE = frozenset(
    {
        "items",
        "additionalItems",
        "additionalProperties",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contains",
        "propertyNames",
        "not",
        "if",
        "then",
        "else",
    }
)
SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})

# What an OpenAPI object keeps besides its schemas. A response's description stays: OpenAPI
# requires one.
OPERATION_KEYS = ("operationId", "parameters", "requestBody", "responses", "security", "deprecated")
PARAMETER_KEYS = (
    "name",
    "in",
    "required",
    "schema",
    "style",
    "explode",
    "allowReserved",
    "deprecated",
)
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
HOP_BY_HOP_HEADERS = frozenset({"transfer-encoding", "connection", "keep-alive", "upgrade"})
REF_PATTERN = re.compile(r"^#/components/([^/]+)/([^/]+)$")


class SpecError(Exception):
    """The spec lacks something this script relies on."""


def _is_doc_key(key: str) -> bool:
    return key in DOC_KEYS or key.startswith("x-")


def trim_schema(schema: Any) -> Any:
    """A schema without its documentation keywords, recursively."""
    if not isinstance(schema, dict):
        return schema  # a boolean schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if _is_doc_key(key):
            continue
        if key in SCHEMA_MAPS:
            out[key] = {name: trim_schema(sub) for name, sub in value.items()}
        elif key in SCHEMA_ONE:
            out[key] = trim_schema(value)
        elif key in SCHEMA_LISTS:
            out[key] = [trim_schema(sub) for sub in value]
        else:
            out[key] = value  # enum, default, required, discriminator, ...: data, kept whole
    return out


def _trim_content(content: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for media_type, media in content.items():
        kept: dict[str, Any] = {}
        if "schema" in media:
            kept["schema"] = trim_schema(media["schema"])
        if "encoding" in media:
            kept["encoding"] = {
                name: {k: v for k, v in enc.items() if not _is_doc_key(k)}
                for name, enc in media["encoding"].items()
            }
        out[media_type] = kept
    return out


def _trim_parameter(param: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in param:
        return {"$ref": param["$ref"]}
    out = {k: param[k] for k in PARAMETER_KEYS if k in param}
    if "schema" in out:
        out["schema"] = trim_schema(out["schema"])
    if "content" in param:
        out["content"] = _trim_content(param["content"])
    return out


def _trim_response(response: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in response:
        return {"$ref": response["$ref"]}
    out: dict[str, Any] = {"description": response.get("description", "")}
    if "headers" in response:
        out["headers"] = {
            name: {
                k: (trim_schema(v) if k == "schema" else v)
                for k, v in header.items()
                if not _is_doc_key(k)
            }
            for name, header in response["headers"].items()
            # Prism sends an example value for each header; for a hop-by-hop header that
            # breaks HTTP ("Transfer-Encoding: string" on /audio/speech fails every client).
            if name.lower() not in HOP_BY_HOP_HEADERS
        }
    if "content" in response:
        out["content"] = _trim_content(response["content"])
    return out


def _trim_request_body(body: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in body:
        return {"$ref": body["$ref"]}
    out: dict[str, Any] = {"content": _trim_content(body.get("content", {}))}
    if "required" in body:
        out["required"] = body["required"]
    return out


def trim_operation(operation: dict[str, Any]) -> dict[str, Any]:
    out = {k: operation[k] for k in OPERATION_KEYS if k in operation}
    if "parameters" in out:
        out["parameters"] = [_trim_parameter(p) for p in out["parameters"]]
    if "requestBody" in out:
        out["requestBody"] = _trim_request_body(out["requestBody"])
    out["responses"] = {
        status: _trim_response(resp) for status, resp in operation["responses"].items()
    }
    return out


def _trim_component(kind: str, value: dict[str, Any]) -> dict[str, Any]:
    if kind == "schemas":
        trimmed: dict[str, Any] = trim_schema(value)
        return trimmed
    if kind == "responses":
        return _trim_response(value)
    if kind == "parameters":
        return _trim_parameter(value)
    if kind == "requestBodies":
        return _trim_request_body(value)
    if kind == "securitySchemes":
        return {k: v for k, v in value.items() if not _is_doc_key(k)}
    raise SpecError(f"a $ref to components/{kind}, which this script does not handle")


def _refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` string in a trimmed tree (only schema-like objects carry them)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


class _Recursion(Exception):
    """A schema that contains itself: the property or item that led here is left out."""


# Stand-ins for string formats whose value a validator or a client may parse.
FORMAT_SAMPLES = {
    "date-time": "2025-01-01T00:00:00Z",
    "date": "2025-01-01",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "byte": "AAAA",
    "binary": "",
}


class _Undeclared:
    """A required field its object does not declare: another allOf part may, else the
    spec slipped (ResponseAudioDoneEvent requires an undeclared response_id)."""


UNDECLARED = _Undeclared()


def _fill_undeclared(value: Any) -> Any:
    if value is UNDECLARED:
        return "string"
    if isinstance(value, dict):
        return {key: _fill_undeclared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill_undeclared(item) for item in value]
    return value


class Sampler:
    """Builds one deterministic, schema-valid instance of a schema, as Prism's static mode
    does for JSON: every property, the first branch of a union, the first enum value, one
    item per array, the default where there is one. A property or item that would recurse
    into a schema already being built is left out."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas

    def sample(self, schema: Any) -> Any:
        return _fill_undeclared(self._sample(schema, ()))

    def _sample(self, schema: Any, building: tuple[str, ...]) -> Any:
        if not isinstance(schema, dict):
            return {}
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in building:
                raise _Recursion(name)
            return self._sample(self.schemas[name], (*building, name))
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return next(value for value in schema["enum"] if value is not None)
        if schema.get("default") is not None:
            return schema["default"]
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                return self._first_branch(schema[keyword], building)
        if "allOf" in schema:
            parts = [self._sample(part, building) for part in schema["allOf"]]
            if "properties" in schema:
                parts.append(self._object(schema, building))
            if not all(isinstance(part, dict) for part in parts):
                return parts[0]  # allOf [one $ref], used to annotate a scalar
            merged: dict[str, Any] = {}
            for part in parts:
                for key, value in part.items():
                    # A part may require a field that another part declares.
                    if value is not UNDECLARED or key not in merged:
                        merged[key] = value
            return merged
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind == "object" or "properties" in schema:
            return self._object(schema, building)
        if kind == "array":
            try:
                item = self._sample(schema.get("items", {}), building)
            except _Recursion:
                if schema.get("minItems", 0) > 0:
                    raise
                return []
            return [item] * max(1, schema.get("minItems", 1))
        if kind == "string":
            text = FORMAT_SAMPLES.get(schema.get("format", ""), "string")
            return text.ljust(schema.get("minLength", 0), "s")[: schema.get("maxLength")]
        if kind in ("integer", "number"):
            low = schema.get("minimum", 0)
            exclusive = schema.get("exclusiveMinimum")
            if isinstance(exclusive, bool):  # OpenAPI 3.0: a flag on minimum
                low += int(exclusive)
            elif exclusive is not None:  # 3.1: the bound itself
                low = exclusive + 1
            return max(0, low) if "maximum" not in schema else min(max(0, low), schema["maximum"])
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return {}  # any value

    def _first_branch(self, branches: list[Any], building: tuple[str, ...]) -> Any:
        for branch in branches:
            if isinstance(branch, dict) and branch.get("type") == "null":
                continue
            try:
                return self._sample(branch, building)
            except _Recursion:
                continue
        raise _Recursion("every branch")

    def _object(self, schema: dict[str, Any], building: tuple[str, ...]) -> dict[str, Any]:
        required = set(schema.get("required", []))
        out: dict[str, Any] = {}
        for name, prop in schema.get("properties", {}).items():
            try:
                out[name] = self._sample(prop, building)
            except _Recursion:
                if name in required:
                    raise
        for name in required - set(out):
            out[name] = UNDECLARED
        return out

    def branches(self, schema: Any) -> list[Any]:
        """The members of a union, nested unions flattened, in order."""
        if isinstance(schema, dict) and "$ref" in schema:
            return self.branches(self.schemas[schema["$ref"].rsplit("/", 1)[-1]])
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema, dict) and keyword in schema:
                return [b for branch in schema[keyword] for b in self.branches(branch)]
        return [schema]


def sse_example(schemas: dict[str, Any], event_schema: str, framing: str) -> str:
    """A text/event-stream body of the events ``event_schema`` describes (see STREAMS)."""
    sampler = Sampler(schemas)
    root = {"$ref": f"#/components/schemas/{event_schema}"}
    events: list[tuple[str | None, Any]] = []
    if framing == "data":
        events = [(None, sampler.sample(root)), (None, "[DONE]")]
    elif framing == "typed":
        events = [(event["type"], event) for event in map(sampler.sample, sampler.branches(root))]
    elif framing == "named":
        pairs = map(sampler.sample, sampler.branches(root))
        events = [(pair["event"], pair["data"]) for pair in pairs]
    else:
        raise SpecError(f"unknown stream framing {framing!r}")
    # An error event reports a failed stream, and a client raises on it: a stream the tests
    # read to the end leaves it out.
    events = [(name, data) for name, data in events if name != "error"]
    return "".join(
        (f"event: {name}\n" if name else "")
        + "data: "
        + (data if isinstance(data, str) else json.dumps(data, sort_keys=True, ensure_ascii=False))
        + "\n\n"
        for name, data in events
    )


def _add_event_streams(spec: dict[str, Any], paths: dict[str, dict[str, Any]]) -> None:
    schemas = spec["components"]["schemas"]
    for entry, (event_schema, framing) in STREAMS.items():
        method, path = entry.split(" ", 1)
        operation = paths.get(path, {}).get(method.lower())
        if operation is None:
            raise SpecError(f"stream {entry} is not a covered operation")
        content = operation["responses"]["200"].setdefault("content", {})
        # The body is text; a schema of one event would make Prism flag every event of it
        # (an sl-violations header of kilobytes). The event schemas stay in the components.
        content[EVENT_STREAM] = {
            "schema": {"type": "string"},
            "example": sse_example(schemas, event_schema, framing),
        }


def trim(spec: dict[str, Any], covered: dict[str, tuple[str, ...]] = COVERED) -> dict[str, Any]:
    """The trimmed spec: the covered operations and the components they reach."""
    paths: dict[str, dict[str, Any]] = {}
    for group, operations in covered.items():
        for entry in operations:
            method, path = entry.split(" ", 1)
            operation = spec["paths"].get(path, {}).get(method.lower())
            if operation is None:
                raise SpecError(f"{group}: {entry} is not in the spec")
            paths.setdefault(path, {})[method.lower()] = trim_operation(operation)
            if "parameters" in spec["paths"][path]:  # parameters shared by a path's operations
                paths[path]["parameters"] = [
                    _trim_parameter(p) for p in spec["paths"][path]["parameters"]
                ]

    _add_event_streams(spec, paths)

    # Security requirements name their schemes directly, not by $ref.
    requirements = list(spec.get("security", []))
    for item in paths.values():
        for method, operation in item.items():
            if method != "parameters":
                requirements.extend(operation.get("security", []))
    security_schemes = sorted({name for requirement in requirements for name in requirement})
    source_components = spec.get("components", {})
    components: dict[str, dict[str, Any]] = {
        "securitySchemes": {
            name: _trim_component("securitySchemes", source_components["securitySchemes"][name])
            for name in security_schemes
        }
    }

    # Every component reached by a $ref, each copied once (the refs form cycles).
    kept = [*EXTRA_SCHEMAS, *(event_schema for event_schema, _ in STREAMS.values())]
    # The events OpenAI POSTs to webhook endpoints: the tests parse them with our types.
    pending = [
        *_refs(paths),
        *_refs(spec.get("webhooks", {})),
        *(f"#/components/schemas/{name}" for name in kept),
    ]
    while pending:
        ref = pending.pop()
        match = REF_PATTERN.match(ref)
        if match is None:
            if ref == "#" or not ref.startswith("#/components/"):
                continue  # "#" (a schema's own root) needs nothing copied
            raise SpecError(f"unsupported $ref {ref!r}")
        kind, name = match.groups()
        if name in components.get(kind, {}):
            continue
        try:
            source = source_components[kind][name]
        except KeyError:
            raise SpecError(f"$ref {ref!r} points at nothing") from None
        trimmed = _trim_component(kind, source)
        components.setdefault(kind, {})[name] = trimmed
        pending.extend(_refs(trimmed))

    return {
        "openapi": spec["openapi"],
        "info": {"title": spec["info"]["title"], "version": spec["info"]["version"]},
        "servers": spec.get("servers", []),
        "security": spec.get("security", []),
        "paths": paths,
        "components": components,
    }


def render(trimmed: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, one item per line (readable diffs)."""
    return json.dumps(trimmed, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


class _SpecLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """YAML's safe loader, except that a date-like scalar stays the string it is written as
    (JSON has no dates, and an example such as ``2024-01-01`` must not become one)."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_spec(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        spec: dict[str, Any] = yaml.load(f, Loader=_SpecLoader)
    return spec


def check_current(tool: str, out: Path, text: str, source: Path) -> int:
    """``--check`` of scripts/<tool>.py: 0 if ``out`` holds ``text``, else 1, saying what to run."""
    current = out.read_text(encoding="utf-8") if out.is_file() else None
    if current != text:
        print(
            f"{tool}: {out} is not what {source} gives; run python3 scripts/{tool}.py",
            file=sys.stderr,
        )
        return 1
    print(f"{tool}: {out} is up to date")
    return 0


def render_operations(spec: dict[str, Any]) -> str:
    """``tests/spec/operations.json``: every operation of the official spec, one a line."""
    return json.dumps(spec_operations(spec), indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the official spec (YAML)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the trimmed spec (JSON)")
    parser.add_argument(
        "--operations",
        type=Path,
        default=DEFAULT_OPERATIONS,
        help="the list of all the spec's operations (JSON)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if the outputs are not up to date"
    )
    args = parser.parse_args(argv)

    if not args.spec.is_file():
        print(f"trim_spec: no spec at {args.spec}", file=sys.stderr)
        return 2
    spec = load_spec(args.spec)
    trimmed = trim(spec)
    outputs = {args.out: render(trimmed), args.operations: render_operations(spec)}
    if args.check:
        # Each output checked, so that every stale one is named.
        return max(
            [check_current("trim_spec", out, text, args.spec) for out, text in outputs.items()]
        )
    for out, text in outputs.items():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")

    operations = sum(
        1 for item in trimmed["paths"].values() for method in item if method != "parameters"
    )
    schemas = len(trimmed["components"].get("schemas", {}))
    size = len(outputs[args.out].encode())
    print(
        f"trim_spec: {operations} operations on {len(trimmed['paths'])} paths, {schemas} schemas "
        f"(of {len(spec['components']['schemas'])}), {size / 1e3:.0f} kB "
        f"(spec: {args.spec.stat().st_size / 1e3:.0f} kB) -> {args.out}; "
        f"{len(spec_operations(spec))} operations in the spec -> {args.operations}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
