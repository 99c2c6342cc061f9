// The print button of ticket slips: no inline script, so a strict Content-Security-Policy holds.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});

// The kiosk goes back to its start page on its own, so the next visitor never sees this ticket.
// Without script, a <meta http-equiv="refresh"> in <noscript> does it; with script, this shows the
// seconds left and lets the visitor ask for more time.
document.querySelectorAll("[data-return-after]").forEach((link) => {
  const delay = Number(link.dataset.returnAfter) * 1000;
  let deadline = Date.now() + delay;
  const counter = link.dataset.countdown && document.getElementById(link.dataset.countdown);
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (counter) counter.textContent = String(left);
    if (left === 0) window.location.assign(link.href);
    else window.setTimeout(tick, 1000);
  };
  document.querySelectorAll("[data-kiosk-extend]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      deadline = Date.now() + delay;
    });
  });
  tick();
});
