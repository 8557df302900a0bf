"""Use cases: the rules of supervision work, over the GraphStore port. No storage code here."""
