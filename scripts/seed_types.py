#!/usr/bin/env python3
"""Derive tests/spec/chat_seed.json from the crate's chat types (the Rust seed).

The seed is the crate's ``chat.rs``; tests/unit/test_types_chat.py checks that types.chat has
every struct of it with every field (by wire name) and every enum with every wire value. The
tests read this JSON, so that a clone without the seed beside it runs them all: per item its
kind and name; per struct its fields' wire names (``flatten``: merged into the parent's JSON,
not a key of it); per enum of plain unit variants their wire values (``unit_values``; null for
other enums).

The output is deterministic, so re-running the script on the same seed changes nothing;
``--check`` fails if the committed file is not what the seed gives.

Usage: python3 scripts/seed_types.py [--seed ../shared/seeds/000_d89cac5fd08505ff.txt]
                                     [--out FILE] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from trim_spec import check_current  # scripts/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "000_d89cac5fd08505ff.txt"
DEFAULT_OUT = ROOT / "tests" / "spec" / "chat_seed.json"


class RustItem:
    """A ``pub struct`` or ``pub enum`` of the seed: its serde attributes and body lines."""

    def __init__(self, kind: str, name: str, attrs: list[str], body: list[str]) -> None:
        self.kind, self.name, self.attrs, self.body = kind, name, attrs, body

    def fields(self) -> list[tuple[str, list[str]]]:
        """(wire name, serde attributes) of each field of a struct."""
        out: list[tuple[str, list[str]]] = []
        attrs: list[str] = []
        for line in self.body:
            if line.startswith("#["):
                attrs.append(line)
            elif m := re.match(r"pub (?:r#)?(\w+)\s*:", line):
                rename = re.search(r'rename\s*=\s*"([^"]+)"', " ".join(attrs))
                out.append((rename.group(1) if rename else m.group(1), attrs))
                attrs = []
        return out

    def unit_variant_values(self) -> list[str] | None:
        """Wire values of an enum whose variants are all plain units; None for other enums."""
        enum_attrs = " ".join(self.attrs)
        if "untagged" in enum_attrs or re.search(r"\btag\s*=", enum_attrs):
            return None
        rename_all = re.search(r'rename_all\s*=\s*"([^"]+)"', enum_attrs)
        values: list[str] = []
        attrs: list[str] = []
        for line in self.body:
            if line.startswith("#["):
                attrs.append(line)
                continue
            m = re.fullmatch(r"(\w+),?", line)
            if not m or "untagged" in " ".join(attrs):
                return None
            rename = re.search(r'rename\s*=\s*"([^"]+)"', " ".join(attrs))
            name = m.group(1)
            if rename:
                values.append(rename.group(1))
            elif rename_all and rename_all.group(1) == "lowercase":
                values.append(name.lower())
            elif rename_all and rename_all.group(1) == "snake_case":
                values.append(re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower())
            else:
                values.append(name)
            attrs = []
        return values

    def to_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"kind": self.kind, "name": self.name}
        if self.kind == "struct":
            item["fields"] = [
                {"name": name, "flatten": any("flatten" in a for a in attrs)}
                for name, attrs in self.fields()
            ]
        else:
            item["unit_values"] = self.unit_variant_values()
        return item


def parse_seed(text: str) -> list[RustItem]:
    # The seed has a line number glued to the start of each line.
    lines = [re.sub(r"^\d+", "", line).strip() for line in text.splitlines()]
    items: list[RustItem] = []
    attrs: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#["):
            attrs.append(line)
        elif m := re.match(r"pub (struct|enum) (\w+)", line):
            body: list[str] = []
            i += 1
            while lines[i] != "}":
                if lines[i] and not lines[i].startswith("//"):
                    body.append(lines[i])
                i += 1
            items.append(RustItem(m.group(1), m.group(2), attrs, body))
            attrs = []
        elif line and not line.startswith("//"):
            attrs = []
        i += 1
    return items


def render(seed: Path) -> str:
    items = [item.to_json() for item in parse_seed(seed.read_text(encoding="utf-8"))]
    return json.dumps({"seed": seed.name, "items": items}, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the Rust seed (text)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the derived JSON")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if --out is not up to date"
    )
    args = parser.parse_args(argv)

    if not args.seed.is_file():
        print(f"seed_types: no seed at {args.seed}", file=sys.stderr)
        return 2
    text = render(args.seed)
    if args.check:
        return check_current("seed_types", args.out, text, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    items = json.loads(text)["items"]
    structs = sum(1 for item in items if item["kind"] == "struct")
    print(f"seed_types: {structs} structs, {len(items) - structs} enums -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
