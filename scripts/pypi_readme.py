#!/usr/bin/env python3
"""Write docs/pypi.md, the package's description on PyPI, from README.md.

The description travels in every wheel (its METADATA), and Pyodide downloads the wheel on every
first visit to a page: the whole README made it a fifth larger. So the description is the
README's head (what the package is, a first example, install, configuration; not the commands
of a clone) and the list of what the rest of the README covers; it is derived, never edited by
hand.

Usage: python3 scripts/pypi_readme.py [--check]  (--check: fail if docs/pypi.md is stale)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DESCRIPTION = ROOT / "docs" / "pypi.md"
# The first section the description leaves to the README.
FIRST_LEFT_OUT = "## API groups"


def description(readme: str) -> str:
    head, marker, rest = readme.partition(f"\n{FIRST_LEFT_OUT}\n")
    if not marker:
        raise SystemExit(f"README.md has no {FIRST_LEFT_OUT!r} section")
    # The repository's own commands (a shell block) and what it says of them are for a clone.
    clone_only = re.search(r"\n```sh\n.*?\n(?=```python\n)", head, flags=re.DOTALL)
    if not clone_only:
        raise SystemExit("README.md's head has no ```sh block before its first example")
    head = head[: clone_only.start()] + "\n" + head[clone_only.end() :]
    sections = [FIRST_LEFT_OUT[3:], *re.findall(r"^## (.+)$", rest, flags=re.MULTILINE)]
    listed = "; ".join(section.replace("`", "") for section in sections)
    return (
        f"{head.rstrip()}\n\n## More\n\n"
        f"The README in the source distribution covers the rest: {listed}.\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/pypi.md is stale")
    args = parser.parse_args()
    wanted = description(README.read_text(encoding="utf-8"))
    if args.check:
        if DESCRIPTION.read_text(encoding="utf-8") != wanted:
            print("docs/pypi.md is stale: run scripts/pypi_readme.py", file=sys.stderr)
            return 1
        return 0
    DESCRIPTION.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
