"""py3langid's language model, decompressed once per machine instead of once per run.

The package ships its model LZMA-compressed (4.5 MB, 68 MB of arrays): decompressing it costs
about half a CPU second in every process that checks a language. The arrays are kept, as
``.npy`` files, in a cache folder (``$NEWSGRAPH_CACHE_DIR``, or ``newsgraph`` under
``$XDG_CACHE_HOME`` or ``~/.cache``), named by py3langid's version and the model file's size and
time; they are the same arrays, so the identifier answers the same. Without a usable cache folder
the model is read from the package as before.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
_ARRAYS = ("ptc", "pc", "nextmove", "row", "output")


def cache_dir() -> Path:
    """Where decompressed models are kept.

    >>> cache_dir().name
    'newsgraph'
    """
    if os.environ.get("NEWSGRAPH_CACHE_DIR"):
        return Path(os.environ["NEWSGRAPH_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph"


def load_language_identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` with normalised probabilities, from the cache when it holds the model.

    >>> load_language_identifier().classify("Der Bundeskanzler hat heute mit dem Präsidenten gesprochen.")[0]
    'de'
    """
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = MODEL_DIR / MODEL_FILE
    info = source.stat()
    cached = cache_dir() / f"py3langid-{py3langid.__version__}-{info.st_size}-{info.st_mtime_ns}"
    model = _read(cached) or _write(cached, source)
    ptc, pc, classes, nextmove, row, output = model
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)


def _read(folder: Path) -> tuple | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        # mapped, not read: the classifier touches the rows of the features a text has
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):  # damaged: made again
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return (
        arrays["ptc"],
        arrays["pc"],
        meta["classes"],
        _stdlib_array(arrays["nextmove"], meta["nextmove"]),
        _stdlib_array(arrays["row"], meta["row"]),
        arrays["output"].tolist(),
    )


def _write(folder: Path, source: Path) -> tuple:
    """The model read from the package, and saved to ``folder`` for the next process (when it can be)."""
    from py3langid.modelio import load_model

    model = ptc, pc, classes, nextmove, row, output = load_model(source)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".staging-"))
        try:
            for name, value in zip(_ARRAYS, (ptc, pc, nextmove, row, np.asarray(output, dtype=np.int32)), strict=True):
                np.save(staging / f"{name}.npy", np.asarray(value), allow_pickle=False)
            meta = {"classes": classes, "nextmove": nextmove.typecode, "row": row.typecode}
            (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            staging.rename(folder)  # whole or not at all; another process may have been first
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        log.debug("cannot keep the language model in %s: %s", folder, error)
    return model


def _stdlib_array(values: np.ndarray, typecode: str) -> array:
    out = array(typecode)
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out


__all__ = ["cache_dir", "load_language_identifier"]
