// Saved investigations: a named set of nodes and where they were drawn.

import { gql } from "./api.js";
import { $, el, fill } from "./dom.js";
import { Refusal } from "./refusal.js";
import { INVESTIGATIONS, LINKS, SAVE_INVESTIGATION, SAVED_INVESTIGATION } from "./queries.js";

// Nodes asked for at once when looking up their links (the API prices nodes × links).
const LINK_BATCH = 40;

export const current = { investigation: null };

function showCurrent() {
  const open = current.investigation;
  $("investigation-current").textContent = open ? `当前调查：${open.caption}` : "未打开调查";
}

export async function listInvestigations(onOpen) {
  const { investigations } = await gql(INVESTIGATIONS);
  const items = investigations.nodes.map((inv) =>
    el(
      "li",
      {},
      el(
        "button",
        { type: "button", class: "investigation", dataset: { id: inv.id }, onclick: () => onOpen(inv.id) },
        el("span", { text: inv.caption }),
        el("small", { text: (inv.recordedAt ?? "").slice(0, 10) }),
      ),
    ),
  );
  fill($("investigation-list"), ...(items.length ? items : [el("li", { text: "尚无保存的调查" })]));
}

async function relationshipsAmong(ids) {
  const wanted = new Set(ids);
  const found = [];
  for (let i = 0; i < ids.length; i += LINK_BATCH) {
    const { nodes } = await gql(LINKS, { ids: ids.slice(i, i + LINK_BATCH) });
    for (const node of nodes.filter(Boolean)) {
      for (const { relationship: r } of node.links) {
        if (r.from && r.to && wanted.has(r.from.id) && wanted.has(r.to.id)) found.push(r);
      }
    }
  }
  return found;
}

function opened(saved) {
  current.investigation = saved.investigation;
  $("investigation-name").value = saved.investigation.caption;
  showCurrent();
}

export async function openInvestigation(view, id) {
  const { savedInvestigation: saved } = await gql(SAVED_INVESTIGATION, { id });
  if (!saved) throw new Refusal("调查不存在或您无权查看");
  const relationships = await relationshipsAmong(saved.items.map((item) => item.node.id));
  view.place(saved.items, relationships);
  opened(saved);
  return saved;
}

// Saves the canvas: over the open investigation, or as a new one when `asNew` or none is open.
export async function saveInvestigation(view, asNew) {
  const name = $("investigation-name").value.trim();
  if (!name) throw new Refusal("请填写调查名称");
  const items = view.positions();
  if (items.length === 0) throw new Refusal("画布上没有节点可保存");
  const input = { name, items };
  const open = current.investigation;
  if (open && !asNew) Object.assign(input, { id: open.id, version: open.version });
  const { saveInvestigation: saved } = await gql(SAVE_INVESTIGATION, { input });
  opened(saved);
  return saved;
}

export function closeInvestigation() {
  current.investigation = null;
  $("investigation-name").value = "";
  showCurrent();
}
