// Comboboxes (WAI-ARIA 1.2 pattern) that pick several items: occupations, library resources.
// htmx fills the listbox as the adviser types; this script moves the active option with the arrow
// keys and turns a choice into a hidden input named after data-field.
(function () {
  document.querySelectorAll("input[data-combobox]").forEach(setup);
})();

function setup(input) {
  const listbox = document.getElementById(input.getAttribute("aria-controls"));
  const chosen = document.getElementById(input.dataset.chosen);
  const status = document.getElementById(input.dataset.status);
  let active = -1;

  const options = () => Array.from(listbox.querySelectorAll('[role="option"]:not([aria-disabled="true"])'));

  function open(isOpen) {
    listbox.hidden = !isOpen;
    input.setAttribute("aria-expanded", String(isOpen));
    if (!isOpen) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  }

  function highlight(index) {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function choose(option) {
    const value = option.dataset.value;
    if (!chosen.querySelector(`input[value="${value}"]`)) {
      const item = document.createElement("li");
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = input.dataset.field;
      hidden.value = value;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "small";
      remove.dataset.remove = "";
      remove.textContent = input.dataset.removeLabel;
      const name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = " " + option.dataset.label;
      remove.appendChild(name);
      item.append(hidden, option.dataset.label + " ", remove);
      chosen.appendChild(item);
    }
    status.textContent = option.dataset.label;
    input.value = "";
    listbox.innerHTML = "";
    open(false);
    input.focus();
  }

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      open(options().length > 0);
      highlight(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter") {
      // Enter picks the active option; it never submits the interview half-filled.
      event.preventDefault();
      if (active >= 0) choose(options()[active]);
    } else if (event.key === "Escape") {
      open(false);
    }
  });

  listbox.addEventListener("click", (event) => {
    const option = event.target.closest('[role="option"]');
    if (option && option.getAttribute("aria-disabled") !== "true") choose(option);
  });

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target !== listbox) return;
    const count = options().length;
    open(listbox.children.length > 0 && input.value.length >= 2);
    active = -1;
    status.textContent = `${input.dataset.resultsLabel} ${count}`;
    if (count === 0) input.removeAttribute("aria-activedescendant");
  });

  chosen.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove]");
    if (!button) return;
    button.closest("li").remove();
    input.focus();
  });
}
