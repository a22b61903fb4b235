"""Where requests go and how they authenticate.

``OpenAIConfig`` talks to OpenAI or any OpenAI-compatible server (Ollama, vLLM, OpenRouter,
LiteLLM, ...); ``AzureConfig`` to an Azure OpenAI deployment. A config builds the URL, headers
and query of a request; the request pipeline does the rest.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from .error import InvalidArgumentError, mask_secret

__all__ = [
    "DEFAULT_API_BASE",
    "AzureConfig",
    "Config",
    "OpenAIConfig",
]

DEFAULT_API_BASE = "https://api.openai.com/v1"


class Config(Protocol):
    """What the request pipeline needs from a config."""

    @property
    def api_base(self) -> str: ...

    def url(self, path: str) -> str: ...

    def headers(self) -> dict[str, str]: ...

    def query(self) -> dict[str, str]: ...

    def secrets(self) -> tuple[str, ...]: ...


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


class _KeyedConfig:
    """What both configs do alike: check and normalise the base URL, name their secret."""

    api_base: str
    api_key: str

    def __post_init__(self) -> None:
        _check_base(self.api_base)
        object.__setattr__(self, "api_base", self.api_base.rstrip("/"))

    def secrets(self) -> tuple[str, ...]:
        return (self.api_key,) if self.api_key else ()


@dataclass(frozen=True, repr=False)
class OpenAIConfig(_KeyedConfig):
    """OpenAI or an OpenAI-compatible server.

    Defaults come from ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``OPENAI_ORG_ID``,
    ``OPENAI_PROJECT_ID`` and ``OPENAI_ADMIN_KEY`` where set. ``admin_key`` authenticates the
    organization administration calls (``client.admin``) instead of ``api_key``.
    ``extra_headers`` and ``extra_query`` go with every request (for example OpenRouter's
    ``HTTP-Referer``). In a browser page or worker, a secret key for api.openai.com raises
    :class:`InvalidArgumentError` when the client is made, unless ``dangerously_allow_browser``
    is true.
    """

    api_key: str = field(default_factory=lambda: _env("OPENAI_API_KEY") or "")
    api_base: str = field(default_factory=lambda: _env("OPENAI_BASE_URL") or DEFAULT_API_BASE)
    org_id: str | None = field(default_factory=lambda: _env("OPENAI_ORG_ID"))
    project_id: str | None = field(default_factory=lambda: _env("OPENAI_PROJECT_ID"))
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    extra_query: Mapping[str, str] = field(default_factory=dict)
    dangerously_allow_browser: bool = False
    admin_key: str | None = field(default_factory=lambda: _env("OPENAI_ADMIN_KEY"))

    def url(self, path: str) -> str:
        return f"{self.api_base}{path}"

    def secrets(self) -> tuple[str, ...]:
        return tuple(key for key in (self.api_key, self.admin_key) if key)

    def for_admin(self) -> OpenAIConfig:
        """This config with the admin key as the key it sends, if it has one."""
        return replace(self, api_key=self.admin_key) if self.admin_key else self

    def headers(self) -> dict[str, str]:
        headers = {"OpenAI-Beta": "assistants=v2"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        if self.org_id:
            headers["OpenAI-Organization"] = self.org_id
        if self.project_id:
            headers["OpenAI-Project"] = self.project_id
        headers.update(self.extra_headers)
        return headers

    def query(self) -> dict[str, str]:
        return dict(self.extra_query)

    def __repr__(self) -> str:
        return (
            f"OpenAIConfig(api_base={self.api_base!r}, api_key={mask_secret(self.api_key)!r}, "
            f"org_id={self.org_id!r}, project_id={self.project_id!r}"
            + (f", admin_key={mask_secret(self.admin_key)!r})" if self.admin_key else ")")
        )


@dataclass(frozen=True, repr=False)
class AzureConfig(_KeyedConfig):
    """An Azure OpenAI deployment: ``{api_base}/openai/deployments/{deployment_id}{path}``."""

    api_base: str
    deployment_id: str
    api_version: str
    api_key: str = field(default_factory=lambda: _env("AZURE_OPENAI_API_KEY") or "")
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    extra_query: Mapping[str, str] = field(default_factory=dict)
    dangerously_allow_browser: bool = False

    def url(self, path: str) -> str:
        return f"{self.api_base}/openai/deployments/{self.deployment_id}{path}"

    def headers(self) -> dict[str, str]:
        headers = {"api-key": self.api_key} if self.api_key else {}
        headers.update(self.extra_headers)
        return headers

    def query(self) -> dict[str, str]:
        return {"api-version": self.api_version, **self.extra_query}

    def __repr__(self) -> str:
        return (
            f"AzureConfig(api_base={self.api_base!r}, deployment_id={self.deployment_id!r}, "
            f"api_version={self.api_version!r}, api_key={mask_secret(self.api_key)!r})"
        )


def _check_base(api_base: str) -> None:
    # Caught here, a typo in the base URL names itself instead of surfacing as a vague
    # connection error on the first request.
    from urllib.parse import urlsplit  # see _pipeline.Pipeline.build

    parts = urlsplit(api_base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidArgumentError(
            f"api_base must be an absolute http(s) URL such as {DEFAULT_API_BASE!r}, "
            f"got {api_base!r}"
        )
