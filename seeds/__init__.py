"""Sample articles that `make run` builds the demo graph from."""
