// The demo page. Python (web/chat_app.py) runs either here, on the page's main thread, or in a
// dedicated Web Worker (chat_worker.js); either way the page talks to it through the same
// bridge and renders what it emits (chat_view.js). The choice is remembered.
import { ChatView, card } from "./chat_view.js";
import { ChatWorker, PageBridge } from "./chat_worker.js";
import { bootPyodide, snapshotChoice } from "./snapshot.js";

const $ = (id) => document.getElementById(id);
const status = (text, state) => { $("status").textContent = text; $("status").dataset.state = state; };

// Settings: the server's demo-config.json, then ?base_url=&model=&mode= in the address. The key
// is kept in memory only, never in localStorage, so it does not outlive the tab.
const defaults = await fetch("demo-config.json").then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
const params = new URLSearchParams(location.search);
$("base-url").value = params.get("base_url") || localStorage.getItem("base_url") || defaults.base_url || "http://127.0.0.1:8787/v1";
$("model").value = params.get("model") || localStorage.getItem("model") || defaults.model || "gpt-4o-mini";
$("api-key").value = defaults.api_key || "";
for (const id of ["base-url", "model"]) {
  $(id).addEventListener("change", () => localStorage.setItem(id.replace("-", "_"), $(id).value));
}
const mode = ["main", "worker"].find((m) => m === (params.get("mode") || localStorage.getItem("mode") || defaults.mode)) ?? "main";
$("mode").value = mode;
document.body.dataset.mode = mode;
$("mode").addEventListener("change", () => {
  // Python is already loaded where it was: start again in the other mode.
  localStorage.setItem("mode", $("mode").value);
  const url = new URL(location.href);
  url.searchParams.delete("mode");
  location.replace(url);
});

const t0 = performance.now();
try {
  const app = mode === "worker" ? await workerApp() : await pageApp();
  wire(app);
  status("Ready", "ready");
} catch (err) {
  status("Failed to load Python", "error");
  const text = err.className ? `${err.className}: ${err.message}` : String(err);
  $("history").append(Object.assign(document.createElement("div"), { className: "msg error", textContent: text }));
  throw err;
}

// Pyodide on this page; chat_app.py runs here.
async function pageApp() {
  const indexURL = new URL("./pyodide/", location.href).href;
  // From the memory snapshot where the network makes it win (see snapshot.js), else a plain boot.
  // By name, so the lock file resolves pydantic and its dependencies from the same folder.
  const { pyodide, from } = await bootPyodide(indexURL, snapshotChoice(), ["async-openai-wasm"]);
  const tBoot = performance.now();
  const source = await fetch("chat_app.py").then((r) => r.text());
  pyodide.FS.writeFile("/home/pyodide/chat_app.py", source);
  const app = pyodide.pyimport("chat_app");
  await app.warm_up();
  const tReady = performance.now();
  document.body.dataset.boot = from;
  $("timing").textContent =
    `Python ready in ${((tReady - t0) / 1000).toFixed(2)} s ` +
    (from === "snapshot"
      ? `(Pyodide from its memory snapshot, with the client imported, ${((tBoot - t0) / 1000).toFixed(2)} s, the app ${((tReady - tBoot) / 1000).toFixed(2)} s)`
      : `(Pyodide and its packages ${((tBoot - t0) / 1000).toFixed(2)} s, the app ${((tReady - tBoot) / 1000).toFixed(2)} s)`);
  return { bridge: new PageBridge(app.page_bridge), compare: app.compare };
}

// Pyodide and chat_app.py in a worker; this page only renders what it posts.
async function workerApp() {
  const bridge = new ChatWorker({ indexURL: "./pyodide/", app: "chat_app.py", snapshot: snapshotChoice() });
  await bridge.ready;
  document.body.dataset.boot = bridge.booted;
  $("timing").textContent = `Python ready in a Web Worker in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
  $("embed-panel").hidden = true; // its Python is chat_app.compare(), on the page
  return { bridge };
}

function wire({ bridge, compare }) {
  const view = new ChatView($("history"));
  const history = [];
  let running = null;
  // The user types their own key into their own page: sending it from here is intended.
  const config = () => ({ api_key: $("api-key").value, api_base: $("base-url").value, dangerously_allow_browser: true });
  const shown = (err) => [`${err.className}: ${err.message}`, err.status];

  async function send(prompt) {
    history.push({ role: "user", content: prompt });
    view.user(prompt);
    const reply = view.reply();
    const args = { config: config(), model: $("model").value, messages: history, tools: $("tools").checked };
    running = bridge.call("reply", args, (event) => reply.receive(event));
    let outcome;
    try {
      outcome = await running.done;
    } catch (err) {
      reply.remove();
      history.pop();
      view.error(...shown(err));
      return "error";
    } finally {
      running = null;
    }
    reply.finish(outcome);
    // A stopped answer stays in the conversation, as far as it got.
    history.push({ role: "assistant", content: reply.text });
    return outcome;
  }

  const busy = (on) => {
    for (const id of ["send", "extract"]) $(id).disabled = on;
    $("prompt").disabled = false;
    $("stop").disabled = !on;
    $("clear").disabled = on;
  };
  busy(false);
  $("prompt").focus();
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("prompt").value.trim();
    if (!text || !$("settings-form").reportValidity()) return;
    $("prompt").value = "";
    busy(true);
    status("Streaming…", "streaming");
    const outcome = await send(text);
    status(outcome === "error" ? "Error (see above)" : outcome === "stopped" ? "Stopped" : "Ready",
           outcome === "error" ? "error" : "ready");
    busy(false);
    $("prompt").focus();
  });
  $("prompt").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("composer").requestSubmit(); }
  });
  $("stop").addEventListener("click", () => running?.stop());
  $("clear").addEventListener("click", () => { history.length = 0; view.clear(); status("Ready", "ready"); });

  // Structured output: the pasted text's contact, as a pydantic model, shown as a card.
  $("extract-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!$("settings-form").reportValidity()) return;
    busy(true);
    $("card").replaceChildren("Extracting…");
    const args = { config: config(), model: $("model").value, text: $("extract-text").value };
    try {
      await bridge.call("extract", args, (found) => $("card").replaceChildren(card(found))).done;
    } catch (err) {
      const [text] = shown(err);
      $("card").replaceChildren(Object.assign(document.createElement("p"), { className: "error", textContent: text }));
    }
    busy(false);
  });

  if (!compare) return;
  $("compare").disabled = false;
  $("embed-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("compare").disabled = true;
    $("similarity").textContent = "Embedding…";
    await compare($("text-a").value, $("text-b").value, $("base-url").value, $("api-key").value);
    $("compare").disabled = false;
  });
}
