// The canvas as a file for other tools: GraphML, GEXF or JSON written by the API (every
// relationship among the nodes drawn, with captions, kinds, dates and provenance), an SVG
// drawing, or that drawing as a PNG drawn here, in the page.

import { gql } from "./api.js";
import { $, status } from "./dom.js";
import { Refusal } from "./refusal.js";

const FILE = `query($format: GraphFileFormat!, $ids: [ID!]) {
  graphFile(format: $format, nodeIds: $ids) {
    filename mediaType content nodeCount relationshipCount
  }
}`;

function download(blob, filename) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

async function toPng(svg) {
  const image = new Image();
  await new Promise((loaded, failed) => {
    image.onload = loaded;
    image.onerror = () => failed(new Refusal("无法把关系图绘制为图片"));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth || 1200;
  canvas.height = image.naturalHeight || 900;
  canvas.getContext("2d").drawImage(image, 0, 0);
  return new Promise((done) => canvas.toBlob(done, "image/png"));
}

export async function exportCanvas(view) {
  const ids = view.nodeIds();
  if (!ids.length) throw new Refusal("画布为空：先搜索并加入节点");
  const chosen = $("export-format").value;
  const png = chosen === "PNG";
  const { graphFile } = await gql(FILE, { format: png ? "SVG" : chosen, ids });
  const filename = png ? graphFile.filename.replace(/\.svg$/, ".png") : graphFile.filename;
  const blob = png
    ? await toPng(graphFile.content)
    : new Blob([graphFile.content], { type: graphFile.mediaType });
  download(blob, filename);
  status(
    `已导出 ${graphFile.nodeCount} 个节点、${graphFile.relationshipCount} 条关系：${filename}`,
  );
}
