"""The generated type modules are what scripts/gen_types.py writes from its committed input,
and they build: every model and alias of them validates a value."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel, TypeAdapter

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_types", ROOT / "scripts" / "gen_types.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


GEN = _generator()
MODULES = [name for name, _, _ in GEN.MODULES]


def test_committed_modules_are_what_the_generator_writes(tmp_path: Path) -> None:
    data = json.loads(GEN.INPUT.read_text())
    written = GEN.write(data, tmp_path)
    assert len(written) > len(MODULES)
    stale = [
        str(path.relative_to(tmp_path))
        for path in written
        if (GEN.PACKAGE / path.relative_to(tmp_path)).read_text() != path.read_text()
    ]
    assert not stale, f"stale generated modules (run python3 scripts/gen_types.py): {stale}"


def test_every_operation_of_the_input_belongs_to_a_module() -> None:
    operations = json.loads(GEN.INPUT.read_text())["operations"]
    assert operations
    assert all(GEN.module_of_operation(name) for name in operations)


@pytest.mark.parametrize("name", MODULES)
def test_generated_module_builds(name: str) -> None:
    module = importlib.import_module(f"async_openai_wasm.types.{name}")
    assert module.__all__
    for public in module.__all__:
        value = getattr(module, public)
        if inspect.isclass(value) and issubclass(value, BaseModel):
            value.model_rebuild(force=True)
        elif not inspect.isclass(value):
            TypeAdapter(value)
