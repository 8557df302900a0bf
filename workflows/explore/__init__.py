"""Exploring the graph (issue 7), for investigators and the /explore page, always as the
caller may see it: hidden nodes are neither shown nor crossed, personal fields masked.

- ``search``: nodes by id, caption, name, title or number;
- ``walks``: the neighbourhood of a node and the shortest paths between two;
- ``visible``: the walks of a scoped caller, through visible nodes only;
- ``timeline``: what happened to an entity, by date;
- ``patterns``: named pattern queries, each match a small subgraph;
- ``analytics``: centrality and communities of a picked subgraph;
- ``investigations``: saved investigations (调查研判);
- ``captions``: a short Chinese label for any node; ``bounds``: the ranges of sizes.
"""
