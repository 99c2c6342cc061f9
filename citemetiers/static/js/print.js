// The print button of ticket slips: no inline script, so a strict Content-Security-Policy holds.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});

// The kiosk goes back to its start page on its own, so the next visitor never sees this ticket.
document.querySelectorAll("[data-return-after]").forEach((link) => {
  window.setTimeout(() => window.location.assign(link.href), Number(link.dataset.returnAfter) * 1000);
});
