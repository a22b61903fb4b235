// The worker bridge: streams chat answers from a dedicated Web Worker running Pyodide, so that
// the page only renders. This one module is both halves: the page imports ChatWorker from it,
// and ChatWorker starts it again as the worker's own script (a module worker: Pyodide 314
// refuses classic ones). In the worker, async_openai_wasm.worker.serve() answers the messages.
//
//   const worker = new ChatWorker({ indexURL: "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/" });
//   await worker.ready;
//   const chat = worker.stream({ api_key, api_base }, { model, messages }, (text) => out.append(text));
//   stopButton.onclick = () => chat.stop();          // aborts the fetch in the worker
//   const outcome = await chat.done;                 // "done" or "stopped"; rejects with a ChatWorkerError

const IN_WORKER = typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope;

/** An error from the worker: the Python exception's class name, message and HTTP status. */
export class ChatWorkerError extends Error {
  constructor({ class: className, message, status = null }) {
    super(message);
    this.name = "ChatWorkerError";
    this.className = className;
    this.status = status;
  }
}

export class ChatWorker {
  #worker;
  #chats = new Map();
  #nextId = 1;

  /**
   * indexURL: Pyodide's folder (relative URLs are resolved against the page).
   * packages: what micropip installs in the worker before it serves.
   */
  constructor({ indexURL, packages = ["async-openai-wasm"], workerURL = import.meta.url }) {
    this.#worker = new Worker(workerURL, { type: "module" });
    this.ready = new Promise((resolve, reject) => {
      this.#chats.set(null, { resolve, reject, onTokens: null });
    });
    this.#worker.addEventListener("message", (event) => this.#receive(event.data));
    // A worker that fails outside Python (its script, a crash) fails whatever waits on it.
    this.#worker.addEventListener("error", (event) => {
      const error = new ChatWorkerError({ class: "WorkerError", message: event.message || "the worker failed" });
      for (const chat of this.#chats.values()) chat.reject(error);
      this.#chats.clear();
    });
    this.#worker.postMessage({ type: "init", indexURL: new URL(indexURL, location.href).href, packages });
  }

  /**
   * Starts a chat.completions stream in the worker. config: OpenAIConfig's fields; request:
   * chat.create_stream's fields. onTokens(text, chunks) gets the text that arrived since the
   * last call and the number of content chunks so far.
   */
  stream(config, request, onTokens) {
    const id = this.#nextId++;
    const done = new Promise((resolve, reject) => this.#chats.set(id, { resolve, reject, onTokens }));
    this.#worker.postMessage({ type: "chat", id, config, request });
    return { id, done, stop: () => this.#worker.postMessage({ type: "stop", id }) };
  }

  terminate() {
    this.#worker.terminate();
  }

  #receive(message) {
    const chat = this.#chats.get(message.id);
    if (!chat) return;
    if (message.type === "tokens") {
      chat.onTokens?.(message.text, message.chunks);
      return;
    }
    this.#chats.delete(message.id);
    if (message.type === "error") chat.reject(new ChatWorkerError(message.error));
    else chat.resolve(message.type); // "ready", "done" or "stopped"
  }
}

// ---------------------------------------------------------------------------- in the worker

async function start({ indexURL, packages }) {
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const pyodide = await loadPyodide({ indexURL });
    await pyodide.loadPackage("micropip", { messageCallback: () => {} });
    await pyodide.pyimport("micropip").install(pyodide.toPy(packages));
    pyodide.pyimport("async_openai_wasm.worker").serve();
    // The chat types, built now rather than at the first message.
    await pyodide.pyimport("async_openai_wasm").preload("chat");
    postMessage({ type: "ready", id: null });
  } catch (err) {
    // A Python exception carries its class name in .type.
    const error = { class: err.type ?? err.name ?? "Error", message: String(err.message ?? err), status: null };
    postMessage({ type: "error", id: null, error });
  }
}

if (IN_WORKER) {
  addEventListener("message", function init(event) {
    if (event.data?.type !== "init") return;
    // From now on the messages are Python's (serve() listens to them).
    removeEventListener("message", init);
    start(event.data);
  });
}
