"""Nothing half-written: a build killed with SIGKILL at random points leaves every output
either as the previous complete version, or as the new complete version, or absent; never
truncated. The cache it leaves behind is readable, and the next build succeeds and writes
exactly what a clean build writes."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.pipeline.cache import CACHE_FORMAT

from .conftest import LAWS, kg_env

OUTPUTS = ("graph.ttl", "graph.html", "report.html", "build.log")


def statutes(n: int) -> list[Path]:
    folder = LAWS / "社会法"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found (the real-corpus sample)")
    files = sorted(p for p in folder.glob("*.md") if not p.name.startswith("_"))
    return files[:n]


def corpus(root: Path, files: list[Path]) -> Path:
    root.mkdir(parents=True)
    for f in files:
        shutil.copy(f, root / f.name)
    return root


def start(src: Path, out: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "-o", str(out), "-q", "-j", "1",
                             "--cache-dir", str(cache)],
                            env=kg_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def finish(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_sigkill_at_random_points_never_leaves_a_truncated_output(tmp_path):
    files = statutes(8)
    before = corpus(tmp_path / "before" / "laws", files[:5])
    after = corpus(tmp_path / "after" / "laws", files)  # same folder name: same gh:source values

    # the previous complete version, and what a clean build of the new input writes
    finish(start(before, tmp_path / "ref-before", tmp_path / "cache-ref-before"))
    t0 = time.monotonic()
    finish(start(after, tmp_path / "ref-after", tmp_path / "cache-ref-after"))
    took = time.monotonic() - t0
    old, new = snapshot(tmp_path / "ref-before"), snapshot(tmp_path / "ref-after")
    old_sha, new_sha = (hashlib.sha256(v["graph.ttl"]).hexdigest() for v in (old, new))
    assert old["graph.ttl"] != new["graph.ttl"]

    out, cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(tmp_path / "ref-before", out)
    rng = random.Random(7)
    outcomes = []
    for _ in range(6):
        proc = start(after, out, cache)
        time.sleep(rng.uniform(0.3 * took, 1.05 * took))  # mostly while it works and writes
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        for name in OUTPUTS:
            path = out / name
            if not path.exists():
                outcomes.append("absent")
                continue
            data = path.read_bytes()
            assert data in (old[name], new[name]), f"{name} is neither the old nor the new version " \
                                                   f"({len(data)} bytes; old {len(old[name])}, new {len(new[name])})"
            outcomes.append("new" if data == new[name] and data != old[name] else "old")
        turtles = {json.loads(p.read_bytes())["turtle"] for p in cache.rglob("*")
                   if p.is_file() and not p.name.startswith(".") and p.parent.name == "graph"}
        for entry in (p for p in cache.rglob("*") if p.is_file() and not p.name.startswith(".")):
            assert entry.parent.parent.name == f"v{CACHE_FORMAT}"  # <format>/<kind>/<key>: the kind is the folder
            if entry.parent.name == "graph-turtle":  # graph.ttl's bytes: whole if their sha256 is a graph entry's
                assert hashlib.sha256(entry.read_bytes()).hexdigest() in turtles | {old_sha, new_sha}
                continue
            json.loads(entry.read_bytes())  # a truncated entry raises
        assert not [p.name for p in out.iterdir() if p.name in OUTPUTS and p.is_dir()]

    finish(start(after, out, cache))
    assert snapshot(out) == new
    assert "old" in outcomes  # the kills did land before the end


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_pool_workers_exit_when_the_build_is_killed(tmp_path):
    """SIGKILL of ``kg build`` mid-extraction (its pool cannot be shut down): its worker
    processes notice and end within seconds instead of waiting forever."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the worker processes")
    src = tmp_path / "corpus"
    src.mkdir()
    body = "各级工会面向农民工开展职业技能培训，市总工会为困难职工办实事，开展送温暖活动。" * 30
    for i in range(200):
        (src / f"a{i:03d}.md").write_text(f"# 工会第{i}次培训\n\n**张伟**\n\n{body}\n\n{body}\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "-o", str(tmp_path / "out"), "-q",
                             "--no-html", "--no-cache", "-j", "2"],
                            env=kg_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert len(workers) >= 2 and proc.poll() is None, "the build ended before its pool was seen"
        time.sleep(0.5)  # at work
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _running(w)], "pool workers outlived the killed build"
    finally:
        for pid in [proc.pid, *workers]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()
