"""List endpoints: a typed page, and an async iterator over every item of every page.

``await client.files.list()`` gives the first :class:`Page`; ``async for f in
client.files.list()`` walks all of them while the server says ``has_more``, asking for the
next page with the cursor the page names: ``next_page`` (usage buckets) or ``next`` (roles,
groups) when it sends one, else the last item's id.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any, Generic, TypeVar

from .error import StreamError
from .types._base import FalseIfNull, ResponseModel

__all__ = ["Page", "Paginator"]

T = TypeVar("T")


class Page(ResponseModel, Generic[T]):
    """One page of a list: ``data`` and the cursor fields the server sent."""

    object: str | None = None
    data: list[T]
    first_id: str | None = None
    last_id: str | None = None
    # Lists that are not paginated (models) send no has_more, some servers null: one page is all.
    has_more: FalseIfNull = False
    next: str | None = None
    next_page: str | None = None

    def next_cursor(self) -> str | None:
        if not self.has_more or not self.data:
            return None
        for cursor in (self.next_page, self.next, self.last_id):
            if cursor:
                return cursor
        last: Any = self.data[-1]
        cursor = getattr(last, "id", None)
        return cursor if isinstance(cursor, str) else None


class Paginator(Generic[T]):
    """Awaitable for the first page; async-iterable for every item of every page."""

    def __init__(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> None:
        self._fetch = fetch

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._fetch(None).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = await self._fetch(cursor)
            yield page
            cursor = page.next_cursor()
            if cursor is None:
                return
            if cursor in seen:
                # A server that hands out a cursor twice would keep this loop going forever.
                raise StreamError(
                    f"the server said has_more but repeated the cursor {cursor!r}; "
                    "stopped instead of looping"
                )
            seen.add(cursor)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.data:
                yield item
