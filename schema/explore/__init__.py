"""Exploration (issue 7), for investigators and the /explore page: Query fields to search,
walk, date and analyse the graph, and to read and save investigations.

- ``search``: nodes by id, caption, name, title or number;
- ``walks``: the neighbourhood of a node, the shortest paths between two;
- ``timeline``: what happened to an entity;
- ``patterns``: the named patterns and their matches;
- ``analytics``: centrality and communities of a picked subgraph;
- ``investigations``: saved investigations (read, save) and their types;
- ``files``: a subgraph or an investigation as GraphML, GEXF or JSON;
- ``xref``: likely duplicates among people and agencies; ``merge``: merging one and undoing it;
- ``watches``: watched patterns and the inquiries their new matches open;
- ``types``: the output types and the mapping of the use cases' answers onto them;
  ``args``: global ids of nodes of any kind, kinds, types and sizes.
"""

from __future__ import annotations

from schema.explore import (
    analytics,
    files,
    investigations,
    merge,
    patterns,
    search,
    timeline,
    walks,
    watches,
    xref,
)
from schema.fields import RootField

QUERY: tuple[RootField, ...] = (
    search.search,
    walks.neighbourhood,
    walks.paths,
    timeline.timeline,
    patterns.pattern_names,
    patterns.pattern,
    analytics.subgraph_analytics,
    investigations.saved_investigation,
    files.graph_file,
    xref.likely_duplicates,
)
MUTATION: tuple[RootField, ...] = (
    investigations.save_investigation,
    watches.watch_pattern,
    watches.run_watches,
    watches.move_inquiry,
    merge.merge_nodes,
    merge.unmerge_node,
)
