"""The browser key rule: in a page or a worker, a secret key sent to api.openai.com raises
InvalidArgumentError when the client is made, naming the reason and
``dangerously_allow_browser=True``, unless the config sets it; ephemeral keys and other hosts
pass, and Node (like CPython, tests/unit/test_browser_key.py) is not a browser."""

from __future__ import annotations

import json
from typing import Any

from pytest_pyodide import run_in_pyodide

KEY = "sk-proj-browser-0123456789abcdefSECRET"

# (api_key, api_base, dangerously_allow_browser), and whether a browser refuses it.
CONFIGS = [
    (KEY, "https://api.openai.com/v1", False, True),
    (KEY, "https://api.openai.com/v1/", False, True),
    ("not-even-sk-shaped", "https://api.openai.com/v1", False, True),
    (KEY, "https://api.openai.com/v1", True, False),
    ("ek_68af0f0c6e7c8190a8b5a1dc9b0e2f7e", "https://api.openai.com/v1", False, False),
    (KEY, "https://proxy.example.com/v1", False, False),
    (KEY, "http://127.0.0.1:8787/v1", False, False),
    ("", "https://api.openai.com/v1", False, False),
]

# Made in Pyodide: each config's outcome, "ok" or the error's class and message.
CHECK = """
from async_openai_wasm import Client, OpenAIConfig, OpenAIError

def outcomes(configs):
    out = []
    for key, base, allow, _ in configs:
        try:
            Client(OpenAIConfig(api_key=key, api_base=base, dangerously_allow_browser=allow))
        except OpenAIError as exc:
            out.append([type(exc).__name__, str(exc)])
        else:
            out.append("ok")
    return out
"""


@run_in_pyodide(packages=["async-openai-wasm"])
def _outcomes(selenium, check, configs):
    namespace = {}
    exec(check, namespace)
    return namespace["outcomes"](configs)


def assert_rule(outcomes: list[Any], in_browser: bool) -> None:
    assert len(outcomes) == len(CONFIGS)
    for (key, base, allow, refused), outcome in zip(CONFIGS, outcomes, strict=True):
        if not (refused and in_browser):
            assert outcome == "ok", (key, base, allow, outcome)
            continue
        kind, message = outcome
        assert kind == "InvalidArgumentError", outcome
        assert "secret OpenAI API key from a browser page or worker" in message
        assert "dangerously_allow_browser=True" in message
        assert key not in message


WORKER = """
const url = URL.createObjectURL(new Blob([`
  import { loadPyodide } from ${JSON.stringify(base + "/pyodide.mjs")};
  onmessage = async (event) => {
    try {
      const pyodide = await loadPyodide({ indexURL: ${JSON.stringify(base + "/")} });
      await pyodide.loadPackage("async-openai-wasm");
      pyodide.runPython(event.data.check);
      const outcomes = pyodide.globals.get("outcomes");
      const result = outcomes(pyodide.toPy(event.data.configs)).toJs();
      postMessage({ result: JSON.stringify(result) });
    } catch (error) {
      postMessage({ error: String(error) });
    }
  };
`], { type: "text/javascript" }));
const worker = new Worker(url, { type: "module" });
const answer = await new Promise((resolve) => {
  worker.onmessage = (event) => resolve(event.data);
  worker.onerror = (event) => resolve({ error: event.message });
  worker.postMessage({ check, configs });
});
worker.terminate();
return answer;
"""


def test_secret_key_to_openai_refused_in_a_page_and_a_worker_not_in_node(selenium: Any) -> None:
    in_browser = selenium.browser != "node"
    assert_rule(_outcomes(selenium, CHECK, CONFIGS), in_browser=in_browser)
    if not in_browser:
        return
    # The same in a Web Worker of the page (no document there): a Pyodide of its own.
    previous = selenium.script_timeout
    selenium.set_script_timeout(180)
    try:
        answer = selenium.run_js(
            f"const base = {json.dumps(selenium.base_url)};"
            f"const check = {json.dumps(CHECK)};"
            f"const configs = {json.dumps(CONFIGS)};" + WORKER
        )
    finally:
        selenium.set_script_timeout(previous)
    assert "error" not in answer, answer
    assert_rule(json.loads(answer["result"]), in_browser=True)
