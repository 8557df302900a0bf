"""Storage adapters implementing graph.store.GraphStore."""
