// Boots Pyodide from the memory snapshot that scripts/build_pyodide.py makes (in Node, with
// scripts/make_snapshot.mjs): pydantic, the client and its chat and embeddings types already
// imported and built. Restoring that memory replaces starting Python and importing them, most of
// the time to a first token when bytes cost little; but the snapshot is 9.5 MB gzipped (38 MB
// of memory, mostly Python's heap) on top of the runtime's 13.4 MB, dear on a slow network. So
// the page judges the line by how fast the runtime's own script came, and on a slow one boots as
// without a snapshot.
//
// What a snapshot does not hold, this puts back: the files of the wheels (modules imported
// later read them), and pydantic-core's shared library, a WebAssembly instance of its own whose
// data and function-table slots the snapshot's memory points into: it is instantiated again at
// the same places before Python runs, then the memory is copied back over what its start-up
// wrote. Anything that does not match (another Pyodide build, another table layout) throws, and
// the caller boots without the snapshot.

// The snapshot pays where its download takes less than the CPU a restore saves (starting
// Python, importing pydantic and the client: some 3.5 s on an idle fast machine, more on a slow
// one). Measured on DevTools-emulated lines, always against never: it won at 50 and 20 Mbit/s,
// lost at 10 and 5. The page judges the line by how pyodide.asm.mjs came (Resource Timing: its
// 1.3 MB are needed either way and come first, alone). So short a download reads low on a fast
// line (on an idle machine about 16-26 Mbit/s at 50, 14 at 20, 8 at 10, 4.6 at 5; lower when
// the machine is busy), so the line is judged on that scale.
const KEEP_FROM_MBITS = 11;

/** Thrown when the network is too slow for the snapshot to pay off. */
export class SnapshotTooSlow extends Error {}

/**
 * The address's say: ?snapshot=1 "always", ?snapshot=0 "never", else "if-fast": the page keeps
 * the snapshot only on a line fast enough for it to pay off (see KEEP_FROM_MBITS).
 */
export function snapshotChoice() {
  const asked = new URLSearchParams(location.search).get("snapshot");
  return asked === null ? "if-fast" : asked === "0" ? "never" : "always";
}

/**
 * Pyodide from indexURL with `packages` (names in its lock file, with their dependencies)
 * loaded: from its snapshot as `choice` says (see snapshotChoice), else a plain boot; also when
 * the snapshot does not fit this runtime, which the console is told. `from`: "snapshot" or "boot".
 */
export async function bootPyodide(indexURL, choice, packages = []) {
  const base = new URL(indexURL, location.href).href;
  // The runtime's scripts are needed either way: loadPyodide finds them imported.
  const asmURL = new URL("pyodide.asm.mjs", base).href;
  const loader = import(new URL("pyodide.mjs", base).href);
  const runtime = Promise.all([loader, import(asmURL)]);
  runtime.catch(() => {});
  let pyodide = null;
  let from = "snapshot";
  if (choice !== "never") {
    try {
      const meta = fetchJSON(new URL("snapshot.json", base));
      meta.catch(() => {});
      if (choice === "if-fast") {
        const mbits = lineMbits(await resourceTiming(asmURL, runtime));
        // Unknown (another origin without Timing-Allow-Origin): the cautious choice.
        if (mbits === null) throw new SnapshotTooSlow("the browser does not tell how fast the runtime's script came");
        if (mbits < KEEP_FROM_MBITS) {
          throw new SnapshotTooSlow(`the runtime's script came at ${mbits.toFixed(1)} Mbit/s, under ${KEEP_FROM_MBITS}`);
        }
      }
      pyodide = await loadPyodideFromSnapshot(base, runtime, await meta);
    } catch (err) {
      const log = err instanceof SnapshotTooSlow ? console.info : console.warn;
      log(`Booting Python without its memory snapshot: ${err.message ?? err}`);
    }
  }
  if (pyodide === null) {
    pyodide = await bootWithPackages(base, (await loader).loadPyodide, packages);
    from = "boot";
  }
  // What the snapshot did not bring.
  await pyodide.loadPackage(packages, { messageCallback: () => {} });
  return { pyodide, from };
}

/**
 * A plain boot that downloads the wheels of `packages` while Python starts, from the moment the
 * runtime's wasm has come (before, they would share the line with it), rather than after Python
 * is up. For that, the page's fetch is wrapped until the packages are in: the runtime's fetch of
 * its wasm is watched to its end, and loadPackage's fetches of the wheels get those responses.
 */
async function bootWithPackages(base, loadPyodide, packages) {
  const lock = fetchJSON(new URL("pyodide-lock.json", base));
  lock.catch(() => {}); // loadPyodide reports it
  const wasmURL = new URL("pyodide.asm.wasm", base).href;
  let wasmIn;
  const wasmCame = new Promise((resolve) => (wasmIn = resolve));
  const early = Promise.all([lock, wasmCame]).then(([{ packages: entries }]) => {
    const responses = new Map();
    for (const entry of closure(entries, packages)) {
      const url = new URL(entry.file_name, base).href;
      const response = fetch(url, { integrity: `sha256-${hexToBase64(entry.sha256)}` });
      response.catch(() => {}); // loadPackage's use of it reports the failure
      responses.set(url, response);
    }
    return responses;
  });
  early.catch(() => {});
  let ready = new Map();
  early.then((responses) => (ready = responses));
  const fetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : new URL(input, location.href).href;
    if (url === wasmURL) return fetch(input, init).then((response) => watched(response, wasmIn));
    // Each early response answers the first fetch of its URL, once.
    const response = ready.get(url);
    ready.delete(url);
    return response ?? fetch(input, init);
  };
  try {
    const pyodide = await loadPyodide({ indexURL: base, lockFileContents: lock, packageBaseUrl: base });
    performance.mark("pyodide-started"); // Python is up; the packages come next
    wasmIn(); // if the runtime did not ask for its wasm through fetch
    await early;
    await pyodide.loadPackage(packages, { messageCallback: () => {} });
    return pyodide;
  } finally {
    globalThis.fetch = fetch;
  }
}

/** `response` as it is, but `ended` is called once its body has come. */
function watched(response, ended) {
  if (!response.ok || !response.body) {
    ended();
    return response;
  }
  const [counted, passed] = response.body.tee();
  (async () => {
    const reader = counted.getReader();
    while (!(await reader.read()).done);
  })().finally(ended);
  const { status, statusText, headers } = response;
  return new Response(passed, { status, statusText, headers });
}

/** The lock-file entries of `names` and of everything they depend on. */
function closure(entries, names) {
  const found = new Map();
  const visit = (name) => {
    const key = name.toLowerCase().replace(/[-_.]+/g, "-");
    if (found.has(key) || !entries[key]) return;
    found.set(key, entries[key]);
    entries[key].depends.forEach(visit);
  };
  names.forEach(visit);
  return [...found.values()];
}

function hexToBase64(hex) {
  return btoa(String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16))));
}

/** The Resource Timing entry of `url` once its response has ended (null if the browser keeps none). */
function resourceTiming(url, loaded) {
  return new Promise((resolve) => {
    const settle = () => {
      const [entry] = performance.getEntriesByName(url, "resource");
      if (entry) {
        observer.disconnect();
        resolve(entry);
      }
      return entry;
    };
    // Called as the response ends, before the script is evaluated.
    const observer = new PerformanceObserver(settle);
    observer.observe({ type: "resource" });
    if (!settle()) loaded.finally(() => settle() || (observer.disconnect(), resolve(null)));
  });
}

/** The rate `entry` came at, in Mbit/s; null when unknown (no sizes: another origin). From the HTTP cache: Infinity. */
function lineMbits(entry) {
  if (!entry || !entry.encodedBodySize) return null;
  if (!entry.transferSize) return Infinity;
  return (entry.encodedBodySize * 8) / 1000 / Math.max(entry.responseEnd - entry.responseStart, 1);
}

/**
 * Pyodide restored from the snapshot `meta` describes (snapshot.json) in `base` once `runtime`
 * (the imports of pyodide.mjs and pyodide.asm.mjs) is in; throws if it does not fit.
 */
export async function loadPyodideFromSnapshot(base, runtime, meta) {
  // All at once: the snapshot and the wheels here, the runtime's wasm by loadPyodide.
  const memory = gunzip(fetch(new URL("snapshot.bin.gz", base)));
  const wheels = new Map(
    meta.wheels.map((name) => [name, bytesOf(fetch(new URL(name, base), { integrity: meta.integrity[name] }))]),
  );
  const dynlibs = Promise.all(
    meta.dynlibs.map(async (lib) => {
      const wheel = await wheels.get(lib.wheel);
      const inflated = await inflateRaw(wheel.subarray(lib.offset, lib.offset + lib.size));
      return { ...lib, module: await WebAssembly.compile(inflated) };
    }),
  );
  for (const promise of [memory, dynlibs, ...wheels.values()]) promise.catch(() => {});

  const [{ loadPyodide }, { default: createModule }] = await runtime;
  // loadPyodide would wait for the snapshot before it compiles the runtime: it gets a
  // placeholder, and the runtime's module, compiled meanwhile, restores the real one.
  const createPyodideModule = async (settings) => {
    const module = await createModule(settings);
    const [snapshot, libs] = await Promise.all([memory, dynlibs]);
    const restore = module.API.restoreSnapshot;
    module.API.restoreSnapshot = () => {
      const image = snapshot.subarray(new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1]);
      // The runtime starts with less memory than the snapshot grew to.
      if (module.HEAP8.length < image.length && !module._emscripten_resize_heap(image.length)) {
        throw new Error(`cannot grow the memory to the snapshot's ${image.length} bytes`);
      }
      const config = restore(snapshot);
      for (const lib of libs) reload(module, lib);
      if (module.wasmTable.length !== meta.tableLength) {
        throw new Error(`the function table has ${module.wasmTable.length} slots, the snapshot's ${meta.tableLength}`);
      }
      module.HEAP8.set(image); // what the libraries' start-up wrote, back as it was
      return config;
    };
    return module;
  };
  const placeholder = new Uint8Array(0);
  const pyodide = await loadPyodide({ indexURL: base, _loadSnapshot: placeholder, createPyodideModule });

  // The wheels' files, where loadPackage would put them; then Python forgets the directory
  // listings the snapshot remembers, and draws its own random numbers.
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const [name, bytes] of wheels) {
    pyodide.unpackArchive(await bytes, "wheel", { extractDir: sitePackages });
    const entry = Object.values(pyodide.lockfile.packages).find((e) => e.file_name === name);
    pyodide.loadedPackages[entry.name] = "snapshot";
  }
  pyodide.runPython("import importlib, random; importlib.invalidate_caches(); random.seed()");
  return pyodide;
}

/** Instantiates a shared library at the memory and table places the snapshot recorded. */
function reload(module, lib) {
  // The snapshot left free slots before the library's (a browser's boot takes a few).
  const free = lib.tableBase - module.wasmTable.length;
  if (free < 0) {
    throw new Error(`${lib.path}: the snapshot placed it at function-table slot ${lib.tableBase}, taken here`);
  }
  module.wasmTable.grow(free);
  const Instance = WebAssembly.Instance;
  // Emscripten picks the library's memory itself (fresh memory, unused once the snapshot's is
  // copied back); the instance gets the snapshot's addresses instead.
  WebAssembly.Instance = function (wasmModule, imports) {
    const env = imports.env;
    const placed = new Proxy({}, {
      get: (_, name) => (name === "__memory_base" ? lib.memoryBase : name === "__table_base" ? lib.tableBase : env[name]),
    });
    return new Instance(wasmModule, { ...imports, env: placed, wasi_snapshot_preview1: placed });
  };
  try {
    module.loadWebAssemblyModule(lib.module, { loadAsync: false, nodelete: true }, lib.path, {});
  } finally {
    WebAssembly.Instance = Instance;
  }
}

async function fetchJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}

async function bytesOf(responsePromise) {
  const response = await responsePromise;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function gunzip(responsePromise) {
  const response = await responsePromise;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return bytesOf(Promise.resolve(new Response(response.body.pipeThrough(new DecompressionStream("gzip")))));
}

function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return bytesOf(Promise.resolve(new Response(stream)));
}
