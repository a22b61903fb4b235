// The chat as the page shows it: the user's messages, each reply (Markdown, rendered as it
// streams), the tool calls made for it, its figures, and extraction cards. It renders the
// events of web/chat_app.py (see there), whichever side of a worker that runs on.
import { MarkdownView } from "./markdown.js";

const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

export class ChatView {
  #history;

  constructor(history) {
    this.#history = history;
  }

  #add(node) {
    this.#history.append(node);
    node.scrollIntoView({ block: "end" });
    return node;
  }

  user(text) {
    return this.#add(element("div", "msg user", text));
  }

  /** A reply about to stream: receive(event) renders each event of chat_app.reply(). */
  reply() {
    return new Reply(this.#add(element("div", "msg assistant streaming")));
  }

  error(text, status = null) {
    const shown = this.#add(element("div", "msg error", text));
    if (status != null) shown.dataset.status = status;
    return shown;
  }

  clear() {
    this.#history.replaceChildren();
  }
}

class Reply {
  #bubble;
  #markdown;
  #added = []; // what this reply shows besides its bubble
  #running = []; // tool calls made, in order, whose results have not come yet

  constructor(bubble) {
    this.#bubble = bubble;
    this.#markdown = new MarkdownView(bubble);
  }

  get text() {
    return this.#markdown.text;
  }

  receive(event) {
    switch (event.type) {
      case "tokens":
        this.#markdown.append(event.text);
        this.#bubble.dataset.chunks = event.chunks;
        break;
      case "tool.call": {
        const box = toolCall(event);
        this.#running.push(box);
        this.#bubble.before(this.#keep(box));
        break;
      }
      case "tool": {
        // Results come in the order the calls were made; one whose call was not shown gets a box.
        let box = this.#running.shift();
        if (!box) this.#bubble.before(this.#keep((box = toolCall(event))));
        showResult(box, event);
        break;
      }
      case "stats":
        this.#bubble.after(this.#keep(stats(event)));
        break;
      default:
        throw new Error(`a reply has no ${event.type} events`);
    }
  }

  #keep(node) {
    this.#added.push(node);
    return node;
  }

  #notRun() {
    for (const box of this.#running.splice(0)) showResult(box, { result: "not run", error: true });
  }

  /** outcome: "done" or "stopped" (a stopped reply says so). */
  finish(outcome) {
    this.#markdown.flush();
    this.#notRun();
    this.#bubble.classList.remove("streaming");
    if (outcome === "stopped") {
      this.#bubble.classList.add("stopped");
      this.#bubble.append(element("span", "note", "stopped"));
    }
  }

  /** The reply failed: its bubble and figures go (the tool calls it made stay). */
  remove() {
    this.#notRun();
    this.#bubble.remove();
    for (const node of this.#added) if (node.classList.contains("stats")) node.remove();
  }
}

/** A tool call, running until showResult() gives it its result. */
function toolCall({ name, arguments: args }) {
  const box = element("div", "msg tool running");
  box.dataset.name = name;
  const call = element("div", "call");
  call.append(element("span", "label", "tool "), element("code", "name", name), element("code", "arguments", args));
  const answer = element("div", "result");
  answer.append(element("span", "label", "… "), element("code", "value", "running"));
  box.append(call, answer);
  return box;
}

function showResult(box, { result, error }) {
  box.classList.remove("running");
  if (error) box.classList.add("failed");
  box.querySelector(".result .label").textContent = error ? "failed " : "→ ";
  box.querySelector(".result .value").textContent = result;
}

function stats({ ttft_ms: ttft, chunks, chunks_per_s: rate }) {
  const line = element(
    "div",
    "stats",
    `first token after ${ttft} ms · ${chunks} chunks` + (rate == null ? "" : ` at ${rate} chunks/s`),
  );
  line.dataset.ttftMs = ttft;
  line.dataset.chunks = chunks;
  if (rate != null) line.dataset.chunksPerS = rate;
  return line;
}

/** A chat_app.extract() card: the model's fields as a definition list, or its refusal. */
export function card({ title, fields, refusal }) {
  const box = element("article", "card");
  box.append(element("h3", null, title));
  if (refusal !== undefined) {
    box.append(element("p", "refusal", refusal));
    return box;
  }
  const list = element("dl");
  for (const [name, value] of fields) {
    list.append(element("dt", null, name), element("dd", value == null ? "empty" : null, value ?? "—"));
  }
  box.append(list);
  return box;
}
