"""Build progress on stderr: a bar on a terminal, plain log lines elsewhere.

``Progress.message(text)`` reports a step; ``Progress.tick(files_done, files_total,
articles_done)`` reports input files laid out and extracted (the number of articles is
known only once a file is laid out, so the bar counts files). On a terminal the bar is
redrawn in place at most ten times a second (files and articles done, articles per
second, time left); in a log file or pipe a line is written at most every ``every``
seconds and at the end.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(out, tty=False, clock=iter([0, 10, 20]).__next__)
>>> p.tick(0, 40, 0); p.tick(10, 40, 25); p.tick(40, 40, 90)
>>> print(out.getvalue(), end="")
… 10/40 files, 25 articles extracted (2.5 articles/s, about 30 s left)
… 40/40 files, 90 articles extracted (4.5 articles/s)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from kg.escape import printable

BAR_WIDTH = 28


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    m, s = divmod(seconds, 60)
    if m < 60:
        return f"{m}:{s:02d}"
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}"


class Progress:
    """Reports build steps and extraction progress on ``stream``."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every = every
        self.clock = clock
        self._start: float | None = None
        self._last = float("-inf")
        self._drawn = False

    def message(self, text: str) -> None:
        self._end_bar()
        print(f"… {printable(text)}", file=self.stream, flush=True)

    def tick(self, done: int, total: int, articles: int) -> None:
        now = self.clock()
        if self._start is None or done == 0:
            self._start, self._last = now, now
            return
        finished = done >= total
        if not finished and now - self._last < (0.1 if self.tty else self.every):
            return
        self._last = now
        elapsed = max(now - self._start, 1e-9)
        rate = articles / elapsed
        left = _duration(elapsed * (total - done) / done)
        if self.tty:
            filled = int(BAR_WIDTH * done / max(total, 1))
            bar = "█" * filled + "·" * (BAR_WIDTH - filled)
            tail = "" if finished else f"  {left} left"
            self.stream.write(f"\r{bar} {done}/{total} files  {articles} articles  {rate:.1f}/s{tail}\x1b[K")
            self.stream.flush()
            self._drawn = True
            if finished:
                self._end_bar()
        else:
            tail = "" if finished else f", about {left} left"
            print(f"… {done}/{total} files, {articles} articles extracted ({rate:.1f} articles/s{tail})",
                  file=self.stream, flush=True)

    def _end_bar(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
