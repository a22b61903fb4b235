"""Stored chat completions, conversations and their items, and the newer Responses calls
(input token counts, compaction, resuming a background response's stream) against Prism (the
official spec's mock) over httpx: each response parses into our types, and every request we
recorded validates against the spec's schema for its operation."""

from __future__ import annotations

from async_openai_wasm import Client, RecordingTransport
from async_openai_wasm.types.chat import (
    ChatCompletionDeleted,
    ChatCompletionStoreMessage,
    CreateChatCompletionResponse,
)
from async_openai_wasm.types.conversations import (
    ConversationItemList,
    ConversationResource,
    DeletedConversationResource,
)
from async_openai_wasm.types.responses import (
    CompactResource,
    InputMessageResource,
    TokenCountsResource,
)
from support.spec import operations, validate_recorded
from support.streams import check_response_stream

# Text content: a list of parts fits two branches of the spec's InputItem oneOf (an easy input
# message and an input message), which Prism refuses as ambiguous.
MESSAGE = {"type": "message", "role": "user", "content": "Hi"}


async def test_stored_chat_completions(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    page = await client.chat.list(model="gpt-4o", metadata={"run": "a"}, limit=5, order="desc")
    assert isinstance(page.data[0], CreateChatCompletionResponse)
    completion = await client.chat.retrieve("chatcmpl_1")
    assert isinstance(completion, CreateChatCompletionResponse) and completion.choices
    updated = await client.chat.update("chatcmpl_1", metadata={"run": "b"})
    assert isinstance(updated, CreateChatCompletionResponse)
    deleted = await client.chat.delete("chatcmpl_1")
    assert isinstance(deleted, ChatCompletionDeleted) and deleted.deleted
    messages = await client.chat.list_messages("chatcmpl_1", after="msg_0", limit=2)
    assert isinstance(messages.data[0], ChatCompletionStoreMessage) and messages.data[0].id
    assert operations(transport.requests, prism_url) == [
        ("GET", "/chat/completions?model=gpt-4o&limit=5&order=desc&metadata%5Brun%5D=a"),
        ("GET", "/chat/completions/chatcmpl_1"),
        ("POST", "/chat/completions/chatcmpl_1"),
        ("DELETE", "/chat/completions/chatcmpl_1"),
        ("GET", "/chat/completions/chatcmpl_1/messages?after=msg_0&limit=2"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 5


async def test_conversations_and_items(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    created = await client.conversations.create(items=[MESSAGE], metadata={"topic": "demo"})
    assert isinstance(created, ConversationResource) and created.id
    assert isinstance(await client.conversations.retrieve("conv_1"), ConversationResource)
    updated = await client.conversations.update("conv_1", metadata={"topic": "other"})
    assert isinstance(updated, ConversationResource)
    added = await client.conversations.items.create(
        "conv_1", items=[MESSAGE], include=["message.output_text.logprobs"]
    )
    assert isinstance(added, ConversationItemList) and added.data
    page = await client.conversations.items.list("conv_1", limit=3, order="asc")
    assert isinstance(page.data[0], InputMessageResource)
    item = await client.conversations.items.retrieve("conv_1", "msg_1")
    assert isinstance(item, InputMessageResource) and item.id
    after = await client.conversations.items.delete("conv_1", "msg_1")
    assert isinstance(after, ConversationResource)
    deleted = await client.conversations.delete("conv_1")
    assert isinstance(deleted, DeletedConversationResource) and deleted.deleted
    assert operations(transport.requests, prism_url) == [
        ("POST", "/conversations"),
        ("GET", "/conversations/conv_1"),
        ("POST", "/conversations/conv_1"),
        ("POST", "/conversations/conv_1/items?include%5B%5D=message.output_text.logprobs"),
        ("GET", "/conversations/conv_1/items?limit=3&order=asc"),
        ("GET", "/conversations/conv_1/items/msg_1"),
        ("DELETE", "/conversations/conv_1/items/msg_1"),
        ("DELETE", "/conversations/conv_1"),
    ]
    assert validate_recorded(transport.requests, prism_url) == 8


async def test_input_tokens_compact_and_retrieve_stream(
    recorded: tuple[Client, RecordingTransport], prism_url: str
) -> None:
    client, transport = recorded
    counted = await client.responses.input_tokens(model="gpt-4o", input=[MESSAGE])
    assert isinstance(counted, TokenCountsResource) and counted.input_tokens >= 0
    compacted = await client.responses.compact(model="gpt-4o", input=[MESSAGE])
    assert isinstance(compacted, CompactResource) and compacted.id
    stream = await client.responses.retrieve_stream("resp_1", starting_after=3)
    async with stream:
        events = [event async for event in stream]
    # The same events as a created stream, in the same order, typed the same way.
    check_response_stream(events)
    assert operations(transport.requests, prism_url) == [
        ("POST", "/responses/input_tokens"),
        ("POST", "/responses/compact"),
        ("GET", "/responses/resp_1?stream=true&starting_after=3"),
    ]
    assert transport.requests[2].headers["Accept"] == "text/event-stream"
    assert validate_recorded(transport.requests, prism_url) == 3
