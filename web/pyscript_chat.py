"""The demo's chat as a PyScript script (web/pyscript.html).

chat_app.py, which the main page uses too, streams the answer into the page; this script
wires the page's controls to it with PyScript's ``when``. pyscript.json installs the package
by name and copies chat_app.py next to this script.
"""

import asyncio

import chat_app
from pyodide.http import pyfetch
from pyscript import document, when, window


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


# The running send, referenced so that it is not garbage-collected while it streams.
sending: asyncio.Task | None = None


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
    outcome = await chat_app.send(
        text, element("base-url").value, element("api-key").value, element("model").value
    )
    labels = {"error": ("Error (see above)", "error"), "stopped": ("Stopped", "ready")}
    status(*labels.get(outcome, ("Ready", "ready")))
    busy(False)
    element("prompt").focus()


@when("keydown", "#prompt")
def enter_sends(event) -> None:
    if event.key == "Enter" and not event.shiftKey:
        event.preventDefault()
        element("composer").requestSubmit()


@when("click", "#stop")
def stop(event) -> None:
    chat_app.stop()


@when("click", "#clear")
def clear(event) -> None:
    chat_app.clear()
    status("Ready", "ready")


await chat_app.warm_up()  # noqa: F704
busy(False)
status("Ready", "ready")
