"""Build progress on stderr: a bar on a terminal, plain log lines elsewhere.

``Progress.message(text)`` reports a step; ``Progress.tick(done, total)`` reports
articles extracted. On a terminal the bar is redrawn in place at most ten times a
second (articles done, rate, time left); in a log file or pipe a line is written at
most every ``every`` seconds and at the end.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(out, tty=False, clock=iter([0, 10, 20]).__next__)
>>> p.tick(0, 40); p.tick(10, 40); p.tick(40, 40)
>>> print(out.getvalue(), end="")
… extracted 10/40 articles (1.0/s, about 30 s left)
… extracted 40/40 articles (2.0/s)
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

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
        print(f"… {text}", file=self.stream, flush=True)

    def tick(self, done: int, total: int) -> None:
        now = self.clock()
        if self._start is None or done == 0:
            self._start, self._last = now, now
            return
        finished = done >= total
        if not finished and now - self._last < (0.1 if self.tty else self.every):
            return
        self._last = now
        elapsed = max(now - self._start, 1e-9)
        rate = done / elapsed
        left = "" if finished else f", about {_duration((total - done) / rate)} left"
        if self.tty:
            filled = int(BAR_WIDTH * done / max(total, 1))
            bar = "█" * filled + "·" * (BAR_WIDTH - filled)
            left = "" if finished else f"  {_duration((total - done) / rate)} left"
            self.stream.write(f"\r{bar} {done}/{total} articles  {rate:.1f}/s{left}\x1b[K")
            self.stream.flush()
            self._drawn = True
            if finished:
                self._end_bar()
        else:
            print(f"… extracted {done}/{total} articles ({rate:.1f}/s{left})", file=self.stream, flush=True)

    def _end_bar(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
