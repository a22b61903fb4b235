// Boots Pyodide from the memory snapshot that scripts/build_pyodide.py makes (in Node, with
// scripts/make_snapshot.mjs): pydantic, the client and its chat and embeddings types already
// imported and built. Restoring that memory replaces starting Python and importing them, most of
// the time to a first token when the bytes cost little; the snapshot is 9.6 MB gzipped, the
// wheels 2.3 MB, so on a slow network it loses, and the page boots as without it.
//
// What a snapshot does not hold, this puts back: the files of the wheels (modules imported
// later read them), and pydantic-core's shared library, a WebAssembly instance of its own whose
// data and function-table slots the snapshot's memory points into: it is instantiated again at
// the same places before Python runs, then the memory is copied back over what its start-up
// wrote. Anything that does not match (another Pyodide build, another table layout) throws, and
// the caller boots without the snapshot.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether to boot from the snapshot: ?snapshot=1 or 0 in the address decides; otherwise only
 * when the page comes from this machine (scripts/demo.py), where bytes cost nothing. Elsewhere
 * nothing tells a page that 9.6 MB more are cheap: Chromium's navigator.connection says at most
 * "10 Mbit/s or more", where they take 8 s.
 */
export function snapshotChosen() {
  const asked = new URLSearchParams(location.search).get("snapshot");
  if (asked !== null) return asked !== "0";
  return LOOPBACK.has(location.hostname);
}

/**
 * Pyodide from indexURL: from its snapshot if `fromSnapshot`, else (or if the snapshot does not
 * fit this runtime, which the console is told) a plain boot. `from`: "snapshot" or "boot".
 */
export async function bootPyodide(indexURL, fromSnapshot) {
  if (fromSnapshot) {
    try {
      return { pyodide: await loadPyodideFromSnapshot(indexURL), from: "snapshot" };
    } catch (err) {
      console.warn(`Booting Python without its memory snapshot: ${err.message ?? err}`);
    }
  }
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  return { pyodide: await loadPyodide({ indexURL }), from: "boot" };
}

/** Pyodide restored from indexURL's snapshot; throws if there is none or it does not fit. */
export async function loadPyodideFromSnapshot(indexURL) {
  const base = new URL(indexURL, location.href).href;
  const response = await fetch(new URL("snapshot.json", base));
  if (!response.ok) throw new Error(`no snapshot.json in ${base} (HTTP ${response.status})`);
  const meta = await response.json();
  // Everything is fetched at once: the snapshot and the wheels here, the runtime by loadPyodide.
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

  const [{ loadPyodide }, { default: createModule }] = await Promise.all([
    import(new URL("pyodide.mjs", base).href),
    import(new URL("pyodide.asm.mjs", base).href),
  ]);
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

async function gunzip(responsePromise) {
  const response = await responsePromise;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return bytesOf(Promise.resolve(new Response(response.body.pipeThrough(new DecompressionStream("gzip")))));
}

function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return bytesOf(Promise.resolve(new Response(stream)));
}
