"""The demo's chat as a PyScript script (web/pyscript.html).

chat_app.py, which the main page uses too, streams the answer with ``client.chat.stream``;
chat_view.js, the main page's too, renders it as Markdown; this script wires the page's
controls to them with PyScript's ``when``. pyscript.json installs the package by name, copies
chat_app.py next to this script and imports chat_view.js.
"""

import asyncio

from async_openai_wasm import OpenAIError

# isort: split
# After the package, which chat_app needs as much as pydantic: a page without it says so.
import chat_app
from pyodide.http import pyfetch
from pyscript import document, when, window
from pyscript.js_modules import chat_view


def element(id_: str):
    return document.getElementById(id_)


def status(text: str, state: str) -> None:
    element("status").textContent = text
    element("status").dataset.state = state


def busy(on: bool) -> None:
    element("send").disabled = on
    element("prompt").disabled = False
    element("stop").disabled = not on
    element("clear").disabled = on


# Settings: the server's demo-config.json, then ?base_url=&model= in the address.
response = await pyfetch("demo-config.json")  # noqa: F704 (PyScript runs the script as async)
defaults = await response.json() if response.ok else {}  # noqa: F704
params = window.URLSearchParams.new(window.location.search)
element("base-url").value = (
    params.get("base_url") or defaults.get("base_url") or "http://127.0.0.1:8787/v1"
)
element("model").value = params.get("model") or defaults.get("model") or "gpt-4o-mini"
element("api-key").value = defaults.get("api_key", "")


view = chat_view.ChatView.new(element("history"))
history: list[dict[str, str]] = []
# The running send, referenced so that it is not garbage-collected while it streams, and the
# reply it streams (Stop cancels it, which aborts the fetch).
sending: asyncio.Task | None = None
replying: asyncio.Task | None = None


@when("submit", "#composer")
def on_submit(event) -> None:
    # Synchronous: a coroutine handler would start after the browser had submitted the form.
    global sending
    event.preventDefault()
    if sending is None:
        sending = asyncio.ensure_future(send())


async def send() -> None:
    global sending
    try:
        await send_prompt()
    finally:
        sending = None


async def send_prompt() -> None:
    text = element("prompt").value.strip()
    if not text or not element("settings-form").reportValidity():
        return
    element("prompt").value = ""
    busy(True)
    status("Streaming…", "streaming")
    outcome = await reply_to(text)
    labels = {"error": ("Error (see above)", "error"), "stopped": ("Stopped", "ready")}
    status(*labels.get(outcome, ("Ready", "ready")))
    busy(False)
    element("prompt").focus()


async def reply_to(text: str) -> str:
    """Streams the reply to the conversation plus ``text``: "done", "stopped" or "error"."""
    global replying
    history.append({"role": "user", "content": text})
    view.user(text)
    reply = view.reply()
    config = {
        "api_key": element("api-key").value,
        "api_base": element("base-url").value,
        "dangerously_allow_browser": True,  # the user's own key, typed into their own page
    }
    replying = asyncio.ensure_future(
        chat_app.reply(
            chat_app.to_page(reply.receive),
            config=config,
            model=element("model").value,
            messages=history,
        )
    )
    outcome = "done"
    try:
        await replying
    except asyncio.CancelledError:
        outcome = "stopped"
    except OpenAIError as exc:
        reply.remove()
        history.pop()
        view.error(f"{type(exc).__name__}: {exc}", getattr(exc, "status_code", None))
        return "error"
    finally:
        replying = None
    reply.finish(outcome)
    # A stopped answer stays in the conversation, as far as it got.
    history.append({"role": "assistant", "content": reply.text})
    return outcome


@when("keydown", "#prompt")
def enter_sends(event) -> None:
    if event.key == "Enter" and not event.shiftKey:
        event.preventDefault()
        element("composer").requestSubmit()


@when("click", "#stop")
def stop(event) -> None:
    if replying is not None:
        replying.cancel()


@when("click", "#clear")
def clear(event) -> None:
    history.clear()
    view.clear()
    status("Ready", "ready")


await chat_app.warm_up()  # noqa: F704
busy(False)
status("Ready", "ready")
