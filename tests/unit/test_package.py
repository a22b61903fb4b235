"""The package's public surface, and that importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import async_openai_wasm

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_name_resolves() -> None:
    for name in async_openai_wasm.__all__:
        assert getattr(async_openai_wasm, name) is not None, name


def test_public_names_are_listed_once_and_sorted() -> None:
    names = async_openai_wasm.__all__
    assert len(names) == len(set(names))
    assert names == sorted(names)


def test_import_loads_no_api_group_types_or_httpx() -> None:
    # In a fresh interpreter: what `import async_openai_wasm` alone pulls in.
    code = (
        "import sys, async_openai_wasm; "
        "print(sorted(m for m in sys.modules if m.startswith('async_openai_wasm') or m == 'httpx'))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert "httpx" not in loaded
    assert "async_openai_wasm.types.chat" not in loaded
    assert "async_openai_wasm.api" not in loaded  # no group module, nor their package
    assert "async_openai_wasm.worker" not in loaded


def test_wheel_in_the_pyodide_folder_is_pure_and_typed() -> None:
    wheels = list((ROOT / "dist" / "pyodide").glob("async_openai_wasm-*-py3-none-any.whl"))
    assert len(wheels) == 1, "run scripts/build_pyodide.py"
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "async_openai_wasm/py.typed" in names
    assert not [n for n in names if n.endswith((".so", ".pyd"))]


# The official SDK's wheel (openai 2.30.0, as the README's benchmark measured it): ours stays
# at most a quarter of it, every group included.
OFFICIAL_WHEEL_BYTES = 1_147_000


def test_wheel_is_at_most_a_quarter_of_the_official_sdk_s() -> None:
    (wheel,) = (ROOT / "dist" / "pyodide").glob("async_openai_wasm-*-py3-none-any.whl")
    assert wheel.stat().st_size <= OFFICIAL_WHEEL_BYTES / 4


def test_pypi_description_is_the_readme_s_head_and_travels_in_the_wheel() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from pypi_readme import DESCRIPTION, description

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = description(readme)
    assert DESCRIPTION.read_text(encoding="utf-8") == expected, "run scripts/pypi_readme.py"
    assert expected.startswith(readme[: readme.index("\n## API groups\n")])
    assert "Benchmarks" in expected.splitlines()[-1] and "| ---" not in expected
    (wheel,) = (ROOT / "dist" / "pyodide").glob("async_openai_wasm-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
    assert text.split("\n\n", 1)[1].strip() == expected.strip()
