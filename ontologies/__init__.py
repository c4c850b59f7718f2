"""The newsgraph ontology, SHACL shapes, lexicons and reference data (data files only)."""
