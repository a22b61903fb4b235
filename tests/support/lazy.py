"""What touching an API group of the client loads, seen from a fresh interpreter (so modules
other tests imported do not count): each group must load on first use, with its own types
and no other group's."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

__all__ = ["FirstUse", "first_use"]

PACKAGE = "async_openai_wasm."
TYPES = PACKAGE + "types."

_SCRIPT = """
import json, sys
from async_openai_wasm import Client, MockTransport, OpenAIConfig

def loaded():
    return sorted(m for m in sys.modules if m.startswith("async_openai_wasm."))

client = Client(OpenAIConfig(api_key="k"), transport=MockTransport(lambda r: None))
before = loaded()
group = getattr(client, sys.argv[1])
print(json.dumps({
    "before": before,
    "after": loaded(),
    "class": type(group).__name__,
    "module": type(group).__module__,
}))
"""


@dataclass(frozen=True)
class FirstUse:
    """The package's modules loaded before and after ``client.<group>`` was first touched,
    and the class of the group object it gave."""

    group: str
    before: frozenset[str]
    after: frozenset[str]
    group_class: str
    module: str  # the group class's own module, ``async_openai_wasm.api.<...>``

    @property
    def types(self) -> set[str]:
        """The type modules loaded by then, by name under ``types`` (``_base`` aside)."""
        return {m.removeprefix(TYPES) for m in self.after if m.startswith(TYPES)} - {"_base"}


def first_use(group: str) -> FirstUse:
    """Creates a client in a fresh interpreter and touches ``client.<group>``."""
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, group], check=True, capture_output=True, text=True
    )
    out = json.loads(result.stdout)
    return FirstUse(
        group, frozenset(out["before"]), frozenset(out["after"]), out["class"], out["module"]
    )
