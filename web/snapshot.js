// Boots Pyodide from the memory snapshot that scripts/build_pyodide.py makes (in Node, with
// scripts/make_snapshot.mjs): pydantic, the client and its chat and embeddings types already
// imported and built. Restoring that memory replaces starting Python and importing them, most of
// the time to a first token when bytes cost little; but the snapshot is 9.5 MB gzipped (38 MB
// of memory, mostly Python's heap) on top of the runtime's 13.4 MB, dear on a slow network. So
// the page measures how fast its first bytes come, and where the rest would take longer than
// restoring saves, it boots as without a snapshot.
//
// What a snapshot does not hold, this puts back: the files of the wheels (modules imported
// later read them), and pydantic-core's shared library, a WebAssembly instance of its own whose
// data and function-table slots the snapshot's memory points into: it is instantiated again at
// the same places before Python runs, then the memory is copied back over what its start-up
// wrote. Anything that does not match (another Pyodide build, another table layout) throws, and
// the caller boots without the snapshot.

// Bytes of the snapshot read before the page decides whether the rest comes fast enough.
const PROBE_BYTES = 128 * 1024;
// Restoring saves starting Python and importing pydantic and the client: about 1.5 s of CPU on
// a fast machine (much more on a slow one). A snapshot whose rest would take longer than that to
// arrive is dropped for a plain boot.
const BUDGET_MS = 1500;

/** Thrown when the network is too slow for the snapshot to pay off. */
export class SnapshotTooSlow extends Error {}

/**
 * The address's say: ?snapshot=1 "always", ?snapshot=0 "never", else "if-fast": the page
 * starts downloading the snapshot and keeps it only if the rest comes within BUDGET_MS.
 */
export function snapshotChoice() {
  const asked = new URLSearchParams(location.search).get("snapshot");
  return asked === null ? "if-fast" : asked === "0" ? "never" : "always";
}

/**
 * Pyodide from indexURL: from its snapshot as `choice` says (see snapshotChoice), else a plain
 * boot; also when the snapshot does not fit this runtime, which the console is told.
 * `from`: "snapshot" or "boot".
 */
export async function bootPyodide(indexURL, choice) {
  if (choice !== "never") {
    try {
      const pyodide = await loadPyodideFromSnapshot(indexURL, { onlyIfFast: choice === "if-fast" });
      return { pyodide, from: "snapshot" };
    } catch (err) {
      const log = err instanceof SnapshotTooSlow ? console.info : console.warn;
      log(`Booting Python without its memory snapshot: ${err.message ?? err}`);
    }
  }
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  return { pyodide: await loadPyodide({ indexURL }), from: "boot" };
}

/**
 * Pyodide restored from indexURL's snapshot; throws if there is none or it does not fit, and
 * with `onlyIfFast`, SnapshotTooSlow when the network would make it lose.
 */
export async function loadPyodideFromSnapshot(indexURL, { onlyIfFast = false } = {}) {
  const base = new URL(indexURL, location.href).href;
  // The runtime's scripts are needed either way: loadPyodide finds them imported.
  const runtime = Promise.all([
    import(new URL("pyodide.mjs", base).href),
    import(new URL("pyodide.asm.mjs", base).href),
  ]);
  runtime.catch(() => {});
  const response = await fetch(new URL("snapshot.json", base));
  if (!response.ok) throw new Error(`no snapshot.json in ${base} (HTTP ${response.status})`);
  const meta = await response.json();
  const download = downloadSnapshot(new URL("snapshot.bin.gz", base), meta.gzipped, onlyIfFast);
  await download.verdict;
  // The rest at once: the wheels here, the runtime's wasm by loadPyodide.
  const memory = download.bytes.then(gunzip);
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

async function bytesOf(responsePromise) {
  const response = await responsePromise;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Downloads the snapshot: `bytes`, a Blob of the gzipped snapshot; `verdict`, settled once the
 * first PROBE_BYTES have come (with `onlyIfFast`; else at once): rejected with SnapshotTooSlow,
 * and the download aborted, when the rest would take more than BUDGET_MS at the rate they came
 * at (counted from the first bytes, so the round trip does not count).
 */
function downloadSnapshot(url, size, onlyIfFast) {
  const controller = new AbortController();
  let decide;
  const verdict = new Promise((resolve, reject) => (decide = { resolve, reject }));
  if (!onlyIfFast) decide.resolve();
  const bytes = (async () => {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    let first = null;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      const now = performance.now();
      if (first === null) {
        first = { at: now, received };
      } else if (onlyIfFast && received >= PROBE_BYTES) {
        onlyIfFast = false;
        const perMs = (received - first.received) / Math.max(now - first.at, 1);
        const restMs = (size - received) / perMs;
        if (restMs > BUDGET_MS) {
          controller.abort();
          const mbits = (perMs * 8) / 1000;
          throw new SnapshotTooSlow(`its ${(size / 1e6).toFixed(1)} MB come at ${mbits.toFixed(1)} Mbit/s, the rest in ${(restMs / 1000).toFixed(1)} s`);
        }
        decide.resolve();
      }
    }
    decide.resolve(); // all of it came before the probe could judge
    return new Blob(chunks);
  })();
  bytes.catch((err) => decide.reject(err));
  return { verdict, bytes };
}

function gunzip(blob) {
  return bytesOf(Promise.resolve(new Response(blob.stream().pipeThrough(new DecompressionStream("gzip")))));
}

function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return bytesOf(Promise.resolve(new Response(stream)));
}
