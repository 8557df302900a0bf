// The side panel: the selected entity's details and its timeline.

import { gql } from "./api.js";
import { $, el, fill } from "./dom.js";
import { details, TIMELINE } from "./queries.js";
import { Refusal } from "./refusal.js";

function shown(value) {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) return value.length ? value.join("、") : null;
  if (value === true) return "是";
  if (value === false) return "否";
  return String(value);
}

function detailRows(node, fields) {
  return fields
    .map((f) => [f.label, shown(node[f.field])])
    .filter(([, value]) => value !== null)
    .flatMap(([label, value]) => [el("dt", { text: label }), el("dd", { text: value })]);
}

// `brief` is a node as drawn (id and kind); its kind's fields come from the model.
export async function showDetails(brief, model) {
  const kind = model.get(brief.nodeKind);
  const full = (await gql(details(brief.nodeKind, kind.fields), { id: brief.id })).node;
  if (!full) throw new Refusal("对象不存在或不在您的管辖范围内");
  fill(
    $("details-body"),
    el("h3", { text: full.caption }),
    el("p", { class: "kind", text: full.nodeKindLabel }),
    el("dl", {}, ...detailRows(full, kind.fields)),
  );
  return full;
}

// An entry naming another node is a button that brings that node onto the canvas.
function timelineItem(event, onPick) {
  const label = event.node
    ? el("button", { type: "button", class: "link", text: event.label, onclick: () => onPick(event.node) })
    : el("span", { text: event.label });
  return el("li", { dataset: { event: event.event } }, el("time", { text: event.date }), label);
}

export async function showTimeline(id, onPick) {
  const { timeline } = await gql(TIMELINE, { id });
  const list = $("timeline-list");
  if (timeline.length === 0) fill(list, el("li", { class: "empty", text: "暂无记录" }));
  else fill(list, ...timeline.map((event) => timelineItem(event, onPick)));
}
