"""Loading the supervision graph from files and exporting it back (docs/data-format.md).

``loaders.importer.load_paths`` reads JSON Lines, CSV and XLSX; ``loaders.export.export_store``
writes JSON Lines or CSV that load back to the same graph. ``loaders.demo`` generates demo data.
"""
