// The demo page. Python runs either here, on the page's main thread (Pyodide loads here and
// chat_app.py renders the chat), or in a dedicated Web Worker (chat_worker.js: Pyodide loads
// there and the page only renders the tokens it posts). The choice is remembered.
const $ = (id) => document.getElementById(id);
const SEGMENT_CHARS = 2000; // see workerApp()
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

// Pyodide on this page; chat_app.py (Python) streams into the page.
async function pageApp() {
  const { loadPyodide } = await import("./pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
  const tBoot = performance.now();
  // By name, so the lock file resolves pydantic and its dependencies from the same folder.
  await pyodide.loadPackage(["async-openai-wasm"], { messageCallback: () => {} });
  const source = await fetch("chat_app.py").then((r) => r.text());
  pyodide.FS.writeFile("/home/pyodide/chat_app.py", source);
  const app = pyodide.pyimport("chat_app");
  await app.warm_up();
  const tReady = performance.now();
  $("timing").textContent =
    `Python ready in ${((tReady - t0) / 1000).toFixed(2)} s ` +
    `(Pyodide ${((tBoot - t0) / 1000).toFixed(2)} s, packages and app ${((tReady - tBoot) / 1000).toFixed(2)} s)`;
  return app;
}

// Pyodide in a worker; this page keeps the conversation and renders what the worker posts.
async function workerApp() {
  const { ChatWorker } = await import("./chat_worker.js");
  const worker = new ChatWorker({ indexURL: "./pyodide/" });
  await worker.ready;
  $("timing").textContent = `Python ready in a Web Worker in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
  $("embed-panel").hidden = true; // its Python is chat_app.py's, on the page
  const history = [];
  let running = null;
  const bubble = (kind, text = "") => {
    const element = Object.assign(document.createElement("div"), { className: `msg ${kind}`, textContent: text });
    $("history").append(element);
    element.scrollIntoView({ block: "end" });
    return element;
  };
  return {
    async send(prompt, baseUrl, apiKey, model) {
      history.push({ role: "user", content: prompt });
      bubble("user", prompt);
      const answer = bubble("assistant streaming");
      const pieces = [];
      let segment = answer.appendChild(document.createTextNode(""));
      // The user types their own key into their own page: sending it from here is intended.
      const config = { api_key: apiKey, api_base: baseUrl, dangerously_allow_browser: true };
      running = worker.stream(config, { model, messages: history },
        (piece, chunks) => {
          // A long answer grows in blocks of about 2,000 characters: the browser lays out
          // only the block that changed, where it would lay out one growing text whole on
          // every frame (over 50 ms a frame past about 100 kB).
          if (segment.length >= SEGMENT_CHARS) {
            segment = answer.appendChild(document.createElement("div")).appendChild(document.createTextNode(""));
          }
          segment.appendData(piece);
          pieces.push(piece);
          answer.dataset.chunks = chunks;
        });
      let outcome;
      try {
        outcome = await running.done;
      } catch (err) {
        answer.remove();
        history.pop();
        const shown = bubble("error", `${err.className}: ${err.message}`);
        if (err.status != null) shown.dataset.status = err.status;
        return "error";
      } finally {
        answer.classList.remove("streaming");
        running = null;
      }
      if (outcome === "stopped") {
        answer.classList.add("stopped");
        answer.append(Object.assign(document.createElement("span"), { className: "note", textContent: "stopped" }));
      }
      // A stopped answer stays in the conversation, as far as it got.
      history.push({ role: "assistant", content: pieces.join("") });
      return outcome;
    },
    stop() { running?.stop(); },
    clear() { history.length = 0; $("history").replaceChildren(); },
  };
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
  if (!app.compare) return;
  $("compare").disabled = false;
  $("embed-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("compare").disabled = true;
    $("similarity").textContent = "Embedding…";
    await app.compare($("text-a").value, $("text-b").value, $("base-url").value, $("api-key").value);
    $("compare").disabled = false;
  });
}
