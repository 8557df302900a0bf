// The shortest paths between two chosen nodes, each step with its record's provenance.

import { gql } from "./api.js";
import { $, el, fill, status } from "./dom.js";
import { PATHS } from "./queries.js";

const ends = { from: null, to: null };

export function setEnd(which, node) {
  ends[which] = node;
  $(`path-${which}`).textContent = node.caption;
  $("find-path").disabled = !(ends.from && ends.to);
}

function validity(rel) {
  if (!rel.validFrom && !rel.validTo) return "";
  return `${rel.validFrom ?? "…"} 至 ${rel.validTo ?? "今"}`;
}

function step(rel, before) {
  const forward = rel.from?.id === before.id;
  const provenance = [validity(rel), rel.source && `来源：${rel.source}`]
    .filter(Boolean)
    .join("；");
  return el(
    "li",
    { class: "step" },
    el("span", { class: "rel", text: `${forward ? "—" : "←"}${rel.typeLabel}${forward ? "→" : "—"}` }),
    provenance ? el("small", { text: provenance }) : null,
  );
}

function pathList(path) {
  const items = [el("li", { class: "hop", text: path.nodes[0].caption })];
  path.relationships.forEach((rel, i) => {
    items.push(step(rel, path.nodes[i]), el("li", { class: "hop", text: path.nodes[i + 1].caption }));
  });
  return el("ol", { class: "path" }, ...items);
}

function merged(paths) {
  return {
    nodes: paths.flatMap((p) => p.nodes),
    relationships: paths.flatMap((p) => p.relationships),
  };
}

const OUTCOMES = {
  SAME_NODE: () => "起点与终点是同一对象",
  NO_PATH: (max) => `在 ${max} 步之内没有路径相连（或路径经过您无权查看的对象）`,
  FOUND: (max, result) => `最短路径长度为 ${result.length}，共 ${result.paths.length} 条`,
};

// Draws the paths on `view` and lists them; the first is marked on the canvas.
export async function findPaths(view, asOf) {
  const maxLength = Number($("max-length").value);
  const { paths: result } = await gql(PATHS, {
    from: ends.from.id,
    to: ends.to.id,
    maxLength,
    asOf,
  });
  view.add(merged(result.paths), ends.from.id);
  const [first] = result.paths;
  view.mark(first ? [...first.nodes, ...first.relationships].map((e) => e.id) : [], "on-path");
  const outcome = OUTCOMES[result.outcome](maxLength, result);
  fill(
    $("path-result"),
    el("p", { class: "outcome", dataset: { outcome: result.outcome }, text: outcome }),
    ...result.paths.map(pathList),
  );
  status(outcome);
  return result;
}
