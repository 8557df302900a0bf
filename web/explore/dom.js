// Elements are built from text only: nothing that came from the API ever reaches innerHTML.

import { Refusal } from "./refusal.js";

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function fill(container, ...children) {
  container.replaceChildren(...children);
}

export function status(message, kind = "info") {
  const bar = $("status");
  bar.textContent = message;
  bar.dataset.kind = kind;
}

// Runs an action of the page, reporting its failure in the status bar instead of the console.
export async function attempt(action, busy) {
  if (busy) status(busy);
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof Refusal)) console.error(error);
    status(error.message, "error");
    return undefined;
  }
}
