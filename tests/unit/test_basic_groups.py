"""The models, completions, embeddings, moderations, images and audio groups on the client:
each is loaded on first use, with its own types and no other group's."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Type modules each group may load: its own, plus the chat types the legacy completions share.
OWN_TYPES = {
    "models": {"models"},
    "completions": {"completions", "chat"},
    "embeddings": {"embeddings"},
    "moderations": {"moderations"},
    "images": {"images"},
    "audio": {"audio"},
}


@pytest.mark.parametrize("group", sorted(OWN_TYPES))
def test_a_group_loads_on_first_use_with_only_its_own_types(group: str) -> None:
    # In a fresh interpreter, so nothing another test imported counts.
    code = f"""
import json, sys
from async_openai_wasm import Client, MockTransport, OpenAIConfig, Response

def loaded():
    return sorted(m for m in sys.modules if m.startswith("async_openai_wasm."))

client = Client(OpenAIConfig(api_key="k"), transport=MockTransport(lambda r: None))
before = loaded()
group = client.{group}
print(json.dumps({{"before": before, "after": loaded(), "class": type(group).__name__}}))
"""
    out = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
    )
    prefix = "async_openai_wasm."
    assert f"{prefix}{group}" not in out["before"]
    assert f"{prefix}{group}" in out["after"]
    types_loaded = {
        m.removeprefix(f"{prefix}types.")
        for m in out["after"]
        if m.startswith(f"{prefix}types.") and m != f"{prefix}types._base"
    }
    assert types_loaded == OWN_TYPES[group]
    assert out["class"] == group.capitalize()
