// Behaviour of the template components (docs/components.md); every page works without it.
(function () {
  "use strict";

  // Confirmation: the form's own button opens its <dialog>; "yes" submits, Cancel or Escape closes,
  // and the dialog gives the focus back to the button that opened it (the browser does it for showModal).
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("form[data-confirm] > button[type=submit]");
    if (opener) {
      var dialog = opener.form.querySelector("dialog");
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        dialog.showModal();
        var yes = dialog.querySelector("[data-confirm-yes]");
        if (yes) yes.focus();
      }
      return;
    }
    var cancel = event.target.closest("[data-confirm-cancel]");
    if (cancel) {
      cancel.closest("dialog").close();
      return;
    }
    var dismiss = event.target.closest("[data-toast-close]");
    if (dismiss) {
      var toast = dismiss.closest("[data-toast]");
      var region = toast.parentElement;
      toast.remove();
      if (!region.querySelector("[data-toast]")) {
        // Focus would be lost with the button: give it to the page's main region.
        var main = document.getElementById("main");
        if (main) main.focus();
      }
    }
  });

  // Paper has no summary to click: every folded section prints open, and folds back after printing.
  var foldedForPrint = [];
  window.addEventListener("beforeprint", function () {
    foldedForPrint = Array.prototype.slice.call(document.querySelectorAll("details.section:not([open])"));
    foldedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    foldedForPrint.forEach(function (details) { details.open = false; });
    foldedForPrint = [];
  });
})();
