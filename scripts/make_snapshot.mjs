// Makes the demo's memory snapshot: Pyodide booted in Node from a dist folder, the client's
// wheels loaded, pydantic, the client and its chat and embeddings types imported and built,
// then Pyodide's memory written out. A page restores it (web/snapshot.js) instead of starting
// Python and importing all of that. Run by scripts/build_pyodide.py:
//
//   node scripts/make_snapshot.mjs DIST OUT.bin OUT.json
//
// OUT.json says what the page needs beyond the memory: the wheels whose files it unpacks (the
// snapshot holds imported modules, not files), and each shared library loaded (pydantic-core's):
// where its data and its functions were placed, so that the page loads it again at the same
// places. A snapshot does not hold the WebAssembly instances of shared libraries, only memory.
import nodeCrypto from "node:crypto";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [dist, outBin, outJson] = process.argv.slice(2);
if (!outJson) {
  console.error("usage: node scripts/make_snapshot.mjs DIST OUT.bin OUT.json");
  process.exit(2);
}
// In Node, Pyodide takes its folder as a path.
const indexURL = path.resolve(dist) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
// The same inputs make the same bytes: Python's hash seed, the random bytes the runtime draws
// (Emscripten's in Node: randomFillSync) and its clocks are fixed here. The page reseeds
// `random` after restoring (web/snapshot.js); the clocks only stamp files and imports.
let state = 0x9e3779b9;
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return view;
};
let clock = 0;
Date.now = () => Date.UTC(2026, 0, 1) + clock++;
performance.now = () => clock++;
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, env: { PYTHONHASHSEED: "0" } });
const module = pyodide._module;
// Free function-table slots before the shared library's: a browser's boot adds a function or
// two that Node's does not, and the page places the library at the same slots as here.
const TABLE_GAP = 64;
module.wasmTable.grow(TABLE_GAP);
const tableAtBoot = module.wasmTable.length;
await pyodide.loadPackage(["async-openai-wasm"], { messageCallback: () => {} });

// Emscripten's dlopen handle (a C struct in memory) records where it put each library.
const dynlibs = [];
for (const [handle, dso] of Object.entries(module.LDSO.loadedLibsByHandle)) {
  if (Number(handle) === 0) continue; // the main module
  dynlibs.push({
    path: dso.name,
    memoryBase: module.HEAPU32[(Number(handle) + 12) >> 2],
    tableBase: module.HEAPU32[(Number(handle) + 20) >> 2],
  });
}
dynlibs.sort((a, b) => a.tableBase - b.tableBase);
if (dynlibs.length && dynlibs[0].tableBase !== tableAtBoot) {
  throw new Error(`a shared library was loaded at table slot ${dynlibs[0].tableBase}, not ${tableAtBoot}`);
}
// loadedPackages is keyed by the names the wheels give themselves.
const loaded = new Set(Object.keys(pyodide.loadedPackages));
const wheels = Object.values(pyodide.lockfile.packages)
  .filter((entry) => loaded.has(entry.name))
  .map((entry) => entry.file_name);
if (wheels.length !== loaded.size) throw new Error(`not every loaded package is in the lock: ${[...loaded]}`);
// The snapshot keeps JS objects only as paths from globalThis; the bookkeeping of loaded
// packages (a plain object) would not serialize. The page unpacks these wheels itself.
for (const name of Object.keys(pyodide.loadedPackages)) delete pyodide.loadedPackages[name];

await pyodide.runPythonAsync(`
import random
import async_openai_wasm
import async_openai_wasm.worker
from async_openai_wasm import preload

await preload("chat", "embeddings")
random.seed(0)
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outBin, snapshot);
writeFileSync(
  outJson,
  JSON.stringify({ wheels: wheels.sort(), dynlibs, tableLength: module.wasmTable.length }, null, 1) + "\n",
);
console.log(`snapshot: ${(snapshot.length / 1e6).toFixed(1)} MB, ${dynlibs.length} shared libraries, ${wheels.length} wheels`);
