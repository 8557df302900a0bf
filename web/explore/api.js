// The public GraphQL API, with the bearer token the investigator typed (kept per tab).

import { Refusal } from "./refusal.js";

const TOKEN_KEY = "jiandu.explore.token";

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

const EXPLAINED = {
  UNAUTHENTICATED: "未通过身份验证：请在页面右上角填写有效的访问令牌",
  FORBIDDEN: "无权执行此操作",
  NOT_FOUND: "对象不存在或不在您的管辖范围内",
  CONFLICT: "数据已被他人修改，请重新打开后再保存",
  QUERY_TOO_LARGE: "查询过大",
  VALIDATION: "输入有误",
  BAD_USER_INPUT: "输入格式有误",
  BACKEND_UNAVAILABLE: "数据库暂时不可用",
};

export class ApiError extends Refusal {
  constructor(code, message) {
    const explained = EXPLAINED[code];
    super(explained ? `${explained}（${message}）` : message);
    this.code = code;
  }
}

export async function gql(query, variables = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("NETWORK", "无法连接服务器");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError("HTTP", `服务器返回 HTTP ${response.status}`);
  }
  const [first] = body.errors ?? [];
  if (first) throw new ApiError(first.extensions?.code ?? "", first.message);
  return body.data;
}
