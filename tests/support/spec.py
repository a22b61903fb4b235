"""Check request bodies against OpenAI's spec (``tests/spec/openapi.trimmed.json``).

``validate_request(method, path, body)`` finds the operation whose path template matches
``path`` (relative to the API base: no ``/v1``, no query string) and validates ``body`` against
its request body schema, ``$ref``s resolved. Besides the schema's own rules it rejects fields
the schema does not declare (the spec's objects are open, so a misspelt field would otherwise
pass). A mismatch raises ``AssertionError`` naming the operation, the JSON path and the rule.
``example_events(method, path)`` reads the example event stream the trimmed spec gives a
streaming operation: what Prism sends for ``Accept: text/event-stream``.

On CPython, record what the client sends and validate each request::

    from async_openai_wasm import Client, OpenAIConfig, RecordingTransport
    from support.spec import validate_recorded

    async def test_upload(prism_url):
        transport = RecordingTransport()
        client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
        await client.files.create(file=("a.jsonl", b"{}"), purpose="batch")
        validate_recorded(transport.requests, prism_url)

In Pyodide the requests are recorded inside Pyodide and handed back to the host: a
``run_in_pyodide`` function returns ``transport.requests`` (pickled back as ``Request``
objects); the host test validates them. A request whose multipart form holds a JS ``File`` or
``Blob`` cannot be pickled: return the plain tuple ``to_record`` describes instead (Pyodide
cannot import tests/support, so build it there: ``(method, url, {"fields": form.fields,
"files": [(name, part.filename) for name, part in form.files]})``)::

    @run_in_pyodide(packages=["async-openai-wasm"])
    async def _list_models(selenium, prism_url):
        from async_openai_wasm import Client, OpenAIConfig, RecordingTransport

        transport = RecordingTransport()
        client = Client(OpenAIConfig(api_key="sk-test", api_base=prism_url), transport=transport)
        page = await client.models.list()
        assert page.data[0].object == "model"
        return transport.requests

    def test_list_models(selenium, prism_url):
        validate_recorded(_list_models(selenium, prism_url), prism_url)

Multipart bodies are given as a mapping of field name to value, as sent: text values are
strings (``"0.5"``, ``"true"``, JSON text for objects) and are read per the schema's type; a
file is ``"<file>"``, bytes or a ``FilePart``; a repeated field (``include[]``) maps to a
list of its values; ``name[key]`` fields (objects as OpenAI's SDKs send them, such as
``expires_after[seconds]``) make up the object ``name``.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError, relevance
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from async_openai_wasm import MultipartForm, Request
from async_openai_wasm._transport import FilePart

__all__ = [
    "FILE",
    "TRIMMED_SPEC",
    "example_event_names",
    "example_events",
    "operation_for",
    "operations",
    "request_to_validation_args",
    "to_record",
    "trim_script",
    "validate_recorded",
    "validate_request",
    "validate_schema",
]

TRIMMED_SPEC = Path(__file__).resolve().parents[1] / "spec" / "openapi.trimmed.json"
JSON = "application/json"
MULTIPART = "multipart/form-data"
EVENT_STREAM = "text/event-stream"
# How a file part appears in a multipart mapping (and in a plain record).
FILE = "<file>"
# Where the spec lives for $ref resolution; never fetched (the registry has no retriever).
BASE_URI = "https://spec.invalid/openapi.trimmed.json"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})

Record = Request | tuple[str, str, Any]


# ---------------------------------------------------------------- the spec


def trim_script() -> ModuleType:
    """scripts/trim_spec.py as a module: what derives the trimmed spec, and its ``Sampler``
    of schema-valid instances."""
    path = TRIMMED_SPEC.parents[2] / "scripts" / "trim_spec.py"
    spec = importlib.util.spec_from_file_location("trim_spec", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _spec() -> dict[str, Any]:
    """The trimmed spec, with the two OpenAPI-isms a JSON Schema validator does not know
    rewritten (see ``_for_validation``)."""
    spec: dict[str, Any] = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))
    for name, schema in spec["components"]["schemas"].items():
        spec["components"]["schemas"][name] = _for_validation(schema, name)
    spec["paths"] = _for_validation(spec["paths"], None)
    return spec


def _for_validation(node: Any, component: str | None) -> Any:
    """OpenAPI 3.0's ``nullable: true`` becomes ``anyOf [schema, null]``, and draft 2019-09's
    ``$recursiveRef: "#"`` (CompoundFilter's nested filters) a ``$ref`` to its component:
    Draft 2020-12 ignores both, which would reject null and accept any nested filter. Boolean
    ``exclusiveMinimum``/``exclusiveMaximum`` (3.0) become 2020-12's numeric ones."""
    if isinstance(node, list):
        return [_for_validation(item, component) for item in node]
    if not isinstance(node, dict):
        return node
    parts = node.get("allOf")
    if isinstance(parts, list) and any(_is_null_marker(part) for part in parts):
        # allOf [schema, {nullable: true}] is how the spec makes a $ref nullable.
        rest = [part for part in parts if not _is_null_marker(part)]
        return {"anyOf": [_for_validation({**node, "allOf": rest}, component), {"type": "null"}]}
    out = {key: _for_validation(value, component) for key, value in node.items()}
    if out.get("$recursiveRef") == "#" and component is not None:
        del out["$recursiveRef"]
        out["$ref"] = f"#/components/schemas/{component}"
    out.pop("$recursiveAnchor", None)
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        # OpenAPI 3.0's boolean exclusiveMinimum/Maximum flag the bound; 2020-12's is the bound.
        if isinstance(out.get(exclusive), bool) and out.pop(exclusive) and bound in out:
            out[exclusive] = out.pop(bound)
    if out.get("nullable") is True:
        del out["nullable"]
        return {"anyOf": [out, {"type": "null"}]}
    return out


def _is_null_marker(node: Any) -> bool:
    return isinstance(node, dict) and node.get("nullable") is True and set(node) <= {"nullable"}


@functools.cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = DRAFT202012.create_resource(_spec())
    return Registry().with_resource(BASE_URI, resource)


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _node(pointer: str) -> Any:
    node: Any = _spec()
    for segment in pointer.split("/")[1:]:
        segment = segment.replace("~1", "/").replace("~0", "~")
        node = node[int(segment)] if isinstance(node, list) else node[segment]
    return node


def _tags(node: Any, tag: str, seen: frozenset[int] = frozenset()) -> set[Any] | None:
    """The values a schema allows for its ``tag`` property (``enum`` or ``const``, through
    $ref, allOf and nested unions); None if it does not say."""
    if not isinstance(node, dict) or id(node) in seen:
        return None
    seen = seen | {id(node)}
    prop = node.get("properties", {}).get(tag)
    if isinstance(prop, dict):
        if isinstance(prop.get("$ref"), str):
            prop = _node(prop["$ref"][1:])
        if "const" in prop:
            return {prop["const"]}
        if "enum" in prop:
            return set(prop["enum"])
    parts = [_node(node["$ref"][1:])] if isinstance(node.get("$ref"), str) else []
    for part in [*parts, *node.get("allOf", [])]:
        if (found := _tags(part, tag, seen)) is not None:
            return found
    union = [*node.get("oneOf", []), *node.get("anyOf", [])]
    if not union:
        return None
    values: set[Any] = set()
    for branch in union:
        found = _tags(branch, tag, seen)
        if found is None:
            return None
        values |= found
    return values


def _union(
    validator: Any, branches: list[Any], instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """``anyOf`` and ``oneOf`` alike: valid if any branch is. The spec's ``oneOf`` branches
    overlap (a Responses input message is both an ``EasyInputMessage`` and an ``Item``) and
    the API takes the first that fits, so "exactly one" would reject the requests it accepts.
    Where the spec names a ``discriminator`` and the instance's tag picks one branch, only
    that branch counts, so its own errors are reported (not "no branch matched")."""
    candidates = list(enumerate(branches))
    tag = schema.get("discriminator", {}).get("propertyName")
    if tag and isinstance(instance, dict) and tag in instance:
        chosen = [
            (index, branch)
            for index, branch in candidates
            if (values := _tags(branch, tag)) is None or instance[tag] in values
        ]
        candidates = chosen or candidates
    errors: list[ValidationError] = []
    for index, branch in candidates:
        branch_errors = list(validator.descend(instance, branch, schema_path=index))
        if not branch_errors:
            return
        errors.extend(branch_errors)
    if len(candidates) == 1:
        yield from errors
    else:
        yield ValidationError(
            f"{instance!r} is not valid under any of the given schemas", context=errors
        )


_Validator = validators.extend(
    Draft202012Validator,
    {
        "anyOf": _union,
        "oneOf": _union,
    },
)


@functools.cache
def _validator(pointer: str) -> Any:
    """A validator for the schema at ``pointer`` in the spec; its ``#/...`` refs resolve in
    the spec."""
    return _Validator({"$ref": f"{BASE_URI}#{quote(pointer, safe='/~')}"}, registry=_registry())


def _is_valid(instance: Any, pointer: str) -> bool:
    return bool(_validator(pointer).is_valid(instance))


# ---------------------------------------------------------------- operations


@functools.cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    """Path templates as regexes; literal segments first, so ``/threads/runs`` is not taken
    for ``/threads/{thread_id}``."""
    templates = sorted(_spec()["paths"], key=lambda t: (t.count("{"), t))
    return [
        (re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(t)) + "$"), t)
        for t in templates
    ]


def _find(method: str, path: str) -> tuple[str, str]:
    """(template, method) of the operation; AssertionError if the spec has none."""
    path = path.split("?", 1)[0]
    method = method.lower()
    matches = [template for pattern, template in _templates() if pattern.match(path)]
    for template in matches:
        if method in _spec()["paths"][template]:
            return template, method
    if matches:
        known = {m.upper() for t in matches for m in _spec()["paths"][t] if m in HTTP_METHODS}
        raise AssertionError(
            f"{method.upper()} {path}: the spec has {', '.join(sorted(known))} for this path"
        )
    raise AssertionError(
        f"{method.upper()} {path}: no operation of the trimmed spec matches this path "
        "(a path relative to the API base, without /v1; covered operations are listed in "
        "scripts/trim_spec.py)"
    )


def operation_for(method: str, path: str) -> dict[str, Any]:
    """The spec's operation (operationId, parameters, requestBody, responses) for a request
    path such as ``/files/file-abc/content``."""
    template, method = _find(method, path)
    operation: dict[str, Any] = _spec()["paths"][template][method]
    return operation


def example_events(method: str, path: str) -> list[tuple[str | None, str]]:
    """``(event name, data)`` of each event of the example stream the trimmed spec gives the
    operation at ``method path``: what Prism sends for ``Accept: text/event-stream``, one
    event of each kind the spec describes (scripts/trim_spec.py builds it). Data is the
    ``data:`` text, a closing ``[DONE]`` included; the name is None in a stream of bare
    ``data:`` chunks."""
    content = operation_for(method, path)["responses"]["200"].get("content", {})
    if EVENT_STREAM not in content:
        raise AssertionError(f"{method} {path}: the trimmed spec gives no example event stream")
    events: list[tuple[str | None, str]] = []
    for block in content[EVENT_STREAM]["example"].split("\n\n"):
        if block:  # the generated events hold one line of data each
            fields = dict(line.split(": ", 1) for line in block.split("\n"))
            events.append((fields.get("event"), fields["data"]))
    return events


def example_event_names(method: str, path: str) -> list[str]:
    """The ``event:`` names of the example stream of ``method path`` (see ``example_events``)
    but the closing ``done``: the events a client reading it yields, in order."""
    return [name for name, data in example_events(method, path) if name and data != "[DONE]"]


# ---------------------------------------------------------------- validation


def validate_request(method: str, path: str, body: Any = None, *, content_type: str = JSON) -> None:
    """AssertionError unless ``body`` is a valid request body for the operation at
    ``method path``. JSON bodies may be given as text or as parsed JSON."""
    template, method = _find(method, path)
    operation = _spec()["paths"][template][method]
    name = f"{method.upper()} {template} ({operation.get('operationId', '?')})"
    request_body = operation.get("requestBody")
    if body is None:
        if request_body and request_body.get("required"):
            raise AssertionError(f"{name}: the spec requires a request body; none was sent")
        return
    if request_body is None:
        raise AssertionError(f"{name}: the spec defines no request body, yet one was sent")
    if content_type not in request_body["content"]:
        raise AssertionError(
            f"{name}: the spec takes {', '.join(request_body['content'])}, not {content_type}"
        )
    pointer = (
        f"/paths/{_escape(template)}/{method}/requestBody/content/{_escape(content_type)}/schema"
    )
    problems: list[str] = []
    if content_type == MULTIPART:
        if not isinstance(body, Mapping):
            raise AssertionError(f"{name}: a multipart body is given as a mapping of fields")
        instance = _form_instance(body, pointer, problems)
    elif isinstance(body, str | bytes):
        instance = json.loads(body)
    else:
        instance = body
    problems[:0] = _problems(instance, pointer)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise AssertionError(f"{name}: the {content_type} body does not match the spec:\n{listed}")


def validate_schema(name: str, instance: Any) -> None:
    """AssertionError unless ``instance`` (parsed JSON) is valid for the spec's schema
    ``name`` (``#/components/schemas/<name>``), with the same checks as ``validate_request``:
    for example a realtime client event we serialise against ``RealtimeClientEvent``."""
    if name not in _spec()["components"]["schemas"]:
        raise AssertionError(f"the trimmed spec has no schema {name!r}")
    problems = _problems(instance, f"/components/schemas/{_escape(name)}")
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise AssertionError(f"not a valid {name} per the spec:\n{listed}")


def _problems(instance: Any, pointer: str) -> list[str]:
    """What is wrong with ``instance`` for the schema at ``pointer``, one line each."""
    errors = sorted(_validator(pointer).iter_errors(instance), key=relevance)
    return [
        _describe(error)
        for error in errors
        # _undeclared names each such field, also where the schema leaves objects open.
        if not (error.validator == "additionalProperties" and error.validator_value is False)
    ] + _undeclared(instance, pointer, "$")


def _describe(error: ValidationError) -> str:
    """One line: where, what; for a value no branch of a union accepts, what each said."""
    text = f"at {error.json_path}: {_shorten(error.message)}"
    if error.context:
        reasons = dict.fromkeys(
            f"{e.json_path}: {_shorten(e.message)}"
            if e.json_path != error.json_path
            else _shorten(e.message)
            # The deepest first: the branch that got furthest is usually the one meant.
            for e in sorted(error.context, key=lambda e: -len(e.absolute_path))
        )
        text += " (" + "; ".join(list(reasons)[:4]) + ("; ..." if len(reasons) > 4 else "") + ")"
    return text


def _shorten(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[:limit] + "..."


_EVERY_BRANCH: Any = object()


def _applicable(instance: Any, pointer: str, seen: frozenset[str] = frozenset()) -> Iterator[str]:
    """Pointers of every schema that applies to ``instance`` where ``pointer`` does: itself,
    its ``$ref`` and ``allOf`` parts, and the ``anyOf``/``oneOf`` branches it matches (all of
    them for ``_EVERY_BRANCH``)."""
    if pointer in seen:
        return
    seen = seen | {pointer}
    node = _node(pointer)
    if not isinstance(node, dict):
        return
    yield pointer
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        yield from _applicable(instance, ref[1:], seen)
    for index in range(len(node.get("allOf", []))):
        yield from _applicable(instance, f"{pointer}/allOf/{index}", seen)
    for keyword in ("anyOf", "oneOf"):
        for index in range(len(node.get(keyword, []))):
            branch = f"{pointer}/{keyword}/{index}"
            if instance is _EVERY_BRANCH or _is_valid(instance, branch):
                yield from _applicable(instance, branch, seen)


def _undeclared(instance: Any, pointer: str, where: str) -> list[str]:
    """Fields of ``instance`` that no applicable schema declares, at any depth. An object
    schema with ``additionalProperties`` (a map) or no ``properties`` at all (free-form)
    accepts any field."""
    parts = list(_applicable(instance, pointer))
    problems: list[str] = []
    if isinstance(instance, dict):
        declared: dict[str, list[str]] = {}
        extra: list[str] = []  # schemas of fields the properties do not name
        free_form = True
        for part in parts:
            node = _node(part)
            for field in node.get("properties", {}):
                declared.setdefault(field, []).append(f"{part}/properties/{_escape(field)}")
                free_form = False
            for field in node.get("required", []):
                declared.setdefault(field, [])  # named, if (a spec slip) without a schema
            additional = node.get("additionalProperties")
            if isinstance(additional, dict):
                extra.append(f"{part}/additionalProperties")
            if additional is True or "patternProperties" in node:
                free_form = True
        for field, value in instance.items():
            path = f"{where}.{field}"
            if field in declared:
                for sub in declared[field]:
                    problems.extend(_undeclared(value, sub, path))
            elif extra:
                for sub in extra:
                    problems.extend(_undeclared(value, sub, path))
            elif not free_form:
                problems.append(f"at {path}: {field!r} is not a field of this object in the spec")
    elif isinstance(instance, list):
        items = [f"{p}/items" for p in parts if isinstance(_node(p).get("items"), dict)]
        for index, item in enumerate(instance):
            for sub in items:
                problems.extend(_undeclared(item, sub, f"{where}[{index}]"))
    return list(dict.fromkeys(problems))  # a field reached through two parts, reported once


def _is_file(value: Any) -> bool:
    return value == FILE or isinstance(value, bytes | bytearray | FilePart)


def _admits_file(pointer: str) -> bool:
    """Whether the schema at ``pointer`` (or a branch of it) is a binary string."""
    node = _node(pointer)
    if not isinstance(node, dict):
        return False
    if node.get("format") == "binary":
        return True
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and _admits_file(ref[1:]):
        return True
    return any(
        _admits_file(f"{pointer}/{keyword}/{index}")
        for keyword in ("anyOf", "oneOf", "allOf")
        for index in range(len(node.get(keyword, [])))
    )


def _array_items(pointer: str) -> str | None:
    """The item schema of the array the schema at ``pointer`` is (or may be)."""
    node = _node(pointer)
    if not isinstance(node, dict):
        return None
    if isinstance(node.get("items"), dict):
        return f"{pointer}/items"
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and (found := _array_items(ref[1:])):
        return found
    for keyword in ("anyOf", "oneOf", "allOf"):
        for index in range(len(node.get(keyword, []))):
            if found := _array_items(f"{pointer}/{keyword}/{index}"):
                return found
    return None


def _form_instance(form: Mapping[str, Any], pointer: str, problems: list[str]) -> dict[str, Any]:
    """The form as the JSON value its schema describes: text read per the field's schema
    (``"0.5"`` as a number, JSON text as an object), files as ``FILE``, ``name[]`` fields as
    the list ``name``. Files where the spec has no binary field are added to ``problems``."""
    declared = _declared(pointer)
    instance: dict[str, Any] = {}
    for name, value in _nest(form).items():
        if isinstance(value, dict):
            schema = declared.get(name)
            where = f"$.{name}"
            instance[name] = _form_object(value, schema, where, problems) if schema else value
            continue
        field = name.removesuffix("[]")
        values = list(value) if isinstance(value, list | tuple) else [value]
        repeated = name.endswith("[]") or isinstance(value, list | tuple)
        schema = declared.get(field)
        if schema is None:
            instance[field] = value  # reported as undeclared by the validation that follows
            continue
        if repeated:
            items = _array_items(schema)
            if items is None:
                problems.append(f"at $.{field}: sent as a list ({name}) but not an array")
                instance[field] = values
                continue
            instance[field] = [_form_value(v, items, f"$.{field}", problems) for v in values]
        else:
            if len(values) != 1:
                problems.append(f"at $.{field}: sent {len(values)} times")
            instance[field] = _form_value(values[0], schema, f"$.{field}", problems)
    return instance


def _declared(pointer: str) -> dict[str, str]:
    """Field name -> schema pointer of every property the object schema at ``pointer`` (or
    any branch of it) declares."""
    declared: dict[str, str] = {}
    for part in _applicable(_EVERY_BRANCH, pointer):
        for field in _node(part).get("properties", {}):
            declared.setdefault(field, f"{part}/properties/{_escape(field)}")
    return declared


_KEYED = re.compile(r"^([^\[\]]+)\[([^\[\]]+)\](.*)$")


def _nest(form: Mapping[str, Any]) -> dict[str, Any]:
    """``name[key]...`` fields gathered into a dict under ``name`` (keyed ``key...``); the
    other fields as they are."""
    nested: dict[str, Any] = {}
    for name, value in form.items():
        match = _KEYED.match(name)
        if match is None:
            nested[name] = value
        else:
            base, key, rest = match.groups()
            nested.setdefault(base, {})[key + rest] = value
    return nested


def _form_object(
    fields: Mapping[str, Any], pointer: str, where: str, problems: list[str]
) -> dict[str, Any]:
    """An object sent as ``name[key]`` fields, its text read per each property's schema."""
    declared = _declared(pointer)
    instance: dict[str, Any] = {}
    for key, value in _nest(fields).items():
        schema = declared.get(key)
        if schema is None:
            instance[key] = value  # reported as undeclared by the validation that follows
        elif isinstance(value, dict):
            instance[key] = _form_object(value, schema, f"{where}.{key}", problems)
        else:
            instance[key] = _form_value(value, schema, f"{where}.{key}", problems)
    return instance


def _form_value(value: Any, pointer: str, where: str, problems: list[str]) -> Any:
    if _is_file(value):
        if not _admits_file(pointer):
            problems.append(f"at {where}: a file was sent where the spec has no binary field")
        return FILE  # a binary field is a string to JSON Schema
    if not isinstance(value, str):
        raise AssertionError(f"multipart values are text or files; {where} is {value!r}")
    if _is_valid(value, pointer):
        return value
    try:  # numbers, booleans and objects travel as text
        return json.loads(value)
    except json.JSONDecodeError:
        return value  # the validation reports the mismatch


# ---------------------------------------------------------------- recorded requests


def _relative_path(url: str, base_url: str) -> str:
    base = base_url.rstrip("/")
    if not url.startswith(base + "/"):
        raise AssertionError(f"{url} was not sent to the API at {base}")
    return url[len(base) :].split("?", 1)[0]


def _form_fields(form: MultipartForm) -> dict[str, Any]:
    """A MultipartForm as ``validate_request`` takes it: a ``name[]`` or repeated field maps
    to the list of its values."""
    grouped: dict[str, list[str]] = {}
    for name, value in [*form.fields, *((name, FILE) for name, _ in form.files)]:
        grouped.setdefault(name, []).append(value)
    return {
        name: values if name.endswith("[]") or len(values) > 1 else values[0]
        for name, values in grouped.items()
    }


def request_to_validation_args(request: Request, base_url: str) -> tuple[str, str, Any, str]:
    """``(method, path, body, content_type)`` for ``validate_request`` from a recorded
    request sent to the API at ``base_url`` (its prefix is stripped from the URL)."""
    path = _relative_path(request.url, base_url)
    if isinstance(request.body, MultipartForm):
        return request.method, path, _form_fields(request.body), MULTIPART
    body = json.loads(request.body) if request.body is not None else None
    return request.method, path, body, request.headers.get("Content-Type", JSON)


def to_record(request: Request) -> tuple[str, str, Any]:
    """A request as plain data: ``(method, url, body)`` where body is None, the JSON text, or
    for a multipart form ``{"fields": [(name, text), ...], "files": [(name, filename), ...]}``.
    What a ``run_in_pyodide`` function returns when a request holds a JS File or Blob."""
    body = request.body
    if isinstance(body, MultipartForm):
        files = [(name, part.filename) for name, part in body.files]
        return request.method, request.url, {"fields": list(body.fields), "files": files}
    if isinstance(body, bytes):
        body = body.decode()
    return request.method, request.url, body


def operations(records: Iterable[Record], base_url: str) -> list[tuple[str, str]]:
    """``(method, URL less base_url, query kept)`` of each recorded request (``Request``
    objects or ``to_record`` tuples): the calls a test made, to compare with the ones it
    meant to make."""
    return [
        (record.method, record.url.removeprefix(base_url))
        if isinstance(record, Request)
        else (record[0], record[1].removeprefix(base_url))
        for record in records
    ]


def validate_recorded(records: Iterable[Record], base_url: str) -> int:
    """Validates every recorded request (``Request`` objects or ``to_record`` tuples) sent to
    the API at ``base_url``; returns how many there were. AssertionError if there were none:
    a test that validates nothing proves nothing."""
    count = 0
    for record in records:
        if not isinstance(record, Request):
            method, url, body = record
            if isinstance(body, Mapping):
                body = MultipartForm(
                    [(name, text) for name, text in body["fields"]],
                    [(name, FilePart(filename, b"")) for name, filename in body["files"]],
                )
            json_body = body is not None and not isinstance(body, MultipartForm)
            headers = {"Content-Type": JSON} if json_body else {}
            record = Request(method, url, headers, body)
        method, path, body, content_type = request_to_validation_args(record, base_url)
        validate_request(method, path, body, content_type=content_type)
        count += 1
    if count == 0:
        raise AssertionError("no requests were recorded")
    return count
