// What the templates would otherwise write as htmx filters ("every 5s [expression]"), which htmx
// evaluates as strings: the Content-Security-Policy refuses that (no 'unsafe-eval').

// A poll skips its turn while the person works inside the polled part, so a swap never takes
// their focus or their half-typed input away.
document.addEventListener("htmx:confirm", (event) => {
  const element = event.detail.elt;
  if (element.matches("[data-poll-unless-focused]") && element.contains(document.activeElement)) {
    event.preventDefault();
  }
});
