// Where GraphiQL sends operations: queries and mutations over HTTP, subscriptions over the
// websocket at the same path (graphql-transport-ws, the token in connection_init's payload,
// as api/graphql_ws.py reads it). The token typed in the page is the default Authorization;
// one written in GraphiQL's headers editor wins, over HTTP and websocket alike.

const { GraphiQL, graphqlWs } = window;

const HTTP_URL = new URL("/graphql", location.href).href;
const WS_URL = HTTP_URL.replace(/^http/, "ws");

function authorization(headers) {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === "authorization");
  return key === undefined ? "" : String(headers[key]);
}

// One websocket client at a time: the server checks the token once per connection, so
// another Authorization needs another connection.
let socket = { authorization: null, client: null };

function socketFor(auth) {
  if (socket.authorization !== auth) {
    socket.client?.dispose();
    const client = graphqlWs.createClient({
      url: WS_URL,
      connectionParams: auth ? { Authorization: auth } : {},
      // A refused token or a lost server shows at once in the result pane.
      retryAttempts: 0,
    });
    socket = { authorization: auth, client };
  }
  return socket.client;
}

export function fetcher(token) {
  const bearer = token ? { Authorization: `Bearer ${token}` } : {};
  return (params, options) => {
    const written = options?.headers ?? {};
    const own = authorization(written);
    const send = GraphiQL.createFetcher({
      url: HTTP_URL,
      // GraphiQL adds the editor's headers to these: one Authorization, never two.
      headers: own ? {} : bearer,
      wsClient: socketFor(own || authorization(bearer)),
    });
    return send(params, options);
  };
}
