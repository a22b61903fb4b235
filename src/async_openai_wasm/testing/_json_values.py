"""A JSON value valid against a JSON schema, made from the schema alone: what the mock server
answers to ``response_format: json_schema`` (and to strict tools), so structured outputs run
with no model behind them. Standard library only, like the server.

Covers what strict mode accepts: objects (every property), arrays (``minItems``), strings
(``enum``, ``const``, ``format`` date / date-time / email / uuid, ``minLength``), numbers and
integers (bounds), booleans, null, ``anyOf`` (the first variant that is not null, so optional
fields get values), and local ``$ref`` (a recursive model stops at a null or an empty list)."""

from __future__ import annotations

from typing import Any

__all__ = ["example_value"]

_FORMATS = {
    "date": "2024-01-31",
    "date-time": "2024-01-31T12:00:00Z",
    "time": "12:00:00",
    "email": "someone@example.com",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "uri": "https://example.com/",
    "ipv4": "192.0.2.1",
}


def example_value(schema: dict[str, Any], *, seed: str = "example") -> Any:
    """A value ``schema`` accepts; ``seed`` is the text strings start from."""
    return _value(schema, schema, seed, depth=0)


def _value(node: Any, root: dict[str, Any], seed: str, depth: int) -> Any:
    if not isinstance(node, dict):
        return None
    if "$ref" in node:
        if depth > 6:  # a recursive model: end it with the smallest value the schema allows
            return _smallest(_resolve(root, node["$ref"]), root)
        return _value(_resolve(root, node["$ref"]), root, seed, depth + 1)
    if "const" in node:
        return node["const"]
    if node.get("enum"):
        return node["enum"][0]
    for key in ("anyOf", "oneOf"):
        variants = node.get(key)
        if variants:
            chosen = next((v for v in variants if v.get("type") != "null"), variants[0])
            if depth > 6:
                chosen = next((v for v in variants if v.get("type") == "null"), chosen)
            return _value(chosen, root, seed, depth + 1)
    if node.get("allOf"):
        return _value(node["allOf"][0], root, seed, depth + 1)
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in node:
        return {
            name: _value(prop, root, name, depth + 1)
            for name, prop in (node.get("properties") or {}).items()
        }
    if kind == "array":
        count = max(int(node.get("minItems", 0)), 0 if depth > 6 else 1)
        if "maxItems" in node:
            count = min(count, int(node["maxItems"]))
        return [_value(node.get("items", {}), root, seed, depth + 1) for _ in range(count)]
    if kind == "string":
        text = _FORMATS.get(node.get("format", ""), f"{seed}")
        return text.ljust(int(node.get("minLength", 0)), "x")
    if kind in ("integer", "number"):
        low = node.get("minimum", node.get("exclusiveMinimum", None))
        high = node.get("maximum", node.get("exclusiveMaximum", None))
        value: float = 1 if low is None else low + (1 if "exclusiveMinimum" in node else 0)
        if high is not None and value > high:
            value = high - (1 if "exclusiveMaximum" in node else 0)
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    return None


def _smallest(node: dict[str, Any], root: dict[str, Any]) -> Any:
    for variant in node.get("anyOf") or ():
        if variant.get("type") == "null":
            return None
    return _value(node, root, "", depth=7)


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    target: Any = root
    for part in ref.removeprefix("#").strip("/").split("/"):
        if part:
            target = target[part]
    return target if isinstance(target, dict) else {}
