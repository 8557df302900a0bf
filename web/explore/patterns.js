// Named pattern queries: run one, list its matches, load a match's subgraph.

import { gql } from "./api.js";
import { $, el, fill, status } from "./dom.js";
import { PATTERN, PATTERN_NAMES } from "./queries.js";

let described = new Map();

function describe() {
  $("pattern-description").textContent = described.get($("pattern-name").value) ?? "";
}

export async function loadPatternNames() {
  const { patternNames } = await gql(PATTERN_NAMES);
  described = new Map(patternNames.map((p) => [p.name, p.description]));
  fill(
    $("pattern-name"),
    ...patternNames.map((p) => el("option", { value: p.name, text: p.label })),
  );
  $("pattern-name").onchange = describe;
  describe();
}

function matchItem(match, onOpen) {
  return el(
    "li",
    {},
    el(
      "button",
      { type: "button", class: "match", dataset: { anchor: match.anchor.id }, onclick: () => onOpen(match) },
      el("strong", { text: match.anchor.caption }),
      el("small", { text: match.anchor.nodeKindLabel }),
      el("span", { class: "explanation", text: match.explanation }),
    ),
  );
}

export async function runPattern(onOpen) {
  const name = $("pattern-name").value;
  const today = $("pattern-today").value.trim() || null;
  const { pattern } = await gql(PATTERN, { name, today });
  fill($("pattern-matches"), ...pattern.map((match) => matchItem(match, onOpen)));
  const label = $("pattern-name").selectedOptions[0]?.textContent ?? name;
  status(pattern.length ? `「${label}」：${pattern.length} 处匹配` : `「${label}」：没有匹配`);
}
