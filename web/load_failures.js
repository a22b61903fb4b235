// PyScript reports a failed package install in the console only (an unhandled rejection), and
// a Python error while its script starts at the bottom of the page (a .py-error element):
// either one while the page is loading is shown where the chat would be.
const $ = (id) => document.getElementById(id);

function failed(error) {
  const status = $("status");
  if (status.dataset.state !== "loading") return; // later errors are the chat's to show
  const text = String(error?.message ?? error).trim();
  status.textContent = "Failed to load Python";
  status.dataset.state = "error";
  // Show the exception's line ("ModuleNotFoundError: ...", the last unindented "Name: ..."
  // line of a traceback; Pyodide adds advice after it), the whole text under it.
  const lines = text.split("\n").filter(Boolean);
  const exception = lines.findLast((line) => /^[A-Za-z_][\w.]*: /.test(line)) ?? lines.at(-1);
  const box = Object.assign(document.createElement("div"), { className: "msg error load-error" });
  const summary = Object.assign(document.createElement("strong"), {
    textContent: exception ?? "unknown error",
  });
  const details = Object.assign(document.createElement("details"), { className: "note" });
  details.append(Object.assign(document.createElement("summary"), { textContent: "details" }), text);
  box.append(summary, details);
  $("history").append(box);
}

addEventListener("unhandledrejection", (event) => failed(event.reason));
addEventListener("error", (event) => failed(event.error ?? event.message));
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node.classList?.contains("py-error")) failed(node.textContent);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true });
