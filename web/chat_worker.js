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
//
// With app: "my_app.py", the worker imports that file and serves the functions in its
// FUNCTIONS: worker.call("reply", { ...args }, (event) => render(event)) runs one, like a chat.
// PageBridge is the same bridge without a worker, for Python running on the page.

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

/** The page's side of the bridge: starts chats and calls, routes what comes back by id. */
class Bridge {
  #chats = new Map();
  #nextId = 1;

  /**
   * Starts a chat.completions stream. config: OpenAIConfig's fields; request:
   * chat.create_stream's fields. onTokens(text, chunks) gets the text that arrived since the
   * last call and the number of content chunks so far.
   */
  stream(config, request, onTokens) {
    return this.#start({ type: "chat", config, request }, { onTokens });
  }

  /**
   * Runs one of the functions the Python side serves (async_openai_wasm.worker's "call"):
   * onEvent(event) gets what it emits, its tokens as {type: "tokens", text, chunks}.
   */
  call(name, args, onEvent) {
    const onTokens = (text, chunks) => onEvent({ type: "tokens", text, chunks });
    return this.#start({ type: "call", function: name, args }, { onTokens, onEvent });
  }

  #start(message, handlers) {
    const id = this.#nextId++;
    const done = new Promise((resolve, reject) => this.#chats.set(id, { resolve, reject, ...handlers }));
    this.send({ ...message, id });
    return { id, done, stop: () => this.send({ type: "stop", id }) };
  }

  /** Waits for the message that says the Python side is ready (id null). */
  waitReady() {
    return new Promise((resolve, reject) => this.#chats.set(null, { resolve, reject }));
  }

  /** A message from the Python side. */
  receive(message) {
    const chat = this.#chats.get(message.id);
    if (!chat) return;
    if (message.type === "tokens") {
      chat.onTokens?.(message.text, message.chunks);
      return;
    }
    if (message.type === "event") {
      chat.onEvent?.(message.event);
      return;
    }
    this.#chats.delete(message.id);
    if (message.type === "error") chat.reject(new ChatWorkerError(message.error));
    else chat.resolve(message.type); // "ready", "done" or "stopped"
  }

  /** Fails whatever waits (the worker itself failed). */
  failAll(error) {
    for (const chat of this.#chats.values()) chat.reject(error);
    this.#chats.clear();
  }
}

export class ChatWorker extends Bridge {
  #worker;

  /**
   * indexURL: Pyodide's folder (relative URLs are resolved against the page).
   * packages: what micropip installs in the worker before it serves.
   * app: a Python file (URL) imported in the worker; calls run the functions of its FUNCTIONS.
   * snapshot: "always" or "if-fast" boots from the memory snapshot in indexURL (snapshot.js)
   * where there is one that fits; the packages it holds are not installed again. Once ready,
   * `booted` says how it went: "snapshot" or "boot".
   */
  constructor({ indexURL, packages = ["async-openai-wasm"], app = null, snapshot = "never", workerURL = import.meta.url }) {
    super();
    this.#worker = new Worker(workerURL, { type: "module" });
    this.ready = this.waitReady();
    this.booted = null;
    this.#worker.addEventListener("message", (event) => {
      if (event.data?.type === "ready") this.booted = event.data.booted;
      this.receive(event.data);
    });
    // A worker that fails outside Python (its script, a crash) fails whatever waits on it.
    this.#worker.addEventListener("error", (event) => {
      this.failAll(new ChatWorkerError({ class: "WorkerError", message: event.message || "the worker failed" }));
    });
    const resolve = (url) => (url === null ? null : new URL(url, location.href).href);
    this.#worker.postMessage({ type: "init", indexURL: resolve(indexURL), packages, app: resolve(app), snapshot });
  }

  send(message) {
    this.#worker.postMessage(message);
  }

  terminate() {
    this.#worker.terminate();
  }
}

/**
 * The same bridge without a worker, for Python on the page: connect(receive) is the Python
 * side's, e.g. chat_app.page_bridge, and returns the function that takes the page's messages.
 */
export class PageBridge extends Bridge {
  #handle;

  constructor(connect) {
    super();
    this.#handle = connect((message) => this.receive(message));
    this.ready = Promise.resolve();
  }

  send(message) {
    this.#handle(message);
  }
}

// ---------------------------------------------------------------------------- in the worker

async function start({ indexURL, packages, app, snapshot }) {
  try {
    // snapshot.js only when asked for: without it this file needs no other.
    const { pyodide, from: booted } = snapshot !== "never"
      ? await (await import("./snapshot.js")).bootPyodide(indexURL, snapshot)
      : { pyodide: await (await import(new URL("pyodide.mjs", indexURL).href)).loadPyodide({ indexURL }), from: "boot" };
    const missing = packages.filter((name) => !(name in pyodide.loadedPackages));
    if (missing.length) {
      await pyodide.loadPackage("micropip", { messageCallback: () => {} });
      await pyodide.pyimport("micropip").install(pyodide.toPy(missing));
    }
    let functions = null;
    if (app) {
      const name = new URL(app).pathname.split("/").pop().replace(/\.py$/, "");
      pyodide.FS.writeFile(`/home/pyodide/${name}.py`, await fetch(app).then((r) => r.text()));
      functions = pyodide.pyimport(name).FUNCTIONS;
    }
    pyodide.pyimport("async_openai_wasm.worker").serve.callKwargs({ functions });
    // The chat types, built now rather than at the first message.
    await pyodide.pyimport("async_openai_wasm").preload("chat");
    postMessage({ type: "ready", id: null, booted });
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
