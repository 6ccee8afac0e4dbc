"""Atomic writes: the old file or the new one, the user's umask, no temp file left."""

import os
import stat

import pytest

from kg.atomic import atomic_write_bytes


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
