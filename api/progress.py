"""Progress of a long ingest on standard error: a live bar on a terminal, plain lines otherwise.

The bar is rich's (already installed with Typer, which draws its help with it): articles done of
the total when it is known beforehand, articles per second and the time left. Off a terminal (a
log file, CI) a line every ``interval`` seconds says the same; failures are always printed.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from extract.errors import NewsgraphError
from extract.records import Article


class IngestProgress:
    """The ``progress`` callback of :func:`graph.ingest.ingest`, used as a context manager."""

    def __init__(
        self,
        total: int | None,
        *,
        every_article: bool = False,
        interval: float = 10.0,
        stream: IO[str] | None = None,
        live: bool | None = None,
    ) -> None:
        self.total = total
        self.every_article = every_article
        self.interval = interval
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.done = 0
        self.failed = 0
        self._started = self._last = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> IngestProgress:
        self._started = self._last = time.monotonic()
        if self.live:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("ingest", total=self.total, rate=0.0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self._started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the current rate, when the total is known."""
        if self.total is None or not self.rate:
            return None
        return max(0, self.total - self.done) / self.rate

    def __call__(self, item: Article | NewsgraphError, error: NewsgraphError | None) -> None:
        self.done += 1
        if error is not None:
            self.failed += 1
            self._print(f"skipped {error}")
        elif self.every_article and isinstance(item, Article):
            self._print(f"done {item.id}")
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, rate=self.rate)
        elif time.monotonic() - self._last >= self.interval:
            self._last = time.monotonic()
            self._print(self.line())

    def line(self) -> str:
        """The plain progress line.

        >>> IngestProgress(None, live=False).line()
        'progress: 0 articles (0 failed), 0.0 articles/s'
        """
        of = f"/{self.total}" if self.total is not None else ""
        eta = self.eta()
        left = f", ETA {_duration(eta)}" if eta is not None else ""
        return f"progress: {self.done}{of} articles ({self.failed} failed), {self.rate:.1f} articles/s{left}"

    def _print(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    """``1h02m03s`` style.

    >>> _duration(3723.4), _duration(42)
    ('1h02m03s', '42s')
    """
    s = int(round(seconds))
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m{secs:02d}s"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


__all__ = ["IngestProgress"]
