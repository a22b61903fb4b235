#!/usr/bin/env python3
"""Assemble an offline Pyodide distribution in dist/pyodide/.

The folder holds everything the Pyodide tests (and the demo page) load, so
nothing is ever fetched from the Pyodide CDN, which this project cannot reach:

* the Pyodide runtime from the npm package ``pyodide@PYODIDE_VERSION``;
* wheels from PyPI: pydantic and its dependencies (pydantic-core built for
  Pyodide), micropip, and the wheels pytest-pyodide's ``run_in_pyodide``
  loads for assertion rewriting and tracebacks (pytest, tblib, ...);
* micropip patched for Pyodide 314 (see ``patch_micropip``), so that
  ``loadPackage("micropip")`` and PyScript's ``packages`` config work offline
  as they do with the CDN's micropip;
* this project's own wheel, rebuilt whenever its sources change;
* a rewritten ``pyodide-lock.json`` that lists exactly the wheels present;
* the demo's memory snapshot (``snapshot.bin.gz`` and ``snapshot.json``, see
  ``make_snapshot``), when Node is installed.

PyScript (``@pyscript/core``, pinned in package.json) is copied from
node_modules to dist/pyscript/ beside it, when npm has installed it.

Downloads and builds are cached in .cache/pyodide/; a re-run that has nothing
to do finishes in well under two seconds. Standard library only, apart from
``packaging`` for marker evaluation (pip vendors it, so it is always there).

Usage: python3 scripts/build_pyodide.py [--dist DIR] [--extra NAME==VERSION ...]
(``--extra`` adds pinned wheels and their lock entries, e.g. for the benchmark's folder.)
"""

from __future__ import annotations

import argparse
import base64
import csv
import email.parser
import fcntl
import gzip
import hashlib
import inspect
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
except ImportError:  # a bare interpreter: pip always carries a copy
    from pip._vendor.packaging.markers import default_environment  # type: ignore[assignment]
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "pyodide"

PYODIDE_VERSION = "314.0.7"
# What Pyodide 314 reports about itself; used to pick wheels and to evaluate
# the environment markers of their dependencies.
PYODIDE_PYTHON = "3.14"
PYODIDE_PLATFORM = "pyemscripten_2026_0_wasm32"

# Every wheel that goes into the folder, pinned. pydantic==2.14.3 pins
# pydantic-core==2.50.4; the others satisfy pydantic's and pytest's ranges.
# pytest matches the host's pytest so that assertions rewritten on the host
# run against the same pytest inside Pyodide.
WHEELS = {
    # the runtime dependencies of async-openai-wasm
    "pydantic": "2.14.3",
    "pydantic-core": "2.50.4",
    "typing-extensions": "4.16.0",
    "typing-inspection": "0.4.5",
    "annotated-types": "0.8.0",
    # micropip, for tests that install our wheel the way a user would
    "micropip": "0.7.2",
    "packaging": "26.4",
    # what pytest-pyodide's run_in_pyodide loads when the lock names them
    "pytest": "9.1.1",
    "iniconfig": "2.3.1",
    "pluggy": "1.7.0",
    "pygments": "2.21.0",
    "tblib": "3.2.2",
}

OWN_NAME = "async-openai-wasm"
# Files that make up our wheel; their contents decide when to rebuild it.
OWN_SOURCES = ["pyproject.toml", "src", "docs/pypi.md", "LICENSE", "MANIFEST.in"]

# PyScript's runtime files, from the npm package package.json pins.
PYSCRIPT_NPM = ROOT / "node_modules" / "@pyscript" / "core"


def normalize(name: str) -> str:
    """PEP 503 name, which is also how Pyodide keys its lock file."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run(cmd: list[str], **kwargs: object) -> None:
    print("  $", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, so unchanged files keep their mtime.

    Written beside and renamed into place: a test run reading the folder at
    the same time sees the old file or the new one, never half of one.
    """
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def copy_if_changed(src: Path, dst: Path) -> bool:
    if (
        dst.exists()
        and dst.stat().st_size == src.stat().st_size
        and sha256_file(dst) == sha256_file(src)
    ):
        return False
    tmp = dst.with_name(f".{dst.name}.tmp")
    shutil.copy2(src, tmp)
    os.replace(tmp, dst)
    return True


class Report:
    """Collects what was built and what came from the cache, for the summary."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, what: str, state: str) -> None:
        self.lines.append(f"  {state:<8} {what}")


# --------------------------------------------------------------------------
# The Pyodide runtime (npm)
# --------------------------------------------------------------------------


def fetch_runtime(report: Report) -> Path:
    """Return a cached, unpacked copy of the pyodide npm package."""
    unpacked = CACHE / f"pyodide-{PYODIDE_VERSION}"
    if (unpacked / "pyodide-lock.json").exists():
        report.add(f"pyodide@{PYODIDE_VERSION} (npm)", "cached")
        return unpacked
    npm_dir = CACHE / "npm"
    npm_dir.mkdir(parents=True, exist_ok=True)
    tgz = npm_dir / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists():
        # `npm pack` downloads the registry tarball without installing anything.
        run(
            [
                "npm",
                "pack",
                "--loglevel=error",
                f"pyodide@{PYODIDE_VERSION}",
                "--pack-destination",
                str(npm_dir),
            ],
            stdout=subprocess.DEVNULL,
        )
    tmp = Path(tempfile.mkdtemp(dir=CACHE))
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    # npm tarballs keep their files under "package/"; rename last so an
    # interrupted run never leaves a half-unpacked cache behind.
    if unpacked.exists():
        shutil.rmtree(unpacked)
    (tmp / "package").rename(unpacked)
    shutil.rmtree(tmp)
    report.add(f"pyodide@{PYODIDE_VERSION} (npm)", "fetched")
    return unpacked


# --------------------------------------------------------------------------
# Wheels from PyPI
# --------------------------------------------------------------------------


def find_wheel(folder: Path, name: str, version: str) -> Path | None:
    """The cached wheel for name==version, whatever its tags."""
    stem = re.sub(r"[-_.]+", "_", name).lower()
    for path in folder.glob("*.whl"):
        parts = path.name.split("-")
        if parts[0].lower() == stem and parts[1] == version:
            return path
    return None


def fetch_pypi_wheels(report: Report, pins: dict[str, str] = WHEELS) -> list[Path]:
    folder = CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    missing = [f"{n}=={v}" for n, v in pins.items() if not find_wheel(folder, n, v)]
    if missing:
        # One pip call for all of them: the platform options make pip pick the
        # Pyodide build of pydantic-core and accept pure wheels for the rest.
        # --no-deps because every wheel is pinned above; check_dependencies()
        # later proves the set is complete.
        run(
            [
                sys.executable, "-m", "pip", "download", "--quiet",
                "--no-deps", "--only-binary=:all:",
                "--platform", PYODIDE_PLATFORM,
                "--python-version", PYODIDE_PYTHON,
                "--implementation", "cp",
                "--abi", "cp" + PYODIDE_PYTHON.replace(".", ""),
                "--dest", str(folder),
                *missing,
            ]
        )  # fmt: skip
    wheels = []
    for name, version in pins.items():
        path = find_wheel(folder, name, version)
        if path is None:
            sys.exit(f"error: pip did not produce a wheel for {name}=={version}")
        wheels.append(path)
    if missing:
        report.add(f"{len(missing)} of {len(pins)} wheels from PyPI", "fetched")
    else:
        report.add(f"{len(pins)} wheels from PyPI", "cached")
    return wheels


# --------------------------------------------------------------------------
# Our own wheel
# --------------------------------------------------------------------------


def own_sources() -> list[Path]:
    files = []
    for entry in OWN_SOURCES:
        path = ROOT / entry
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in path.rglob("*")
                if p.is_file()
                and "__pycache__" not in p.parts
                and not any(part.endswith(".egg-info") for part in p.parts)
            )
    return sorted(files)


def build_own_wheel(report: Report) -> Path:
    """Build the project's wheel, or reuse the one built from identical sources."""
    digest = hashlib.sha256()
    sources = own_sources()
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    digest.update(inspect.getsource(deflate_with_zopfli).encode())  # how it is packed, too
    key = digest.hexdigest()[:16]
    out = CACHE / "own" / key
    built = sorted(out.glob("*.whl")) if out.exists() else []
    if built:
        report.add(f"{built[0].name} (sources {key})", "cached")
        return built[0]

    # Build from a fresh copy of the sources: setuptools leaves build/ and
    # *.egg-info next to the sources, and a stale build/lib would put deleted
    # modules back into the wheel.
    work = Path(tempfile.mkdtemp(dir=CACHE))
    try:
        for path in sources:
            dest = work / path.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
        tmp_out = work / "_wheel"
        cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_out)]
        if have_build_backend():
            # The dev venv has setuptools and wheel: no need to download them.
            cmd.append("--no-build-isolation")
        run([*cmd, str(work)])
        wheels = list(tmp_out.glob("*.whl"))
        if len(wheels) != 1:
            sys.exit(f"error: expected one wheel, got {wheels}")
        wheel = wheels[0]
        if not wheel.name.endswith("-py3-none-any.whl"):
            sys.exit(f"error: {wheel.name} is not a pure py3-none-any wheel")
        out.mkdir(parents=True, exist_ok=True)
        (out / wheel.name).write_bytes(deflate_with_zopfli(wheel.read_bytes()))
    finally:
        shutil.rmtree(work)
    # Older builds only waste space; keep the cache to the current one.
    for old in (CACHE / "own").iterdir():
        if old != out:
            shutil.rmtree(old)
    report.add(f"{wheel.name} (sources {key})", "built")
    return out / wheel.name


def deflate_with_zopfli(wheel: bytes) -> bytes:
    """The same zip, every file deflated again by Zopfli: the format any unzip reads, about 3%
    smaller than zlib's best (7 kB of our wheel), for some 15 s once per change of the sources."""
    import zlib

    import zopfli.zlib

    body = io.BytesIO()
    directory = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(wheel)) as source:
        infos = source.infolist()
        for info in infos:
            data = source.read(info)
            packed = zopfli.zlib.compress(data, numiterations=15)[
                2:-4
            ]  # zlib's header and adler32 off
            year, month, day, hour, minute, second = info.date_time
            fields = (
                20,  # version needed to extract: deflate
                info.flag_bits & 0x800,  # only "the name is UTF-8" is kept
                zipfile.ZIP_DEFLATED,
                hour << 11 | minute << 5 | second // 2,
                (year - 1980) << 9 | month << 5 | day,
                zlib.crc32(data),
                len(packed),
                len(data),
                len(info.filename.encode()),
            )
            offset = body.tell()
            body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0))
            body.write(info.filename.encode() + packed)
            made_by = info.create_system << 8 | info.create_version
            directory.write(struct.pack("<IH", 0x02014B50, made_by))
            directory.write(
                struct.pack(
                    "<HHHHHIIIHHHHHII",
                    *fields,
                    0,
                    0,
                    0,
                    info.internal_attr,
                    info.external_attr,
                    offset,
                )
            )
            directory.write(info.filename.encode())
    size, start = directory.tell(), body.tell()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(infos), len(infos), size, start, 0)
    return body.getvalue() + directory.getvalue() + end


def have_build_backend() -> bool:
    """True when this interpreter has a setuptools new enough for pyproject.toml."""
    from importlib import metadata

    try:
        major = int(metadata.version("setuptools").split(".")[0])
        metadata.version("wheel")
    except metadata.PackageNotFoundError:
        return False
    return major >= 68


# --------------------------------------------------------------------------
# micropip, patched for Pyodide 314
# --------------------------------------------------------------------------

# The newest micropip on PyPI is 0.7.2 (Pyodide ships 0.11 on its CDN only), written for
# a Pyodide whose JS API had other names. Unpatched, `import micropip` fails on Pyodide
# 314, and PyScript's `packages` config, which imports it, hangs the page. Each edit is
# (file, old text, new text); a micropip whose code differs fails the build.
MICROPIP_PATCHES = [
    (
        "micropip/_compat/_compat_in_pyodide.py",
        "from pyodide.ffi import IN_BROWSER, to_js\n",
        # Pyodide has renamed the flag IN_PYODIDE.
        "from pyodide.ffi import IN_PYODIDE as IN_BROWSER, to_js\n",
    ),
    (
        "micropip/_compat/_compat_in_pyodide.py",
        "    from pyodide_js._api import (  # type: ignore[import]\n"
        "        loadBinaryFile,\n"
        "        loadDynlibsFromPackage,\n"
        "    )\n",
        # The helper that loaded a wheel's shared libraries left the JS API; loading
        # each one in order with `loadDynlib` is what it did.
        "    from pyodide_js._api import loadBinaryFile, loadDynlib  # type: ignore[import]\n"
        "\n"
        "    async def loadDynlibsFromPackage(pkg, dynlibs):\n"
        "        for path in dynlibs:\n"
        "            await loadDynlib(path)\n",
    ),
    (
        "micropip/_compat/_compat_in_pyodide.py",
        "    REPODATA_PACKAGES = pyodide_js._api.repodata_packages.to_py()\n"
        "    REPODATA_INFO = pyodide_js._api.repodata_info.to_py()\n",
        # "repodata" became "lockfile": the same data from pyodide-lock.json.
        "    REPODATA_PACKAGES = pyodide_js._api.lockfile_packages.to_py()\n"
        "    REPODATA_INFO = pyodide_js._api.lockfile_info.to_py()\n",
    ),
    (
        "micropip/freeze.py",
        "    pyodide_packages = deepcopy(lockfile_packages)\n",
        # Pyodide 314's lock names its wheels relative to the lock's folder, and a frozen
        # lock is loaded from elsewhere (PyScript keeps it in IndexedDB and passes its
        # contents): make the names absolute, as newer micropip releases do.
        "    pyodide_packages = deepcopy(lockfile_packages)\n"
        "    import pyodide_js\n"
        "    from urllib.parse import urljoin\n"
        "\n"
        "    base_url = pyodide_js.lockfileBaseUrl\n"
        "    if base_url:\n"
        "        for entry in pyodide_packages.values():\n"
        '            entry["file_name"] = urljoin(base_url, entry["file_name"])\n',
    ),
    (
        "micropip/freeze.py",
        "    package_items = itertools.chain(pyodide_packages.items(), pip_packages)\n"
        "\n"
        "    # Sort\n"
        "    packages = dict(sorted(package_items))\n",
        # A package both in the lock and installed from a URL came twice, and sorting the
        # pairs compared their entries (a TypeError). The installed one wins, as in newer
        # micropip releases.
        "    packages = dict(sorted({**pyodide_packages, **dict(pip_packages)}.items()))\n",
    ),
]
# The patched wheel says so in its version (a PEP 440 local label).
MICROPIP_LOCAL_LABEL = "pyodide314"


def patch_micropip(wheel: Path, folder: Path) -> Path:
    """Rewrite micropip's wheel with MICROPIP_PATCHES applied and its RECORD updated.

    Fixed timestamps make the bytes, and so the sha256 in the lock, depend on the
    inputs only.
    """
    old_version = wheel.name.split("-")[1]
    version = f"{old_version}+{MICROPIP_LOCAL_LABEL}"
    old_info = f"micropip-{old_version}.dist-info"
    new_info = f"micropip-{version}.dist-info"
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            files[name.replace(old_info, new_info, 1)] = zf.read(name)
    for name, old, new in MICROPIP_PATCHES:
        text = files[name].decode()
        if text.count(old) != 1:
            sys.exit(f"error: {wheel.name}: {name} has changed; update MICROPIP_PATCHES")
        files[name] = text.replace(old, new).encode()
    metadata = files[f"{new_info}/METADATA"].decode()
    files[f"{new_info}/METADATA"] = metadata.replace(
        f"\nVersion: {old_version}\n", f"\nVersion: {version}\n", 1
    ).encode()
    del files[f"{new_info}/RECORD"]
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in files.items():
        b64 = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={b64}", len(data)])
    writer.writerow([f"{new_info}/RECORD", "", ""])
    files[f"{new_info}/RECORD"] = record.getvalue().encode()

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(
                zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"micropip-{version}-py3-none-any.whl"
    write_if_changed(path, buf.getvalue())
    return path


# --------------------------------------------------------------------------
# The lock file
# --------------------------------------------------------------------------


def pyodide_marker_env() -> dict[str, str]:
    """Marker values as seen inside Pyodide, not on this host."""
    env: dict[str, str] = dict(default_environment())  # type: ignore[arg-type]
    env.update(
        python_version=PYODIDE_PYTHON,
        python_full_version=PYODIDE_PYTHON + ".2",
        sys_platform="emscripten",
        platform_system="Emscripten",
        platform_machine="wasm32",
        os_name="posix",
        implementation_name="cpython",
        platform_python_implementation="CPython",
        extra="",
    )
    return env


def wheel_entry(path: Path) -> dict[str, object]:
    """A pyodide-lock.json package entry read from the wheel's own metadata."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        meta = email.parser.BytesParser().parsebytes(zf.read(f"{dist_info}/METADATA"))
        if f"{dist_info}/top_level.txt" in names:
            text = zf.read(f"{dist_info}/top_level.txt").decode()
            imports = sorted({line.strip() for line in text.splitlines() if line.strip()})
        else:
            imports = top_level_from_names(names)

    env = pyodide_marker_env()
    depends = []
    for line in meta.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            depends.append(normalize(req.name))
    return {
        "name": meta["Name"],
        "version": meta["Version"],
        "file_name": path.name,
        "install_dir": "site",
        "sha256": sha256_file(path),
        "package_type": "package",
        "imports": imports,
        "depends": sorted(set(depends)),
        "unvendored_tests": False,
        # The 314 lock has no "shared_library" key: package_type says it.
        "tool": {},
    }


def top_level_from_names(names: list[str]) -> list[str]:
    """Top-level import names of a wheel: its root packages and modules."""
    found = set()
    for name in names:
        first, _, rest = name.partition("/")
        if first.endswith((".dist-info", ".data")) or first == "__pycache__":
            continue
        if rest:  # a file inside a directory: the directory is a package
            found.add(first)
        elif first.endswith(".py"):
            found.add(first[:-3])
        elif first.endswith(".so"):  # e.g. _foo.cpython-314-wasm32-emscripten.so
            found.add(first.split(".")[0])
    return sorted(found)


def rewrite_lock(original: Path, dist: Path, wheels: list[Path]) -> tuple[bytes, int]:
    """Keep entries whose files are in dist, then add one entry per shipped wheel.

    An entry whose file is missing makes Pyodide fall back to the CDN (logged,
    not raised) and the import fails much later, so those are dropped.
    """
    lock = json.loads(original.read_text())
    kept = {k: v for k, v in lock["packages"].items() if (dist / v["file_name"]).exists()}
    dropped = len(lock["packages"]) - len(kept)
    for wheel in wheels:
        entry = wheel_entry(wheel)
        kept[normalize(str(entry["name"]))] = entry
    lock["packages"] = dict(sorted(kept.items()))
    check_dependencies(lock["packages"])
    return (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode(), dropped


def check_dependencies(packages: dict[str, dict[str, object]]) -> None:
    """Every dependency must be in the lock, or Pyodide would try the CDN."""
    problems = [
        f"{name} needs {dep}"
        for name, entry in packages.items()
        for dep in entry["depends"]  # type: ignore[attr-defined]
        if normalize(dep) not in packages
    ]
    if problems:
        sys.exit("error: pyodide-lock.json would be incomplete: " + "; ".join(problems))


# --------------------------------------------------------------------------
# PyScript
# --------------------------------------------------------------------------


def copy_pyscript(dest: Path, report: Report) -> int:
    """Copy @pyscript/core's dist/ (without source maps) to dest; return the files changed.

    Skipped when npm has not installed it (the Pyodide tests do not need it).
    """
    source = PYSCRIPT_NPM / "dist"
    if not source.is_dir():
        report.add("@pyscript/core: not in node_modules (npm install)", "skipped")
        return 0
    version = json.loads((PYSCRIPT_NPM / "package.json").read_text())["version"]
    dest.mkdir(parents=True, exist_ok=True)
    files = [f for f in source.iterdir() if f.is_file() and f.suffix != ".map"]
    changed = sum(copy_if_changed(f, dest / f.name) for f in files)
    wanted = {f.name for f in files}
    for stale in dest.iterdir():
        if stale.is_file() and stale.name not in wanted:
            stale.unlink()
            changed += 1
    report.add(
        f"@pyscript/core@{version} -> {dest.relative_to(ROOT)}", "copied" if changed else "cached"
    )
    return changed


# --------------------------------------------------------------------------
# The demo's memory snapshot
# --------------------------------------------------------------------------

SNAPSHOT_SCRIPT = ROOT / "scripts" / "make_snapshot.mjs"
SNAPSHOT_VERSION = b"2"  # of what this function writes beside the script's output
SNAPSHOT_FILES = ("snapshot.bin.gz", "snapshot.json")


def make_snapshot(dist: Path, report: Report) -> int:
    """Pyodide's memory with pydantic, the client and its chat types imported, made in Node by
    scripts/make_snapshot.mjs, gzipped (a static host serves it as it is); web/snapshot.js
    restores it. Rebuilt when the runtime, the lock (so any wheel) or the script change.
    Without Node there is none, and the page boots as without one.
    """
    node = shutil.which("node")
    if node is None:
        report.add("memory snapshot: Node is not installed", "skipped")
        return sum(remove_if_present(dist / name) for name in SNAPSHOT_FILES)
    digest = hashlib.sha256(SNAPSHOT_VERSION)
    for path in (dist / "pyodide.asm.wasm", dist / "pyodide-lock.json", SNAPSHOT_SCRIPT):
        digest.update(path.read_bytes())
    key = digest.hexdigest()[:16]
    out = CACHE / "snapshot" / key
    state = "cached"
    if not all((out / name).exists() for name in SNAPSHOT_FILES):
        state = "built"
        work = Path(tempfile.mkdtemp(dir=CACHE))
        try:
            run([node, str(SNAPSHOT_SCRIPT), str(dist), str(work / "s.bin"), str(work / "s.json")])
            meta = json.loads((work / "s.json").read_text())
            meta["bytes"] = (work / "s.bin").stat().st_size
            for lib in meta["dynlibs"]:
                lib.update(locate_dynlib(dist, meta["wheels"], lib["path"]))
            lock = json.loads((dist / "pyodide-lock.json").read_text())["packages"]
            sha256 = {entry["file_name"]: entry["sha256"] for entry in lock.values()}
            meta["integrity"] = {
                name: "sha256-" + base64.b64encode(bytes.fromhex(sha256[name])).decode()
                for name in meta["wheels"]
            }
            # mtime=0: the same snapshot gives the same file.
            data = gzip.compress((work / "s.bin").read_bytes(), compresslevel=6, mtime=0)
            (work / "snapshot.bin.gz").write_bytes(data)
            meta["gzipped"] = len(data)
            (work / "snapshot.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
            out.mkdir(parents=True, exist_ok=True)
            for name in SNAPSHOT_FILES:
                os.replace(work / name, out / name)
        finally:
            shutil.rmtree(work)
        # Older snapshots only waste space; a few stay (dist/pyodide-bench has its own).
        for old in sorted(out.parent.iterdir(), key=lambda p: p.stat().st_mtime)[:-3]:
            shutil.rmtree(old)
    size = (out / "snapshot.bin.gz").stat().st_size
    report.add(f"memory snapshot ({size / 1e6:.1f} MB gzipped, {key})", state)
    return sum(copy_if_changed(out / name, dist / name) for name in SNAPSHOT_FILES)


def locate_dynlib(dist: Path, wheels: list[str], path: str) -> dict[str, object]:
    """Where a shared library's bytes are in its wheel, so that the page inflates just them:
    the wheel, the offset of the compressed data and its size (deflate)."""
    for wheel in wheels:
        with zipfile.ZipFile(dist / wheel) as zf:
            for info in zf.infolist():
                if not path.endswith("/" + info.filename):
                    continue
                if info.compress_type != zipfile.ZIP_DEFLATED:
                    sys.exit(f"error: {wheel}: {info.filename} is not deflated")
                with (dist / wheel).open("rb") as f:
                    f.seek(info.header_offset)
                    header = f.read(30)
                name_length, extra_length = struct.unpack("<HH", header[26:30])
                offset = info.header_offset + 30 + name_length + extra_length
                return {"wheel": wheel, "offset": offset, "size": info.compress_size}
    sys.exit(f"error: no wheel of the snapshot holds {path}")


def remove_if_present(path: Path) -> bool:
    if not path.exists():
        return False
    path.unlink()
    return True


# --------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "pyodide")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="NAME==VERSION",
        help="another pinned wheel from PyPI to ship (repeatable); pin its dependencies too",
    )
    args = parser.parse_args()
    extra = {}
    for pin in args.extra:
        name, sep, version = pin.partition("==")
        if not sep or not name or not version:
            parser.error(f"--extra {pin!r}: expected NAME==VERSION")
        extra[name] = version
    dist: Path = args.dist.resolve()

    started = time.monotonic()
    CACHE.mkdir(parents=True, exist_ok=True)
    dist.mkdir(parents=True, exist_ok=True)
    # Several test runs may share this work tree: build one at a time.
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        build(dist, started, {**WHEELS, **extra})


def build(dist: Path, started: float, pins: dict[str, str] = WHEELS) -> None:
    # Left-overs of an interrupted run (we hold the lock, so nobody uses them).
    for leftover in [*CACHE.glob("tmp*"), *dist.glob(".*.tmp")]:
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
    report = Report()

    runtime = fetch_runtime(report)
    wheels = [
        patch_micropip(wheel, CACHE / "patched") if wheel.name.startswith("micropip-") else wheel
        for wheel in fetch_pypi_wheels(report, pins)
    ]
    wheels.append(build_own_wheel(report))

    # The runtime files, as the npm package ships them. The lock is written
    # below, from the npm package's original.
    changed = 0
    for src in sorted(runtime.iterdir()):
        if src.is_file() and src.name != "pyodide-lock.json":
            changed += copy_if_changed(src, dist / src.name)
    for wheel in wheels:
        changed += copy_if_changed(wheel, dist / wheel.name)

    # Wheels from earlier runs (say, our previous version) would only confuse.
    wanted = {w.name for w in wheels}
    for stale in dist.glob("*.whl"):
        if stale.name not in wanted:
            stale.unlink()
            changed += 1

    lock_bytes, dropped = rewrite_lock(runtime / "pyodide-lock.json", dist, wheels)
    changed += write_if_changed(dist / "pyodide-lock.json", lock_bytes)
    changed += make_snapshot(dist, report)
    changed += copy_pyscript(dist.parent / "pyscript", report)

    total = sum(p.stat().st_size for p in dist.iterdir() if p.is_file())
    print(f"{dist.name}: Pyodide {PYODIDE_VERSION} + {len(wheels)} wheels")
    print("\n".join(report.lines))
    print(
        f"  lock: {len(wheels)} packages (dropped {dropped} entries without files); "
        f"{changed} files updated; {total / 1e6:.1f} MB in {dist}; "
        f"{time.monotonic() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
