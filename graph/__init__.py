"""The supervision graph: its model, the GraphStore port and the storage adapters."""
