"""The output folder is one unit: nothing lost to a mistyped path, a second build waits,
an unwritable folder is one line and exit 3, the old set stays whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.pipeline.output import staged_output

REPO = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.ttl", "graph.html", "report.html", "build.log")


def kg(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "KG_CACHE_DIR": str((cwd or REPO) / ".no-cache")}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300, check=False, **kw)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS if (folder / name).exists()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A complete build of the bundled sample."""
    out = tmp_path_factory.mktemp("built") / "out"
    run = kg("build", "-q", "--no-cache", "-o", str(out), cwd=out.parent)
    assert run.returncode == 0, run.stderr
    return out


def test_a_mistyped_path_writes_nothing_and_keeps_the_last_build(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = snapshot(out)
    run = kg("build", "artciles/", "-o", str(out), cwd=tmp_path)
    assert run.returncode == 2
    assert "artciles" in run.stderr and "nothing written" in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(out) == before and len(before) == 4


def test_only_unsupported_or_empty_files_write_nothing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "data.json").write_text('{"a": 1}', encoding="utf-8")
    (src / "empty.md").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    run = kg("build", str(src), "-o", str(out), cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert not out.exists()


def test_files_of_others_in_the_output_folder_are_kept_and_no_staging_is_left(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    (out / "README.md").write_text("mine", encoding="utf-8")
    (out / "notes").mkdir()
    (out / "notes" / "a.txt").write_text("also mine", encoding="utf-8")
    run = kg("build", "-q", "-o", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (out / "README.md").read_text(encoding="utf-8") == "mine"
    assert (out / "notes" / "a.txt").read_text(encoding="utf-8") == "also mine"
    assert snapshot(out) == snapshot(built)
    assert [p.name for p in tmp_path.iterdir() if "kg-stage" in p.name] == []


def test_a_second_build_into_the_same_folder_waits_for_the_first(built, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "KG_CACHE_DIR": str(tmp_path / "cache")}
    with staged_output(out) as stage:  # this test is "the first build", holding the folder
        (stage / "graph.ttl").write_text("# first\n", encoding="utf-8")
        second = subprocess.Popen([sys.executable, "-m", "kg", "build", "-o", str(out)], env=env,
                                  cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not list(tmp_path.glob(".out.kg-lock")) and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(3)  # ample time for the second build to finish, were it not waiting
            assert second.poll() is None, "the second build did not wait"
        except BaseException:
            second.kill()
            raise
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "waiting" in err
    assert snapshot(out) == snapshot(built)  # the second build's whole set, nothing of the first


def _tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, check=False).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "1400k"):
        pytest.skip("needs root and tmpfs mounts to make a small or read-only file system")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_is_one_line_exit_3_and_the_old_output_stays(built, small_disk):
    out = small_disk / "out"
    shutil.copytree(built, out)  # about 0.9 MB of 1.4 MB: a second, different set does not fit
    before = snapshot(out)
    other = small_disk.parent / "other.md"
    other.write_text("# 工会关爱农民工\n\n市总工会面向农民工开展技能培训。\n", encoding="utf-8")
    run = kg("build", str(other), "-q", "-o", str(out), cwd=small_disk.parent)
    assert run.returncode == 3, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"kg build: error: cannot write the output folder {out}: No space left on device"]
    assert snapshot(out) == before
    assert sorted(p.name for p in small_disk.iterdir()) == [".out.kg-lock", "out"]


def test_a_read_only_file_system_is_one_line_exit_3(built, small_disk):
    out = small_disk / "out"
    shutil.copytree(built, out)
    before = snapshot(out)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=False).returncode == 0
    run = kg("build", "-q", "-o", str(out), cwd=small_disk.parent)
    assert run.returncode == 3, run.stderr
    assert "Read-only file system" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(out) == before
