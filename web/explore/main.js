// The explorer page: wires the canvas, the side panel and the tools to the GraphQL API.

import { gql, setToken, token } from "./api.js";
import { GraphView } from "./canvas.js";
import { $, attempt, status } from "./dom.js";
import { exportCanvas } from "./export.js";
import { buildKindFilter, explorationOptions, hiddenKinds } from "./filters.js";
import {
  closeInvestigation,
  listInvestigations,
  openInvestigation,
  saveInvestigation,
} from "./investigations.js";
import { loadModel } from "./model.js";
import { showDetails, showTimeline } from "./panel.js";
import { findPaths, setEnd } from "./paths.js";
import { loadPatternNames, runPattern } from "./patterns.js";
import { NEIGHBOURHOOD } from "./queries.js";
import { search } from "./search.js";

// The most nodes one expansion draws (the API's own default; it refuses more than ten pages).
const NEIGHBOURS = 200;

const view = new GraphView($("graph"));
let model = new Map();
let selected = null;

async function select(brief) {
  selected = brief;
  view.select(brief.id);
  for (const button of document.querySelectorAll(".needs-selection")) button.disabled = false;
  await Promise.all([showDetails(brief, model), showTimeline(brief.id, pick)]);
}

async function expand(id) {
  const { depth, asOf, kinds } = explorationOptions();
  const { neighbourhood } = await gql(NEIGHBOURHOOD, { id, depth, kinds, asOf, limit: NEIGHBOURS });
  const added = view.add(neighbourhood, id);
  view.flag(id, "expanded");
  const cut = neighbourhood.truncated ? `（已截断，最多显示 ${NEIGHBOURS} 个）` : "";
  status(`展开完成：新增 ${added} 个节点${cut}`);
}

function onTapNode(id) {
  const brief = view.node(id);
  attempt(async () => {
    await select(brief);
    await expand(id);
  }, `正在展开「${brief.caption}」…`);
}

function pick(brief) {
  attempt(async () => {
    view.add({ nodes: [brief], relationships: [] });
    await select(brief);
    status(`已加入「${brief.caption}」：点击节点展开其关联`);
  });
}

function openMatch(match) {
  attempt(async () => {
    view.clear();
    view.add({ nodes: [match.anchor, ...match.nodes], relationships: match.relationships });
    view.mark([match.anchor.id], "anchor");
    await select(match.anchor);
    status(`已载入匹配：${match.explanation}`);
  });
}

function open(id) {
  attempt(async () => {
    const saved = await openInvestigation(view, id);
    status(`已打开调查「${saved.investigation.caption}」（${saved.items.length} 个节点）`);
  }, "正在打开调查…");
}

function save(asNew) {
  attempt(async () => {
    const saved = await saveInvestigation(view, asNew);
    status(`已保存调查「${saved.investigation.caption}」（${saved.items.length} 个节点）`);
    await listInvestigations(open);
  }, "正在保存…");
}

function on(id, event, handler) {
  $(id).addEventListener(event, (e) => {
    e.preventDefault();
    handler(e);
  });
}

function wire() {
  view.onTapNode(onTapNode);
  on("token-form", "submit", () => {
    setToken($("token").value.trim());
    start();
  });
  on("search-form", "submit", () => {
    const text = $("search-text").value.trim();
    if (text) attempt(() => search(text, pick), "正在搜索…");
  });
  on("pattern-form", "submit", () => attempt(() => runPattern(openMatch), "正在运行模式查询…"));
  on("set-from", "click", () => setEnd("from", selected));
  on("set-to", "click", () => setEnd("to", selected));
  on("find-path", "click", () =>
    attempt(() => findPaths(view, explorationOptions().asOf), "正在查找路径…"),
  );
  on("save-form", "submit", () => save(false));
  on("save-as-new", "click", () => save(true));
  on("new-investigation", "click", () => {
    view.clear();
    closeInvestigation();
    status("已清空画布");
  });
  on("fit", "click", () => view.fit());
  on("export-form", "submit", () => attempt(() => exportCanvas(view), "正在导出…"));
}

// Loads what depends on who is asking (after the token changes too).
function start() {
  attempt(async () => {
    await Promise.all([loadPatternNames(), listInvestigations(open)]);
    status("就绪：搜索姓名、名称或案号开始探查");
  }, "正在连接…");
}

async function boot() {
  $("token").value = token();
  wire();
  await attempt(async () => {
    model = await loadModel();
    buildKindFilter(model, () => view.setHiddenKinds(hiddenKinds()));
  });
  start();
}

// The canvas is reachable from the browser's console (and the browser tests) as `explorer`.
window.explorer = { view };
boot();
