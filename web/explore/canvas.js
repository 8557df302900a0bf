// The graph on the canvas (cytoscape): nodes and relationships as the API returned them.

import cytoscape from "./vendor/cytoscape.esm.min.mjs";

const COLOURS = {
  Region: "#8d99ae",
  Agency: "#2b6cb0",
  Post: "#90cdf4",
  Official: "#dd6b20",
  Case: "#c53030",
  Complaint: "#d69e2e",
  SupervisionAction: "#2f855a",
  Finding: "#b83280",
  Rectification: "#805ad5",
  Accountability: "#742a2a",
  InterventionRecord: "#e53e3e",
  Agreement: "#319795",
  Investigation: "#1a202c",
};
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(caption)",
      "background-color": (node) => COLOURS[node.data("nodeKind")] ?? "#718096",
      "font-family": FONT,
      "font-size": 10,
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "ellipsis",
      "text-max-width": 110,
      width: 24,
      height: 24,
    },
  },
  {
    selector: "edge",
    style: {
      label: "data(typeLabel)",
      "font-family": FONT,
      "font-size": 8,
      "min-zoomed-font-size": 7,
      color: "#4a5568",
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "line-color": "#cbd5e0",
      "target-arrow-color": "#cbd5e0",
      width: 1.5,
    },
  },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#f6e05e" } },
  { selector: "node.anchor", style: { width: 36, height: 36 } },
  { selector: "node.expanded", style: { "border-width": 2, "border-color": "#2d3748" } },
  { selector: "node.on-path", style: { "border-width": 4, "border-color": "#e53e3e" } },
  {
    selector: "edge.on-path",
    style: { "line-color": "#e53e3e", "target-arrow-color": "#e53e3e", width: 4 },
  },
  { selector: ".filtered", style: { display: "none" } },
];

// The same node or relationship may come twice (several paths, a match and its anchor).
function unique(elements) {
  return [...new Map(elements.map((e) => [e.id, e])).values()];
}

export class GraphView {
  constructor(container) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.1, maxZoom: 2 });
    this.hiddenKinds = new Set();
  }

  onTapNode(handler) {
    this.cy.on("tap", "node", (event) => handler(event.target.id()));
  }

  has(id) {
    return this.cy.getElementById(id).nonempty();
  }

  node(id) {
    const found = this.cy.getElementById(id);
    return found.nonempty() ? found.data() : null;
  }

  nodeIds() {
    return this.cy.nodes().map((n) => n.id());
  }

  positions() {
    return this.cy.nodes().map((n) => ({ nodeId: n.id(), ...n.position() }));
  }

  clear() {
    this.cy.elements().remove();
  }

  // Adds what is new: on an empty canvas everything is laid out, else the new nodes go on a
  // ring around `centre` (a drawn node) or around the middle of the view.
  add({ nodes, relationships }, centre = null) {
    const wasEmpty = this.cy.nodes().empty();
    const fresh = unique(nodes).filter((n) => !this.has(n.id));
    const pivot = centre && this.has(centre) ? this.cy.getElementById(centre).position() : null;
    const added = this.cy.add(fresh.map((n) => ({ group: "nodes", data: { ...n } })));
    this.cy.add(this.edges(relationships));
    this.applyFilter();
    if (wasEmpty) this.layout();
    else if (fresh.length > 0) this.ring(pivot ?? this.middle(), added);
    return fresh.length;
  }

  // Places saved nodes where the investigator left them.
  place(items, relationships) {
    this.clear();
    this.cy.add(
      items.map(({ node, x, y }) => ({ group: "nodes", data: { ...node }, position: { x, y } })),
    );
    this.cy.add(this.edges(relationships));
    this.applyFilter();
    this.fit();
  }

  // Relationships whose two ends are drawn and that are not drawn yet.
  edges(relationships) {
    return unique(relationships)
      .filter((r) => r.from && r.to && this.has(r.from.id) && this.has(r.to.id) && !this.has(r.id))
      .map((r) => ({
        group: "edges",
        data: { ...r, id: r.id, source: r.from.id, target: r.to.id },
      }));
  }

  middle() {
    const { x1, y1, x2, y2 } = this.cy.extent();
    return { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
  }

  ring({ x, y }, added) {
    const radius = 90 + 12 * added.length;
    added.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / added.length;
      node.position({ x: x + radius * Math.cos(angle), y: y + radius * Math.sin(angle) });
    });
    this.fit();
  }

  fit() {
    this.cy.fit(undefined, 40);
  }

  layout() {
    this.cy
      .layout({
        name: "cose",
        animate: false,
        fit: true,
        padding: 40,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 120,
        nodeRepulsion: () => 20000,
      })
      .run();
  }

  select(id) {
    this.cy.nodes(":selected").unselect();
    this.cy.getElementById(id).select();
  }

  mark(ids, className) {
    this.cy.elements(`.${className}`).removeClass(className);
    for (const id of ids) this.cy.getElementById(id).addClass(className);
  }

  flag(id, className) {
    this.cy.getElementById(id).addClass(className);
  }

  setHiddenKinds(kinds) {
    this.hiddenKinds = new Set(kinds);
    this.applyFilter();
  }

  applyFilter() {
    this.cy.nodes().forEach((n) => {
      n.toggleClass("filtered", this.hiddenKinds.has(n.data("nodeKind")));
    });
  }

  // Where a node is drawn, in page pixels (for the browser tests and the console).
  pagePosition(id) {
    const box = this.cy.container().getBoundingClientRect();
    const { x, y } = this.cy.getElementById(id).renderedPosition();
    return { x: box.left + x, y: box.top + y };
  }
}
