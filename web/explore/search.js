// Search by name, title or case number.

import { gql } from "./api.js";
import { $, el, fill, status } from "./dom.js";
import { chosenKinds } from "./filters.js";
import { SEARCH } from "./queries.js";

export async function search(text, onPick) {
  const { search: found } = await gql(SEARCH, { text, kinds: chosenKinds() });
  const items = found.map((node) =>
    el(
      "li",
      {},
      el(
        "button",
        { type: "button", class: "result", dataset: { id: node.id }, onclick: () => onPick(node) },
        el("span", { text: node.caption }),
        el("small", { text: node.nodeKindLabel }),
      ),
    ),
  );
  fill($("search-results"), ...items);
  status(found.length ? `找到 ${found.length} 项` : `没有与「${text}」匹配的对象`);
}
