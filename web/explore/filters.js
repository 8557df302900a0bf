// Which kinds to show and to expand into, how deep to expand, and as of which date.

import { $, el, fill } from "./dom.js";

export function buildKindFilter(model, onChange) {
  const boxes = [...model.values()].map((kind) =>
    el(
      "label",
      { class: "kind-option" },
      el("input", { type: "checkbox", value: kind.kind, checked: "checked", onchange: onChange }),
      el("span", { text: kind.label }),
    ),
  );
  fill($("kind-filter"), ...boxes);
  for (const [id, ticked] of [["kinds-all", true], ["kinds-none", false]]) {
    $(id).onclick = () => {
      for (const box of kindBoxes()) box.checked = ticked;
      onChange();
    };
  }
}

function kindBoxes() {
  return [...$("kind-filter").querySelectorAll("input[type=checkbox]")];
}

export function hiddenKinds() {
  return kindBoxes()
    .filter((box) => !box.checked)
    .map((box) => box.value);
}

// The kinds to ask for: null (every kind) while none is unticked.
export function chosenKinds() {
  const boxes = kindBoxes();
  const ticked = boxes.filter((box) => box.checked).map((box) => box.value);
  return ticked.length === boxes.length ? null : ticked;
}

export function explorationOptions() {
  return {
    depth: Number($("depth").value),
    asOf: $("as-of").value.trim() || null,
    kinds: chosenKinds(),
  };
}
