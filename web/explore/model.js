// The model's kinds and the fields that show each (served from graph/model/kinds.py).

import { Refusal } from "./refusal.js";

export async function loadModel() {
  const response = await fetch("/explore/model.json");
  if (!response.ok) throw new Refusal(`无法读取数据模型 (HTTP ${response.status})`);
  const { kinds } = await response.json();
  return new Map(kinds.map((k) => [k.kind, k]));
}
