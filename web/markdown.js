// Markdown for model replies: headings, paragraphs, **bold**, *italic*, `code`, fenced code
// blocks, lists, quotes, rules and [links](https://...). It builds DOM nodes and sets text
// only through text nodes, never innerHTML: HTML in a reply shows as text, and a link is made
// only for an http(s) URL (any other, javascript: included, stays text).
//
//   const view = new MarkdownView(element);
//   view.append(piece);   // while the reply streams: rendered at most once per animation frame
//   view.flush();         // at its end

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^ {0,3}([-*+]|(\d{1,9})[.)])(?:[ \t]+|$)/;
const LINK = /^\[([^\]\n]*)\]\(\s*([^\s()]+)\s*\)/;
const SAFE_URL = /^https?:\/\/[^\s]+$/i;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!>~|]/;

const element = (tag, text) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
};

// ---------------------------------------------------------------------------- blocks

/** The blocks of text[from..]: {kind, start, end, lines}, offsets into text. */
function splitBlocks(text, from = 0) {
  const lines = [];
  for (let start = from; ; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ start, end, text: text.slice(start, end) });
    if (newline < 0) break;
    start = newline + 1;
  }
  const blocks = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i].text;
    if (!line.trim()) { i += 1; continue; }
    let kind = "paragraph";
    let j = i + 1;
    const fence = FENCE.exec(line);
    if (fence) {
      kind = "code";
      const closing = new RegExp(`^ {0,3}${fence[1][0]}{${fence[1].length},}\\s*$`);
      while (j < lines.length && !closing.test(lines[j].text)) j += 1;
      j = Math.min(j + 1, lines.length);
    } else if (HEADING.test(line)) {
      kind = "heading";
    } else if (RULE.test(line)) {
      kind = "rule";
    } else if (QUOTE.test(line)) {
      kind = "quote";
      while (j < lines.length && QUOTE.test(lines[j].text)) j += 1;
    } else if (ITEM.test(line)) {
      kind = ITEM.exec(line)[2] === undefined ? "ul" : "ol";
      while (j < lines.length && lines[j].text.trim() && !RULE.test(lines[j].text)) {
        const item = ITEM.exec(lines[j].text);
        if (item ? (item[2] === undefined ? "ul" : "ol") !== kind : !/^\s/.test(lines[j].text)) break;
        j += 1;
      }
    } else {
      while (j < lines.length && lines[j].text.trim() && !startsBlock(lines[j].text)) j += 1;
    }
    blocks.push({ kind, start: lines[i].start, end: lines[j - 1].end, lines: lines.slice(i, j).map((l) => l.text) });
    i = j;
  }
  return blocks;
}

const startsBlock = (line) =>
  FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);

function renderBlock({ kind, lines }) {
  switch (kind) {
    case "code": {
      const [open, ...rest] = lines;
      const [, marker, info] = FENCE.exec(open);
      if (rest.length && new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(rest.at(-1))) rest.pop();
      const code = element("code", rest.join("\n"));
      if (/^[\w+#-]+$/.test(info)) code.className = `language-${info}`;
      const pre = element("pre");
      pre.append(code);
      return pre;
    }
    case "heading": {
      const [, hashes, content = ""] = HEADING.exec(lines[0]);
      return inline(content, element(`h${hashes.length}`));
    }
    case "rule":
      return element("hr");
    case "quote": {
      const quote = element("blockquote");
      quote.append(render(lines.map((line) => line.replace(QUOTE, "")).join("\n")));
      return quote;
    }
    case "ul":
    case "ol": {
      const list = element(kind);
      const first = ITEM.exec(lines[0])[2];
      if (first !== undefined && Number(first) !== 1) list.start = Number(first);
      let texts = [];
      for (const line of lines) {
        const item = ITEM.exec(line);
        if (item) texts.push(line.slice(item[0].length));
        else texts[texts.length - 1] += `\n${line.trim()}`;
      }
      for (const text of texts) list.append(inline(text, element("li")));
      return list;
    }
    default:
      return inline(lines.join("\n"), element("p"));
  }
}

/** Markdown text as a DocumentFragment. */
export function render(text) {
  const fragment = document.createDocumentFragment();
  for (const block of splitBlocks(text)) fragment.append(renderBlock(block));
  return fragment;
}

// ---------------------------------------------------------------------------- inline

/** Appends the inline Markdown of text to parent; returns parent. */
function inline(text, parent) {
  let plain = "";
  const flush = () => {
    if (plain) parent.append(plain); // a string becomes a text node
    plain = "";
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "\\" && ESCAPABLE.test(text[i + 1] ?? "")) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(text.slice(i))[0];
      const end = text.indexOf(run, i + run.length);
      if (end > i) {
        flush();
        parent.append(element("code", text.slice(i + run.length, end)));
        i = end + run.length;
      } else {
        plain += run;
        i += run.length;
      }
      continue;
    }
    if (c === "[") {
      const link = LINK.exec(text.slice(i));
      if (link && SAFE_URL.test(link[2])) {
        flush();
        const a = element("a");
        a.href = link[2];
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        parent.append(inline(link[1], a));
        i += link[0].length;
        continue;
      }
    }
    if (c === "*" || c === "_") {
      const marker = text[i + 1] === c ? c + c : c;
      const end = closing(text, marker, i + marker.length);
      if (end > 0) {
        flush();
        const node = element(marker.length === 2 ? "strong" : "em");
        parent.append(inline(text.slice(i + marker.length, end), node));
        i = end + marker.length;
        continue;
      }
      plain += marker;
      i += marker.length;
      continue;
    }
    plain += c;
    i += 1;
  }
  flush();
  return parent;
}

/** Where the emphasis that marker opens at text[from - marker.length] closes; -1 if it does
 * not. An opener is followed by a non-space; `_` works only between words (not snake_case). */
function closing(text, marker, from) {
  const before = text[from - marker.length - 1] ?? " ";
  if (!text[from] || /\s/.test(text[from])) return -1;
  if (marker[0] === "_" && /\w/.test(before)) return -1;
  for (let end = text.indexOf(marker, from + 1); end > 0; end = text.indexOf(marker, end + 1)) {
    const after = text[end + marker.length] ?? " ";
    if (/\s/.test(text[end - 1])) continue;
    if (marker.length === 1 && after === marker) { end += 1; continue; } // part of a ** run
    if (marker[0] === "_" && /\w/.test(after)) continue;
    return end;
  }
  return -1;
}

// ---------------------------------------------------------------------------- streaming

const SEGMENT_CHARS = 2000;

/** A reply rendered as it streams: the blocks before the last one are rendered once and kept;
 * the last is rendered again on the next animation frame after text arrives. A long last
 * paragraph grows in segments of about 2,000 characters, each rendered once it is full and laid
 * out on its own, so a frame costs the same however long the reply grows. */
export class MarkdownView {
  #element;
  #text = "";
  #done = 0; // text before this offset is rendered and kept
  #live = []; // the nodes of the blocks from #done on, rendered again each frame
  #paragraph = null; // the last block's <p> while it grows: {start, node, segmented, tail}
  #frame = 0;

  constructor(element) {
    this.#element = element;
  }

  get text() {
    return this.#text;
  }

  append(piece) {
    this.#text += piece;
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.#render();
    });
  }

  flush() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#render();
  }

  #render() {
    const text = this.#text;
    const blocks = splitBlocks(text, this.#done);
    // The last block may still change; so may the one before it while the last one's first
    // line is incomplete (a "#" may become "#hashtag", or a paragraph's next line).
    let open = Math.max(blocks.length - 1, 0);
    if (open > 0 && text.indexOf("\n", blocks[open].start) < 0) open -= 1;
    const growing = this.#paragraph;
    for (const node of this.#live) if (node !== growing?.node) node.remove();
    this.#live = [];
    for (const [index, block] of blocks.entries()) {
      const node = growing?.start === block.start ? this.#grow(block) : renderBlock(block);
      // The growing paragraph stays where it is (moving it would lay it out again whole).
      if (growing?.node.isConnected && block.start < growing.start) growing.node.before(node);
      else if (!node.isConnected) this.#element.append(node);
      if (index >= open) this.#live.push(node);
    }
    this.#done = open < blocks.length ? blocks[open].start : text.length;
    if (growing && growing.start < this.#done) this.#paragraph = null;
    // The last block, if it is a long paragraph, grows in place from now on.
    const last = blocks.at(-1);
    if (last?.kind === "paragraph" && !this.#paragraph && last.end - last.start > SEGMENT_CHARS) {
      const node = this.#live.at(-1);
      this.#paragraph = { start: last.start, node, segmented: last.start, tail: null };
      node.replaceChildren();
      this.#grow(last);
    }
  }

  /** The growing paragraph's node, its new full segments added, its tail rendered again. */
  #grow(block) {
    const paragraph = this.#paragraph;
    paragraph.tail?.remove();
    const text = this.#text.slice(paragraph.segmented, block.end);
    let cut = 0;
    while (text.length - cut > SEGMENT_CHARS * 1.25) {
      const end = segmentEnd(text, cut);
      if (end < 0) break;
      paragraph.node.append(inline(text.slice(cut, end), segment()));
      cut = end;
    }
    paragraph.segmented += cut;
    paragraph.tail = inline(text.slice(cut), segment());
    paragraph.node.append(paragraph.tail);
    return paragraph.node;
  }
}

// A block of its own: the browser lays out only the segment that changed, where it would lay
// out the whole paragraph on every frame (over 50 ms a frame past about 100 kB of text). A
// segment ends at a space, so the reader sees at most a line broken early.
function segment() {
  const node = element("span");
  node.className = "segment";
  return node;
}

/** Where a segment of text from `from` ends: after a space at least SEGMENT_CHARS on, outside
 * inline code (a code span is never split); -1 if there is none yet. */
function segmentEnd(text, from) {
  let ticks = 0;
  for (let at = from; at < text.length; at += 1) {
    if (text[at] === "`") ticks += 1;
    else if (text[at] === " " && at - from >= SEGMENT_CHARS && ticks % 2 === 0) return at + 1;
  }
  return -1;
}
