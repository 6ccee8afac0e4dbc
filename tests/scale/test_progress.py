"""Progress: a bar on a terminal, plain lines elsewhere, silence with -q."""

import io
import subprocess
import sys

from kg.pipeline.progress import Progress


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_terminal_bar_redraws_in_place_with_rate_and_time_left():
    out, clock = io.StringIO(), _Clock()
    p = Progress(out, tty=True, clock=clock)
    p.tick(0, 100, 0)
    clock.now = 5.0
    p.tick(25, 100, 40)
    clock.now = 5.05
    p.tick(26, 100, 41)  # within a tenth of a second: not redrawn
    clock.now = 20.0
    p.tick(100, 100, 150)
    p.message("wrote graph.ttl")
    text = out.getvalue()
    assert text.count("\r") == 2
    assert "25/100 files  40 articles  8.0/s  15 s left" in text
    assert "100/100 files  150 articles  7.5/s\x1b[K\n" in text
    assert text.endswith("\n… wrote graph.ttl\n")


def test_plain_lines_when_not_on_a_terminal():
    out, clock = io.StringIO(), _Clock()
    p = Progress(out, tty=False, every=5.0, clock=clock)
    p.tick(0, 1000, 0)
    for done in range(1, 1001):
        clock.now = done * 0.01  # 100 files a second, two articles each, 10 s in all
        p.tick(done, 1000, 2 * done)
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert lines == ["… 500/1000 files, 1000 articles extracted (200.0 articles/s, about 5 s left)",
                     "… 1000/1000 files, 2000 articles extracted (200.0 articles/s)"]


def test_cli_progress_goes_to_stderr_and_quiet_silences_it(corpus, tmp_path):
    base = [sys.executable, "-m", "kg", "build", str(corpus), "--no-html", "--workers", "1", "--no-cache"]
    loud = subprocess.run(base + ["-o", str(tmp_path / "a")], capture_output=True, text=True)
    assert loud.returncode == 0
    assert "… 3 articles, 3 extracted, 0 from the cache" in loud.stderr and "\r" not in loud.stderr
    quiet = subprocess.run(base + ["-o", str(tmp_path / "b"), "-q"], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
