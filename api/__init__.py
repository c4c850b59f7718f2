"""HTTP and command line: the FastAPI app and the ``newsgraph`` CLI (thin edges over graph/)."""

__all__ = ["app", "cli", "settings"]
