// Keyboard-first check-in: Enter on a chosen option issues the ticket at once, as it would from
// a text field, so an agent never has to Tab down to the button.
document.querySelectorAll("form[data-enter-submits]").forEach((form) => {
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches('input[type="radio"], input[type="checkbox"]')) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
});

// Most visitors queue for one area: the agent starts there, chooses with Space, issues with Enter.
// After a refusal the error summary keeps the attention instead.
const firstArea = document.querySelector("form[data-enter-submits] input[name='areas']");
if (firstArea && !document.querySelector(".error-summary")) firstArea.focus();
