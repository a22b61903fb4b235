"""Strict JSON schemas: what OpenAI's structured outputs (``"strict": true``) accept, made from
pydantic models and checked before anything is sent.

Strict mode wants every object closed (``additionalProperties: false``) with every property
required (an optional field is one that may be null), unions as ``anyOf``, and the root an
object. What it cannot express (open-ended dicts, tuples, the keywords below) raises
:class:`InvalidArgumentError` naming where in the model it is.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ..error import InvalidArgumentError

__all__ = ["strict_json_schema", "to_strict_json_schema"]

# Keywords OpenAI's structured-outputs guide lists as not supported in strict mode.
_REFUSED = {
    "patternProperties": "properties matched by pattern",
    "unevaluatedProperties": "unevaluatedProperties",
    "propertyNames": "constraints on property names",
    "minProperties": "minProperties",
    "maxProperties": "maxProperties",
    "prefixItems": "tuples (fixed-position array items)",
    "unevaluatedItems": "unevaluatedItems",
    "contains": "contains",
    "uniqueItems": "sets (uniqueItems)",
    "not": "not",
    "if": "if/then/else",
    "dependentRequired": "dependentRequired",
    "dependentSchemas": "dependentSchemas",
}


# What says which values a node takes; a node with none of these (``Any``) accepts anything.
_TYPED = frozenset({"type", "anyOf", "$ref", "enum", "const"})


def to_strict_json_schema(model: type[BaseModel] | TypeAdapter[Any]) -> dict[str, Any]:
    """The strict JSON schema of a pydantic model (or a ``TypeAdapter`` of one)."""
    if isinstance(model, TypeAdapter):
        schema = model.json_schema()
        name = str(model)
    elif isinstance(model, type) and issubclass(model, BaseModel):
        schema = model.model_json_schema()
        name = model.__name__
    else:
        raise InvalidArgumentError(
            f"a strict JSON schema is made from a pydantic model class, got {model!r}"
        )
    return strict_json_schema(schema, name)


def strict_json_schema(schema: dict[str, Any], name: str = "the schema") -> dict[str, Any]:
    """A copy of a JSON schema made strict; ``name`` is what errors call its root."""
    root = copy.deepcopy(schema)
    if "$ref" in root:  # a recursive root model: pydantic points the root at its $defs entry
        root = {
            **_resolve(root, root["$ref"], name),
            **{k: v for k, v in root.items() if k != "$ref"},
        }
    if root.get("type") != "object":
        raise InvalidArgumentError(
            f"{name}: strict mode needs an object at the root (a model), "
            f"got {root.get('type') or 'a union'}"
        )
    return _strict(root, root, name, frozenset())


def _strict(node: Any, root: dict[str, Any], path: str, inlining: frozenset[str]) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise InvalidArgumentError(f"{path}: a JSON schema must be an object, got {node!r}")
    for keyword, what in _REFUSED.items():
        if keyword in node:
            raise InvalidArgumentError(f"{path}: strict mode cannot express {what}")
    if "$ref" in node and len(node) > 1:
        # A $ref beside other keywords (a description, a default) is not accepted: inline it,
        # except inside itself (a recursive model), where the bare $ref stays.
        ref = node["$ref"]
        if ref in inlining:
            return {"$ref": ref}
        del node["$ref"]
        node = {**_resolve(root, ref, path), **node}
        inlining |= {ref}
    for key in ("$defs", "definitions"):
        for def_name, definition in (node.get(key) or {}).items():
            node[key][def_name] = _strict(definition, root, f"{path}.{def_name}", inlining)
    if "oneOf" in node:  # pydantic's discriminated unions: strict mode takes anyOf
        node["anyOf"] = node.pop("oneOf")
        node.pop("discriminator", None)
    all_of = node.get("allOf")
    if isinstance(all_of, list):
        if len(all_of) != 1:
            raise InvalidArgumentError(f"{path}: strict mode cannot express allOf")
        node.pop("allOf")
        node = {**_strict(all_of[0], root, path, inlining), **node}
    if node.get("type") == "object" or "properties" in node:
        extra = node.get("additionalProperties", False)
        if extra is not False:
            raise InvalidArgumentError(
                f"{path}: strict mode cannot express an object with open-ended keys "
                "(a dict); use a model with named fields, or a list of key/value models"
            )
        properties = node.get("properties") or {}
        node["properties"] = {
            key: _strict(value, root, f"{path}.{key}", inlining)
            for key, value in properties.items()
        }
        node["required"] = list(properties)
        node["additionalProperties"] = False
    if isinstance(node.get("items"), dict):
        node["items"] = _strict(node["items"], root, f"{path}[]", inlining)
    elif "items" in node:
        raise InvalidArgumentError(f"{path}: strict mode cannot express tuples")
    if isinstance(node.get("anyOf"), list):
        node["anyOf"] = [_strict(variant, root, path, inlining) for variant in node["anyOf"]]
    if not _TYPED.intersection(node):
        raise InvalidArgumentError(
            f"{path}: strict mode needs a type for every value (Any cannot be sent)"
        )
    # Every property is required, so a default can never apply; the model must give a value.
    node.pop("default", None)
    strict: dict[str, Any] = node
    return strict


def _resolve(root: dict[str, Any], ref: str, path: str) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise InvalidArgumentError(f"{path}: only local $refs can be sent, got {ref!r}")
    target: Any = root
    for part in ref[2:].split("/"):
        if not isinstance(target, dict) or part not in target:
            raise InvalidArgumentError(f"{path}: $ref {ref!r} points nowhere")
        target = target[part]
    if not isinstance(target, dict):
        raise InvalidArgumentError(f"{path}: $ref {ref!r} is not a schema")
    return dict(target)
