"""The package's public surface, and that importing it stays cheap."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import FunctionType

import pydantic
import pytest

import async_openai_wasm

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_name_resolves() -> None:
    for name in async_openai_wasm.__all__:
        assert getattr(async_openai_wasm, name) is not None, name


def test_public_names_are_listed_once_and_sorted() -> None:
    names = async_openai_wasm.__all__
    assert len(names) == len(set(names))
    assert names == sorted(names)


def modules_loaded_by(statement: str) -> str:
    """The package's modules (and httpx) that ``statement`` imports in a fresh interpreter."""
    code = (
        f"import sys; {statement}; "
        "print(sorted(m for m in sys.modules if m.startswith('async_openai_wasm') or m == 'httpx'))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def test_import_loads_no_api_group_types_or_httpx() -> None:
    loaded = modules_loaded_by("import async_openai_wasm")
    assert "httpx" not in loaded
    assert "async_openai_wasm.types.chat" not in loaded
    assert "async_openai_wasm.api" not in loaded  # no group module, nor their package
    assert "async_openai_wasm.worker" not in loaded


def test_every_helper_name_loads_from_its_own_module() -> None:
    import async_openai_wasm.lib as lib

    table = {name: module for module, names in lib._MODULES.items() for name in names.split()}
    assert sorted(table) == sorted(lib.__all__)
    for name, module in table.items():
        value = getattr(lib, name)
        assert value is getattr(sys.modules[f"async_openai_wasm.lib{module}"], name)
        if isinstance(value, type | FunctionType):  # not the aliases of unions
            assert value.__module__ == f"async_openai_wasm.lib{module}", name
    with pytest.raises(AttributeError, match=r"'async_openai_wasm\.lib' has no attribute 'Chat'"):
        lib.Chat  # noqa: B018


def test_a_chat_helper_loads_no_responses_types() -> None:
    loaded = modules_loaded_by("from async_openai_wasm.lib import ChatCompletionStreamState")
    assert "async_openai_wasm.lib._chat_stream" in loaded
    assert "async_openai_wasm.types.responses" not in loaded
    assert "async_openai_wasm.lib._tools" not in loaded


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


def test_the_wheel_deflated_again_by_zopfli_unzips_to_the_same_files() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_pyodide import deflate_with_zopfli

    # Files like a wheel's: modules of ours, a UTF-8 name, a script's mode, an empty file.
    package = ROOT / "src" / "async_openai_wasm"
    files = {
        "pkg/_pipeline.py": (package / "_pipeline.py").read_bytes(),
        "pkg/données.py": (package / "_sse.py").read_bytes(),
        "pkg/run.sh": b"#!/bin/sh\necho run\n",
        "pkg/py.typed": b"",
    }
    built = io.BytesIO()
    with zipfile.ZipFile(built, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as wheel:
        for number, (name, data) in enumerate(files.items()):
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 23, 59, 58 - number))
            info.external_attr = (0o755 if name.endswith(".sh") else 0o644) << 16
            wheel.writestr(info, data, zipfile.ZIP_DEFLATED)
    repacked = zipfile.ZipFile(io.BytesIO(deflate_with_zopfli(built.getvalue())))
    original = zipfile.ZipFile(built)

    assert repacked.testzip() is None  # every CRC checks

    def described(archive: zipfile.ZipFile) -> list[tuple[object, ...]]:
        return [
            (i.filename, i.date_time, i.external_attr, i.compress_type, archive.read(i))
            for i in archive.infolist()
        ]

    assert described(repacked) == described(original)
    assert sum(i.compress_size for i in repacked.infolist()) < sum(
        i.compress_size for i in original.infolist()
    )


def test_pypi_description_is_the_readme_s_head_and_travels_in_the_wheel() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from pypi_readme import DESCRIPTION, description

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = description(readme)
    assert DESCRIPTION.read_text(encoding="utf-8") == expected, "run scripts/pypi_readme.py"
    head = readme[: readme.index("\n## API groups\n")]
    taken = expected[: expected.index("\n## More\n")]
    # The README's head, in order, without the commands of a clone.
    blocks = [b.strip() for b in taken.strip().split("\n\n")]
    assert [b.strip() for b in head.split("\n\n") if b.strip() in taken] == blocks
    assert "## Install" in taken and "## Configuration" in taken and "```python" in taken
    assert "./scripts/" not in taken
    assert "Benchmarks" in expected.splitlines()[-1] and "| ---" not in expected
    (wheel,) = (ROOT / "dist" / "pyodide").glob("async_openai_wasm-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
    assert text.split("\n\n", 1)[1].strip() == expected.strip()


def _testing_wheel(folder: Path) -> Path:
    """async-openai-wasm-testing's wheel, built from a copy (setuptools builds in the tree)."""
    source = folder / "source"
    shutil.copytree(
        ROOT / "testing", source / "testing", ignore=shutil.ignore_patterns("build", "*.egg-info")
    )
    shutil.copytree(
        ROOT / "src" / "async_openai_wasm" / "testing",
        source / "src" / "async_openai_wasm" / "testing",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    out = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(source / "testing")],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = out.glob("async_openai_wasm_testing-*-py3-none-any.whl")
    return wheel


def _run_installed(target: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Runs code on the wheels installed in target: -S, so no .pth puts the sources (the
    editable installs) on the path; pydantic comes from this venv's site-packages."""
    site_packages = Path(pydantic.__file__).parent.parent
    return subprocess.run(
        [sys.executable, "-S", "-c", code],
        env={"PYTHONPATH": f"{target}{os.pathsep}{site_packages}", "PATH": os.environ["PATH"]},
        cwd=target,
        capture_output=True,
        text=True,
    )


def test_mock_server_and_fixtures_ship_apart_from_the_package(tmp_path: Path) -> None:
    (package,) = (ROOT / "dist" / "pyodide").glob("async_openai_wasm-*-py3-none-any.whl")
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    # What pages download: no mock server, and no pytest plugin pointing at it.
    assert not [n for n in names if n.startswith("async_openai_wasm/testing")]
    assert not [n for n in names if n.endswith("entry_points.txt")]
    testing = _testing_wheel(tmp_path)
    with zipfile.ZipFile(testing) as archive:
        names = archive.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        plugin = archive.read(entry_points).decode()
    assert "async_openai_wasm/testing/mock_server.py" in names
    assert not [n for n in names if n.startswith("async_openai_wasm/") and n.count("/") == 1]
    assert "[pytest11]\nasync_openai_wasm = async_openai_wasm.testing.pytest_plugin" in plugin

    alone, both = tmp_path / "alone", tmp_path / "both"
    for target, wheels in ((alone, [package]), (both, [package, testing])):
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
             *map(str, wheels)],
            check=True, capture_output=True,
        )  # fmt: skip
    # The package alone works; asking it for the mock server names what is missing.
    ran = _run_installed(
        alone,
        "import async_openai_wasm as a; print(a.__file__); a.Client(a.OpenAIConfig(api_key='k'))\n"
        "import async_openai_wasm.testing",
    )
    assert ran.stdout.startswith(str(alone)), ran.stdout + ran.stderr
    assert "No module named 'async_openai_wasm.testing'" in ran.stderr
    # Installed together, the server runs from the installed files and answers a chat.
    ran = _run_installed(
        both,
        "import asyncio, async_openai_wasm.testing.pytest_plugin as plugin\n"
        "from async_openai_wasm import Client, OpenAIConfig\n"
        "from async_openai_wasm.testing import MockServer\n"
        "async def main():\n"
        "    async with MockServer() as server:\n"
        "        async with Client(OpenAIConfig(api_key='k', api_base=server.base_url)) as c:\n"
        "            hi = [{'role': 'user', 'content': 'Hi'}]\n"
        "            r = await c.chat.create(model='m', messages=hi)\n"
        "    print(plugin.__file__, r.choices[0].message.content)\n"
        "asyncio.run(main())",
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith(str(both / "async_openai_wasm" / "testing")), ran.stdout
    assert "You said: Hi." in ran.stdout
