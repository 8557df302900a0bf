"""What the schema generates from the model table for every kind: the node, relationship and
enum types, global ids, connections, filters, orders and write inputs, the DataLoaders, and
the generic fields (``node``, a connection per kind, counts, the audit log; create, update,
move, delete, link and unlink)."""
