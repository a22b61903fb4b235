"""Skills: ``client.skills.create/retrieve/update/list/delete`` and ``.content(id)`` (the
skill's zip), and a skill's versions (``client.skills.versions``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from .._args import (
    CallOptions,
    Order,
    path_segment,
    split_body,
    wire_query,
)
from .._files import multipart_form
from .._pagination import Paginator
from ..types.skills import (
    CreateSkillBody,
    CreateSkillVersionBody,
    DeletedSkillResource,
    DeletedSkillVersionResource,
    ListSkillsQuery,
    ListSkillVersionsQuery,
    SetDefaultSkillVersionBody,
    SkillResource,
    SkillVersionResource,
)
from ._base import APIGroup

__all__ = ["SkillVersions", "Skills"]


def _skill_path(skill_id: str) -> str:
    return f"/skills/{path_segment(skill_id, 'skill_id')}"


def _version_path(skill_id: str, version: str) -> str:
    return f"{_skill_path(skill_id)}/versions/{path_segment(version, 'version')}"


class Skills(APIGroup):
    """Skills: folders of instructions, scripts and resources a model can use in a container."""

    @property
    def versions(self) -> SkillVersions:
        """The versions of a skill."""
        return SkillVersions(self._pipeline)

    async def create(
        self,
        request: CreateSkillBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> SkillResource:
        """Uploads a skill (multipart form data): ``files`` is one zip file, or a list of the
        directory's files (each named by its path, with a ``SKILL.md`` at the top)."""
        body, options = split_body(CreateSkillBody, request, fields)
        return await self._pipeline.json(
            "POST", "/skills", SkillResource, body=multipart_form(body), options=options
        )

    async def retrieve(self, skill_id: str, **options: Unpack[CallOptions]) -> SkillResource:
        """Retrieves a skill."""
        return await self._pipeline.json(
            "GET", _skill_path(skill_id), SkillResource, options=options
        )

    async def update(
        self,
        skill_id: str,
        request: SetDefaultSkillVersionBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> SkillResource:
        """Sets which version of a skill is its ``default_version``."""
        body, options = split_body(SetDefaultSkillVersionBody, request, fields)
        return await self._pipeline.json(
            "POST", _skill_path(skill_id), SkillResource, body=body, options=options
        )

    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[SkillResource]:
        """Lists skills: ``await`` it for the first page, or ``async for`` over it for every
        skill of every page."""
        query = wire_query(ListSkillsQuery, {"limit": limit, "order": order, "after": after})
        return self._pipeline.page("/skills", SkillResource, query=query, options=options)

    async def delete(self, skill_id: str, **options: Unpack[CallOptions]) -> DeletedSkillResource:
        """Deletes a skill and all its versions."""
        return await self._pipeline.json(
            "DELETE", _skill_path(skill_id), DeletedSkillResource, options=options
        )

    async def content(self, skill_id: str, **options: Unpack[CallOptions]) -> bytes:
        """Downloads the default version of a skill, as the bytes of a zip file."""
        return await self._pipeline.content(
            "GET", f"{_skill_path(skill_id)}/content", options=options
        )


class SkillVersions(APIGroup):
    """Versions of a skill: each upload is an immutable version."""

    async def create(
        self,
        skill_id: str,
        request: CreateSkillVersionBody | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> SkillVersionResource:
        """Uploads a new version of a skill (multipart form data, ``files`` as for
        ``client.skills.create``); ``default=True`` makes it the default version."""
        body, options = split_body(CreateSkillVersionBody, request, fields)
        return await self._pipeline.json(
            "POST",
            f"{_skill_path(skill_id)}/versions",
            SkillVersionResource,
            body=multipart_form(body),
            options=options,
        )

    async def retrieve(
        self, skill_id: str, version: str, **options: Unpack[CallOptions]
    ) -> SkillVersionResource:
        """Retrieves a version of a skill (``version`` is its number, as a string)."""
        return await self._pipeline.json(
            "GET", _version_path(skill_id, version), SkillVersionResource, options=options
        )

    def list(
        self,
        skill_id: str,
        *,
        limit: int | None = None,
        order: Order | None = None,
        after: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Paginator[SkillVersionResource]:
        """Lists a skill's versions: ``await`` it for the first page, or ``async for`` over
        it for every version."""
        fields = {"limit": limit, "order": order, "after": after}
        query = wire_query(ListSkillVersionsQuery, fields)
        return self._pipeline.page(
            f"{_skill_path(skill_id)}/versions",
            SkillVersionResource,
            query=query,
            options=options,
        )

    async def delete(
        self, skill_id: str, version: str, **options: Unpack[CallOptions]
    ) -> DeletedSkillVersionResource:
        """Deletes a version of a skill."""
        return await self._pipeline.json(
            "DELETE", _version_path(skill_id, version), DeletedSkillVersionResource, options=options
        )

    async def content(self, skill_id: str, version: str, **options: Unpack[CallOptions]) -> bytes:
        """Downloads a version of a skill, as the bytes of a zip file."""
        return await self._pipeline.content(
            "GET", f"{_version_path(skill_id, version)}/content", options=options
        )
