# With pytest-pyodide: the code under test runs in Pyodide, the test on the host.
from pytest_pyodide import run_in_pyodide


@run_in_pyodide(packages=["async-openai-wasm"])
async def stream_answer(selenium, base_url, question):
    from async_openai_wasm import Client, OpenAIConfig  # runs in Pyodide: imports go here

    client = Client(OpenAIConfig(api_key="sk-test", api_base=base_url))
    stream = await client.chat.create_stream(
        model="gpt-4o-mini", messages=[{"role": "user", "content": question}]
    )
    async with stream:
        return [chunk.choices[0].delta.content async for chunk in stream if chunk.choices]


def test_streamed_answer(selenium, mock_openai):
    mock_openai.reply(chunks=["Bon", "jour", " !"])
    deltas = stream_answer(selenium, mock_openai.base_url, "Say hello in French")
    assert "".join(d for d in deltas if d) == "Bonjour !"
    sent = mock_openai.last("/v1/chat/completions")
    assert sent.body["stream"] is True
    assert sent.body["messages"][0]["content"] == "Say hello in French"
