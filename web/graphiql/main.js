// GraphiQL for this server, from the UMD builds the app serves (window globals), with its
// explorer plugin and query history, and a token field as on the explorer page.

import { fetcher } from "./fetcher.js";

const { React, ReactDOM, GraphiQL, GraphiQLPluginExplorer } = window;

const TOKEN_KEY = "jiandu.graphiql.token";
const DEFAULT_QUERY = `# 简督 GraphQL：在此编写查询，按 Ctrl-Enter 或运行按钮执行。
# 启用认证的服务器：在页面上方填入访问令牌，或在下方 Headers 中写
#   {"Authorization": "Bearer <令牌>"}
# 订阅（如 deadlineAlerts）经同一地址的 websocket 送达。

query Viewer {
  me { subject role region permissions }
  stats { nodes { kind label count } }
}
`;

function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

const explorer = GraphiQLPluginExplorer.explorerPlugin();
const root = ReactDOM.createRoot(document.getElementById("graphiql"));

// Each render gives GraphiQL a new fetcher, so it fetches the schema again with the token.
function render() {
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher(token()),
      plugins: [explorer],
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: true,
      inputValueDeprecation: true,
    }),
  );
}

const field = document.getElementById("token");
field.value = token();
document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  setToken(field.value.trim());
  render();
});
render();
