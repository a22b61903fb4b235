// Boots Pyodide from the local folder, installs async-openai-wasm, and hands the page to
// chat_app.py: the chat itself is Python running in this page.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const $ = (id) => document.getElementById(id);
const status = (text, state) => { $("status").textContent = text; $("status").dataset.state = state; };

// Settings: the server's demo-config.json, then ?base_url=&model= in the address. The key is
// kept in memory only, never in localStorage, so it does not outlive the tab.
const defaults = await fetch("demo-config.json").then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
const params = new URLSearchParams(location.search);
$("base-url").value = params.get("base_url") || localStorage.getItem("base_url") || defaults.base_url || "http://127.0.0.1:8787/v1";
$("model").value = params.get("model") || localStorage.getItem("model") || defaults.model || "gpt-4o-mini";
$("api-key").value = defaults.api_key || "";
for (const id of ["base-url", "model"]) {
  $(id).addEventListener("change", () => localStorage.setItem(id.replace("-", "_"), $(id).value));
}

const t0 = performance.now();
let pyodide;
try {
  pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
  const tBoot = performance.now();
  // By name, so the lock file resolves pydantic and its dependencies from the same folder.
  await pyodide.loadPackage(["async-openai-wasm"], { messageCallback: () => {} });
  const source = await fetch("chat_app.py").then((r) => r.text());
  pyodide.FS.writeFile("/home/pyodide/chat_app.py", source);
  const app = pyodide.pyimport("chat_app");
  const tReady = performance.now();
  $("timing").textContent =
    `Python ready in ${((tReady - t0) / 1000).toFixed(2)} s ` +
    `(Pyodide ${((tBoot - t0) / 1000).toFixed(2)} s, packages and app ${((tReady - tBoot) / 1000).toFixed(2)} s)`;
  wire(app);
  status("Ready", "ready");
} catch (err) {
  status("Failed to load Python", "error");
  $("history").append(Object.assign(document.createElement("div"), { className: "msg error", textContent: String(err) }));
  throw err;
}

function wire(app) {
  const busy = (on) => {
    $("send").disabled = on;
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
    const outcome = await app.send(text, $("base-url").value, $("api-key").value, $("model").value);
    status(outcome === "error" ? "Error (see above)" : outcome === "stopped" ? "Stopped" : "Ready",
           outcome === "error" ? "error" : "ready");
    busy(false);
    $("prompt").focus();
  });
  $("prompt").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("composer").requestSubmit(); }
  });
  $("stop").addEventListener("click", () => app.stop());
  $("clear").addEventListener("click", () => { app.clear(); status("Ready", "ready"); });
  $("compare").disabled = false;
  $("embed-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("compare").disabled = true;
    $("similarity").textContent = "Embedding…";
    await app.compare($("text-a").value, $("text-b").value, $("base-url").value, $("api-key").value);
    $("compare").disabled = false;
  });
}
