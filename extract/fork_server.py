"""What the fork server of :class:`extract.parallel.ProcessPool` imports, and nothing else does: the
pipeline named in :data:`SPEC_VARIABLE`, loaded once in that server, so that every worker forked
from it starts with the pipeline loaded (its pages shared copy-on-write) instead of importing spaCy
and loading the model itself."""

from __future__ import annotations

import gc
import json
import logging
import os

from extract.parallel import SPEC_VARIABLE, PipelineSpec, warm_up

log = logging.getLogger(__name__)


def preload() -> None:
    """Load the pipeline of :data:`SPEC_VARIABLE`, if set; on an error the workers load it themselves
    (and report the error on their start, as without a fork server)."""
    spec = os.environ.pop(SPEC_VARIABLE, None)
    if spec is None:
        return
    try:
        warm_up(PipelineSpec(**json.loads(spec)))
    except Exception:
        log.debug("the fork server could not load the pipeline", exc_info=True)
    gc.freeze()  # the collector then never writes to the loaded objects' pages: they stay shared


preload()
