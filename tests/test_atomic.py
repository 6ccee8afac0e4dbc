"""Atomic writes: the old file or the new one, the user's umask, no temp file left."""

import os
import stat
import time

import pytest

from kg.rdf.atomic import atomic_write_bytes


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_new_files_follow_the_umask_and_no_temp_file_remains(tmp_path, mask):
    old = os.umask(mask)
    try:
        target = tmp_path / "deep" / "folder" / "graph.ttl"  # folders made on demand
        atomic_write_bytes(target, b"first", fsync=False)
        atomic_write_bytes(target, b"second")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["graph.ttl"]


def test_a_failed_write_keeps_the_old_file_and_removes_its_temp_file(tmp_path):
    target = tmp_path / "graph.ttl"
    atomic_write_bytes(target, b"complete")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, object())  # fails inside the write, after the temp file exists
    assert target.read_bytes() == b"complete"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def _dead_pid() -> int:
    import subprocess

    proc = subprocess.Popen(["true"])
    proc.wait()  # exited and reaped: no process has this pid now
    return proc.pid


def test_stale_temp_files_of_killed_writers_are_removed_and_nothing_else(tmp_path):
    from kg.rdf.atomic import remove_stale_temp_files

    dead, hour_ago = _dead_pid(), time.time() - 7200
    stale = tmp_path / f".graph.ttl.{dead}.0.tmp"
    fresh = tmp_path / f".graph.html.{dead}.1.tmp"  # maybe a writer on another machine, still at work
    live = tmp_path / f".report.html.{os.getpid()}.2.tmp"  # this process is alive
    other = tmp_path / ".notes.tmp"  # not one of ours
    for p in (stale, fresh, live, other):
        p.write_bytes(b"partial")
    for p in (stale, live, other):
        os.utime(p, (hour_ago, hour_ago))
    assert remove_stale_temp_files(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (fresh, live, other))


def test_a_build_removes_what_a_killed_build_left_in_its_output_and_says_so(tmp_path):
    from kg.pipeline import build

    out = tmp_path / "out"
    out.mkdir()
    leftover = out / f".graph.ttl.{_dead_pid()}.0.tmp"
    leftover.write_bytes(b"@prefix half")
    os.utime(leftover, (time.time() - 7200,) * 2)
    result = build(output=out, html=False, workers=1)
    assert not leftover.exists()
    assert any("removed 1 temp file(s) a killed build left" in line for line in result.log)
    assert "removed 1 temp file" in result.log_path.read_text(encoding="utf-8")
