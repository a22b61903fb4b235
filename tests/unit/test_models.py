"""client.models over MockTransport: list (one page), retrieve and delete by quoted id."""

from __future__ import annotations

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    MockTransport,
    NotFoundError,
    OpenAIConfig,
    Request,
    Response,
)
from async_openai_wasm.types.models import DeleteModelResponse, Model

MODEL = {"id": "gpt-4o-mini", "object": "model", "created": 1700000000, "owned_by": "system"}


def client_with(transport: MockTransport) -> Client:
    return Client(OpenAIConfig(api_key="sk-x", api_base="http://mock.test/v1"), transport=transport)


async def test_list_returns_the_whole_list_as_one_page() -> None:
    # Ollama-style entry: no created/owned_by, and a field of its own.
    local = {"id": "llama3:8b", "object": "model", "size": 4661224676}
    transport = MockTransport(
        lambda r: Response.from_json(200, {"object": "list", "data": [MODEL, local]})
    )
    page = await client_with(transport).models.list()
    assert [m.id for m in page.data] == ["gpt-4o-mini", "llama3:8b"]
    assert isinstance(page.data[0], Model) and page.data[0].owned_by == "system"
    assert page.data[1].created is None
    assert page.data[1].model_extra == {"size": 4661224676}
    assert not page.has_more
    (request,) = transport.requests
    assert (request.method, request.url) == ("GET", "http://mock.test/v1/models")


async def test_iterating_the_list_makes_one_request() -> None:
    transport = MockTransport(
        lambda r: Response.from_json(200, {"object": "list", "data": [MODEL]})
    )
    ids = [m.id async for m in client_with(transport).models.list()]
    assert ids == ["gpt-4o-mini"]
    assert len(transport.requests) == 1


async def test_retrieve_quotes_the_model_id_into_the_path() -> None:
    fine_tuned = {**MODEL, "id": "ft:gpt-4o-mini:org/team:custom:abc"}
    transport = MockTransport(lambda r: Response.from_json(200, fine_tuned))
    model = await client_with(transport).models.retrieve("ft:gpt-4o-mini:org/team:custom:abc")
    assert model.id == "ft:gpt-4o-mini:org/team:custom:abc"
    assert transport.requests[0].method == "GET"
    assert transport.requests[0].url == (
        "http://mock.test/v1/models/ft%3Agpt-4o-mini%3Aorg%2Fteam%3Acustom%3Aabc"
    )


async def test_delete_sends_delete_and_returns_the_typed_result() -> None:
    def handler(request: Request) -> Response:
        return Response.from_json(200, {"id": "ft:m", "object": "model", "deleted": True})

    transport = MockTransport(handler)
    result = await client_with(transport).models.delete("ft:m")
    assert isinstance(result, DeleteModelResponse) and result.deleted
    assert (transport.requests[0].method, transport.requests[0].url) == (
        "DELETE",
        "http://mock.test/v1/models/ft%3Am",
    )


@pytest.mark.parametrize("call", ["retrieve", "delete"])
async def test_an_empty_model_id_is_refused_before_sending(call: str) -> None:
    transport = MockTransport(lambda r: Response.from_json(200, MODEL))
    with pytest.raises(InvalidArgumentError, match="model must be a non-empty string"):
        await getattr(client_with(transport).models, call)("")
    assert transport.requests == []


async def test_an_unknown_model_raises_not_found() -> None:
    error = {"error": {"message": "The model 'x' does not exist", "code": "model_not_found"}}
    transport = MockTransport(lambda r: Response.from_json(404, error))
    with pytest.raises(NotFoundError, match="does not exist") as info:
        await client_with(transport).models.retrieve("x")
    assert info.value.code == "model_not_found"
