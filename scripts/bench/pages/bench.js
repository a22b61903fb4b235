// The browser half of the benchmarks. scripts/bench/run.py loads this page in headless
// Chromium and calls window.bench.*; each call resolves to plain numbers (seconds, counts,
// bytes). Python code runs from bench_pyodide.py, next to this file.
import { loadPyodide } from "/pyodide/pyodide.mjs";

const INDEX_URL = new URL("/pyodide/", location.href).href;
const MODEL = "gpt-4o-mini";
const MESSAGES = [{ role: "user", content: "Benchmark" }];
const INPUT = "Benchmark";
const API_KEY = "bench-key";
const quiet = { messageCallback: () => {} };
const seconds = (ms) => ms / 1000;
const fromPy = (proxy) => {
  const value = proxy.toJs({ dict_converter: Object.fromEntries });
  proxy.destroy();
  return value;
};

let pyodide = null;
let benchModule = null; // bench_pyodide, imported in this page's Pyodide
let recorded = null; // the chunks of one stream as fetch delivered them (Uint8Arrays)
let OpenAI = null;

async function benchSource() {
  const response = await fetch("bench_pyodide.py", { cache: "no-store" });
  if (!response.ok) throw new Error(`bench_pyodide.py: HTTP ${response.status}`);
  return response.text();
}

function importBenchModule(py, source) {
  py.FS.writeFile("/home/pyodide/bench_pyodide.py", source);
  return py.pyimport("bench_pyodide");
}

async function responsesBody(baseUrl, chunks) {
  const response = await fetch(`${baseUrl}/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: MODEL, input: INPUT, stream: true, mock: { chunks } }),
  });
  if (!response.ok) throw new Error(`mock server: HTTP ${response.status}`);
  return response;
}

async function chatBody(baseUrl, extra) {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: MODEL, messages: MESSAGES, ...extra }),
  });
  if (!response.ok) throw new Error(`mock server: HTTP ${response.status}`);
  return response;
}

// ---------------------------------------------------------------- 1. cold start

// One cold start in this (fresh) page: Pyodide, pydantic, the client's wheels, its import,
// a client, the first call. `kind` is "ours" or "official". Each span is timed alone.
async function coldStart(kind, baseUrl) {
  const source = await benchSource();
  // The official SDK cannot fetch here: it gets the mock server's reply to the same call.
  const body = kind === "official" ? await (await chatBody(baseUrl, {})).text() : null;
  const spans = {};
  let last = performance.now();
  const mark = (name) => {
    const now = performance.now();
    spans[name] = seconds(now - last);
    last = now;
  };
  const py = await loadPyodide({ indexURL: INDEX_URL });
  mark("boot");
  // pydantic's own one-time costs, paid by any client built on it: its import, and what its
  // first model sets up (plugin discovery through importlib.metadata, the schema machinery).
  await py.loadPackage(["pydantic"], quiet);
  py.runPython("import pydantic\nclass _First(pydantic.BaseModel):\n    field: int = 0");
  mark("pydantic");
  await py.loadPackage([kind === "ours" ? "async-openai-wasm" : "openai"], quiet);
  mark("wheels");
  py.runPython(kind === "ours" ? "import async_openai_wasm" : "import openai");
  mark("import");
  const module = importBenchModule(py, source);
  const result = fromPy(
    await (kind === "ours"
      ? module.first_call_ours(`${baseUrl}`)
      : module.first_call_official(`${baseUrl}`, body)),
  );
  spans.client = result.client;
  spans.first_request = result.first_request;
  return { spans, fetch_error: result.fetch_error ?? null };
}

// ---------------------------------------------------------------- 2. streaming throughput

async function setupStreaming() {
  const started = performance.now();
  const source = await benchSource();
  pyodide = await loadPyodide({ indexURL: INDEX_URL });
  await pyodide.loadPackage(["async-openai-wasm", "openai"], quiet);
  pyodide.runPython("import async_openai_wasm, async_openai_wasm.api.chat, openai, httpx");
  benchModule = importBenchModule(pyodide, source);
  // openai-node's ESM build has no bare imports: the browser loads it from node_modules.
  OpenAI = (await import("/node_modules/openai/index.mjs")).default;
  return { seconds: seconds(performance.now() - started) };
}

// (a) The practical limit: read, decode, split on blank lines, JSON.parse each data line.
async function jsLoop(baseUrl, chunks, record) {
  const started = performance.now();
  const response = await chatBody(baseUrl, { stream: true, mock: { chunks } });
  return parseLoop(response.body.getReader(), started, record);
}

// (a') The same loop over the recorded bytes, from memory: the limit without the server.
async function jsLoopReplay() {
  const started = performance.now();
  let next = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (next < recorded.length) controller.enqueue(recorded[next++]);
      else controller.close();
    },
  });
  return parseLoop(body.getReader(), started, false);
}

async function parseLoop(reader, started, record) {
  const decoder = new TextDecoder();
  const kept = record ? [] : null;
  let buffer = "";
  let count = 0;
  let bytes = 0;
  let reads = 0;
  let done = false;
  while (!done) {
    const { value, done: end } = await reader.read();
    if (end) break;
    reads += 1;
    bytes += value.byteLength;
    if (kept) kept.push(value);
    buffer += decoder.decode(value, { stream: true });
    const events = buffer.split("\n\n");
    buffer = events.pop();
    for (const event of events) {
      if (!event.startsWith("data: ")) continue;
      const data = event.slice(6);
      if (data === "[DONE]") {
        done = true;
        break;
      }
      JSON.parse(data);
      count += 1;
    }
  }
  const elapsed = seconds(performance.now() - started);
  if (kept) recorded = kept;
  return { chunks: count, seconds: elapsed, bytes, reads };
}

// (b) Our client over fetch.
async function ours(baseUrl, chunks) {
  return fromPy(await benchModule.stream_ours(baseUrl, chunks));
}

// (b+) Our client's chat.stream: typed events, accumulated into the final completion.
async function oursAccumulating(baseUrl, chunks) {
  return fromPy(await benchModule.stream_ours_accumulating(baseUrl, chunks));
}

// (b') Our client over the recorded bytes, in memory: the same footing as (d).
async function oursReplay() {
  return fromPy(await benchModule.stream_ours_replay(recorded));
}

function nodeClient(baseUrl) {
  return new OpenAI({ apiKey: API_KEY, baseURL: baseUrl, dangerouslyAllowBrowser: true, maxRetries: 0 });
}

// (c) openai-node, in this page.
async function node(baseUrl, chunks) {
  const client = nodeClient(baseUrl);
  const started = performance.now();
  const stream = await client.chat.completions.create({
    model: MODEL,
    messages: MESSAGES,
    stream: true,
    mock: { chunks },
  });
  let count = 0;
  for await (const chunk of stream) {
    if (chunk.object === "chat.completion.chunk") count += 1;
  }
  return { chunks: count, seconds: seconds(performance.now() - started) };
}

// (v) The floor under (b'): the same events validated into typed chunks, no stream.
async function validationReplay() {
  return fromPy(await benchModule.validation_replay(recorded));
}

// (d) The official Python SDK over the recorded bytes, through httpx.MockTransport.
async function officialReplay() {
  return fromPy(await benchModule.stream_official_replay(recorded));
}

// ---------------------------------------------------------------- 3. Responses streams

// (ra) The plain JS loop over a Responses event stream: named events ("event:" then "data:"
// lines), each data line JSON.parse'd; the body ends after the terminal event.
async function jsLoopResponses(baseUrl, chunks) {
  const started = performance.now();
  const reader = (await responsesBody(baseUrl, chunks)).body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let count = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const events = buffer.split("\n\n");
    buffer = events.pop();
    for (const event of events) {
      const at = event.indexOf("data: ");
      if (at < 0) continue;
      JSON.parse(event.slice(at + 6));
      count += 1;
    }
  }
  return { chunks: count, seconds: seconds(performance.now() - started) };
}

// (rb) ours: client.responses.create_stream; (rb+) client.responses.stream (accumulating).
async function oursResponses(baseUrl, chunks, helper) {
  return fromPy(await benchModule.stream_ours_responses(baseUrl, chunks, helper));
}

// (rc) openai-node: responses.create({stream: true}); (rc+) responses.stream (accumulating).
async function nodeResponses(baseUrl, chunks, helper) {
  const client = nodeClient(baseUrl);
  const started = performance.now();
  const request = { model: MODEL, input: INPUT, mock: { chunks } };
  const stream = helper
    ? client.responses.stream(request)
    : await client.responses.create({ ...request, stream: true });
  let count = 0;
  for await (const event of stream) {
    if (event.type) count += 1;
  }
  if (helper) {
    const final = await stream.finalResponse();
    if (!final.output_text.startsWith("You said: Benchmark")) throw new Error("unexpected answer");
  }
  return { chunks: count, seconds: seconds(performance.now() - started) };
}

// ---------------------------------------------------------------- 4. memory

function wasmBytes() {
  return pyodide._module.HEAP8.buffer.byteLength;
}

async function memory(baseUrl, chunks, every) {
  const samples = [];
  // Called from Python every `every` chunks; a forced GC first, so the JS heap figure is
  // what is live rather than garbage not yet collected.
  window.benchSample = (count) => {
    globalThis.gc?.();
    samples.push({
      chunks: count,
      wasm_bytes: wasmBytes(),
      js_heap_bytes: performance.memory.usedJSHeapSize,
    });
  };
  const result = fromPy(await benchModule.stream_memory(baseUrl, chunks, every));
  return { ...result, samples, gc: typeof globalThis.gc === "function" };
}

window.bench = {
  coldStart,
  setupStreaming,
  jsLoop,
  jsLoopReplay,
  ours,
  oursAccumulating,
  oursReplay,
  node,
  validationReplay,
  officialReplay,
  jsLoopResponses,
  oursResponses,
  nodeResponses,
  memory,
  ready: () => benchModule !== null,
};
window.benchReady = true;
