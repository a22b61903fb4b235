"""The models, completions, embeddings, moderations, images and audio groups on the client:
each is loaded on first use, with its own types and no other group's."""

from __future__ import annotations

import pytest

from support.lazy import first_use

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
    loaded = first_use(group)
    assert loaded.module not in loaded.before
    assert loaded.module in loaded.after
    assert loaded.types == OWN_TYPES[group]
    assert loaded.group_class == group.capitalize()
