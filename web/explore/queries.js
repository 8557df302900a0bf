// The GraphQL documents the page sends (schema.graphql: the exploration fields of issue 7).

const BRIEF = `fragment Brief on Node { id caption nodeKind nodeKindLabel }`;
const EDGE = `fragment Edge on Relationship {
  id type typeLabel validFrom validTo source recordedBy recordedAt from { id } to { id }
}`;
const SUBGRAPH = `nodes { ...Brief } relationships { ...Edge }`;
const SAVED = `investigation { id version caption } items { x y node { ...Brief } }`;

export const SEARCH = `query Search($text: String!, $kinds: [NodeKind!]) {
  search(text: $text, kinds: $kinds, first: 20) { ...Brief }
} ${BRIEF}`;

export const NEIGHBOURHOOD = `query Neighbourhood(
  $id: ID!, $depth: Int, $kinds: [NodeKind!], $asOf: PartialDate, $limit: Int
) {
  neighbourhood(id: $id, depth: $depth, kinds: $kinds, asOf: $asOf, limit: $limit) {
    ${SUBGRAPH} truncated
  }
} ${BRIEF} ${EDGE}`;

export const PATHS = `query Paths($from: ID!, $to: ID!, $maxLength: Int, $asOf: PartialDate) {
  paths(from: $from, to: $to, maxLength: $maxLength, asOf: $asOf, limit: 5) {
    outcome length paths { ${SUBGRAPH} }
  }
} ${BRIEF} ${EDGE}`;

export const TIMELINE = `query Timeline($id: ID!) {
  timeline(id: $id, first: 100) {
    date event label node { ...Brief }
  }
} ${BRIEF}`;

export const PATTERN_NAMES = `query PatternNames { patternNames { name label description } }`;

export const PATTERN = `query Pattern($name: PatternName!, $today: String) {
  pattern(name: $name, today: $today, first: 50) {
    anchor { ...Brief } explanation ${SUBGRAPH}
  }
} ${BRIEF} ${EDGE}`;

export const INVESTIGATIONS = `query Investigations {
  investigations(first: 100, orderBy: { field: RECORDED_AT, direction: DESC }) {
    nodes { id caption version recordedAt }
  }
}`;

export const SAVED_INVESTIGATION = `query SavedInvestigation($id: ID!) {
  savedInvestigation(id: $id) { ${SAVED} }
} ${BRIEF}`;

export const SAVE_INVESTIGATION = `mutation SaveInvestigation($input: SaveInvestigationInput!) {
  saveInvestigation(input: $input) { ${SAVED} }
} ${BRIEF}`;

// The relationships among saved nodes: each node's links, kept where both ends are saved.
export const LINKS = `query Links($ids: [ID!]!) {
  nodes(ids: $ids) { id links(first: 100) { relationship { ...Edge } } }
} ${EDGE}`;

// Details of one node: the fields of its kind come from the model (/explore/model.json).
export function details(kind, fields) {
  const selection = fields.map((f) => f.field).join(" ");
  return `query Details($id: ID!) {
  node(id: $id) { ...Brief ... on ${kind} { ${selection} } }
} ${BRIEF}`;
}
