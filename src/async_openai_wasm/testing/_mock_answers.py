"""What the mock server answers when a request asks for tools, structured outputs or the
Responses API: pure functions from a request body to the answer's parts (the routes send
them). Standard library only, like the server.

- Tools: when a request gives function tools and its last message is the user's (and
  ``tool_choice`` is not ``"none"``), the answer is one call of the tool ``tool_choice`` names,
  else of the first tool, with arguments generated from its parameters' schema. With
  ``tool_choice`` ``"auto"`` (chat only), a model's choice: a tool is called only when the
  user's message names it (``roll_dice`` or ``roll dice``, any case), and the words after the
  name fill its parameters in order (a number or a word each; a string that is the last
  parameter takes the rest of the text), e.g. ``calculate 2 * (3 + 4)``; without a name, the
  answer is text.
  Once a tool result is the last message, the answer is text quoting it.
- ``response_format`` / ``text.format`` of type ``json_schema``: the answer's text is a JSON
  value valid against the schema, generated from it (see ``_json_values``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ._json_values import example_value

__all__ = [
    "ToolCall",
    "chat_text_override",
    "chat_tool_call",
    "response_answer",
    "response_events",
]

ToolCall = dict[str, Any]  # {"name": ..., "arguments": "<JSON text>"}


def _function_tools(tools: Any, *, nested: bool) -> list[dict[str, Any]]:
    """The function tools of a request: ``{"name", "parameters"}`` each. Chat nests them
    under ``function``; the Responses API does not."""
    found = []
    for tool in tools if isinstance(tools, list) else ():
        if not isinstance(tool, dict) or tool.get("type", "function") != "function":
            continue
        spec = tool.get("function") if nested else tool
        if isinstance(spec, dict) and isinstance(spec.get("name"), str):
            found.append({"name": spec["name"], "parameters": spec.get("parameters") or {}})
    return found


def _chosen(tools: list[dict[str, Any]], tool_choice: Any) -> dict[str, Any] | None:
    if not tools or tool_choice == "none":
        return None
    if isinstance(tool_choice, dict):
        name = tool_choice.get("name") or (tool_choice.get("function") or {}).get("name")
        return next((tool for tool in tools if tool["name"] == name), tools[0])
    return tools[0]


def _call(tool: dict[str, Any], words: str = "") -> ToolCall:
    arguments = example_value(tool["parameters"]) if tool["parameters"] else {}
    if isinstance(arguments, dict) and words:
        arguments.update(_arguments_from(words, tool["parameters"]))
    return {"name": tool["name"], "arguments": json.dumps(arguments)}


def _arguments_from(words: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """The parameters the words after a tool's name give, in order: a number or a word each,
    a string that is the last parameter the rest of the text. A word that does not fit its
    parameter's type ends them (the rest keep their generated values)."""
    found: dict[str, Any] = {}
    names = list((parameters.get("properties") or {}).items())
    rest = words
    for position, (name, prop) in enumerate(names):
        rest = rest.strip()
        if not rest:
            break
        kind = prop.get("type") if isinstance(prop, dict) else None
        word, _, after = rest.partition(" ")
        if kind in ("integer", "number"):
            try:
                found[name] = int(word) if kind == "integer" else float(word)
            except ValueError:
                break
        elif kind == "string":
            if position == len(names) - 1:
                word, after = rest, ""
            found[name] = word
        else:
            break
        rest = after
    return found


def _named_in(text: str, tools: list[dict[str, Any]]) -> tuple[dict[str, Any], str] | None:
    """The first tool whose name the text mentions, and the text after the mention."""
    for tool in tools:
        pattern = r"\b" + r"[_ ]".join(map(re.escape, tool["name"].split("_"))) + r"\b"
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return tool, text[match.end() :]
    return None


def chat_tool_call(body: dict[str, Any]) -> ToolCall | None:
    """The tool call a chat request gets, or ``None`` for a text answer."""
    messages = body.get("messages") or []
    if not messages or not isinstance(messages[-1], dict) or messages[-1].get("role") != "user":
        return None
    tools = _function_tools(body.get("tools"), nested=True)
    if body.get("tool_choice") == "auto":
        named = _named_in(_plain(messages[-1].get("content")), tools)
        return _call(*named) if named else None
    tool = _chosen(tools, body.get("tool_choice"))
    return _call(tool) if tool else None


def _schema_text(schema: Any) -> str | None:
    if isinstance(schema, dict):
        return json.dumps(example_value(schema))
    return None


def chat_text_override(body: dict[str, Any]) -> str | None:
    """The text a chat request gets instead of the echo: a value of its ``json_schema``, or
    words quoting the tool result it ends with; ``None`` for neither."""
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        text = _schema_text((response_format.get("json_schema") or {}).get("schema"))
        if text is not None:
            return text
    messages = body.get("messages") or []
    last = messages[-1] if messages else None
    if isinstance(last, dict) and last.get("role") == "tool":
        return f"The tool answered: {_plain(last.get('content'))}."
    return None


def _plain(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return json.dumps(content)


# -- the Responses API ------------------------------------------------------------------------


def _input_items(body: dict[str, Any]) -> list[Any]:
    given = body.get("input")
    if isinstance(given, str):
        return [{"role": "user", "content": given}]
    return given if isinstance(given, list) else []


def response_answer(body: dict[str, Any], said_text: Callable[[str], str]) -> tuple[str, Any]:
    """What a Responses request gets: ``("function_call", call)`` or ``("text", text)``;
    ``said_text(user_text)`` makes the plain answer to the last user message."""
    items = _input_items(body)
    last = items[-1] if items else None
    last_is_user = isinstance(last, dict) and last.get("role") == "user"
    tool = _chosen(_function_tools(body.get("tools"), nested=False), body.get("tool_choice"))
    if last_is_user and tool is not None:
        return "function_call", _call(tool)
    text_format = (
        (body.get("text") or {}).get("format") if isinstance(body.get("text"), dict) else None
    )
    if isinstance(text_format, dict) and text_format.get("type") == "json_schema":
        text = _schema_text(text_format.get("schema"))
        if text is not None:
            return "text", text
    if isinstance(last, dict) and last.get("type") == "function_call_output":
        return "text", f"The tool answered: {_plain(last.get('output'))}."
    users = [i for i in items if isinstance(i, dict) and i.get("role") == "user"]
    return "text", said_text(_plain(users[-1].get("content")) if users else "")


def response_events(
    response: dict[str, Any], kind: str, answer: Any, pieces: list[str]
) -> list[dict[str, Any]]:
    """The events of a streamed Responses answer, as OpenAI sends them, ``sequence_number``
    in order: created, in_progress, the output item added, its deltas (``pieces``), done
    events, completed (with the whole ``response``)."""
    item = response["output"][0]
    started = {**response, "status": "in_progress", "output": [], "usage": None}
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": started},
        {"type": "response.in_progress", "response": started},
    ]
    where = {"item_id": item["id"], "output_index": 0}
    if kind == "function_call":
        events.append(
            {"type": "response.output_item.added", "output_index": 0,
             "item": {**item, "arguments": "", "status": "in_progress"}}
        )  # fmt: skip
        events += [
            {"type": "response.function_call_arguments.delta", **where, "delta": piece}
            for piece in pieces
        ]
        events.append(
            {"type": "response.function_call_arguments.done", **where, "name": item["name"],
             "arguments": item["arguments"]}
        )  # fmt: skip
    else:
        part = item["content"][0]
        events.append(
            {"type": "response.output_item.added", "output_index": 0,
             "item": {**item, "content": [], "status": "in_progress"}}
        )  # fmt: skip
        at = {**where, "content_index": 0}
        events.append({"type": "response.content_part.added", **at, "part": {**part, "text": ""}})
        events += [
            {"type": "response.output_text.delta", **at, "delta": piece, "logprobs": []}
            for piece in pieces
        ]
        events.append(
            {"type": "response.output_text.done", **at, "text": part["text"], "logprobs": []}
        )
        events.append({"type": "response.content_part.done", **at, "part": part})
    events.append({"type": "response.output_item.done", "output_index": 0, "item": item})
    events.append({"type": "response.completed", "response": response})
    return [{**event, "sequence_number": n} for n, event in enumerate(events)]
