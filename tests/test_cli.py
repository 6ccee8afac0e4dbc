"""The kg command line, run as a user runs it."""

import os
import subprocess
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from kg.rdf.namespace import GH

REPO = Path(__file__).resolve().parent.parent


#: The environment of a subprocess that imports kg from this checkout.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}


def kg(*args, cwd=None):
    """Run ``python -m kg`` from this checkout, in any working directory."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, env=ENV)


def test_help_explains_every_command_and_option():
    top = kg("--help")
    assert top.returncode == 0 and "build" in top.stdout
    build = kg("build", "--help")
    assert build.returncode == 0
    for option in ("--output", "PATH", "exit status", "graph.ttl", "graph.html"):
        assert option in build.stdout


def test_build_without_paths_builds_the_sample_into_output(tmp_path):
    r = kg("build", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "3 article" in r.stdout
    g = Graph().parse(tmp_path / "output" / "graph.ttl")
    assert len(list(g.subjects(RDF.type, GH.Article))) == 3
    assert (tmp_path / "output" / "graph.html").is_file()


def test_skipped_input_is_named_on_stderr_and_exit_is_1(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("# 工会开展送温暖活动\n\n各级工会面向困难职工开展送温暖活动。\n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    r = kg("build", str(good), str(missing), "-o", str(tmp_path / "out"), "--no-html")
    assert r.returncode == 1
    assert "missing.md" in r.stderr
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert len(list(g.subjects(RDF.type, GH.Article))) == 1


def test_usage_errors_exit_2(tmp_path):
    assert kg("build", "--no-such-option").returncode == 2
    afile = tmp_path / "f"
    afile.write_text("x")
    r = kg("build", "-o", str(afile))
    assert r.returncode == 2 and "not a folder" in r.stderr
    assert kg().returncode == 2


def test_max_file_size_skips_larger_files_and_bad_sizes_are_usage_errors(tmp_path):
    small = tmp_path / "small.md"
    small.write_text("# 工会开展送温暖活动\n\n各级工会面向困难职工开展送温暖活动。\n", encoding="utf-8")
    big = tmp_path / "big.md"
    big.write_text("# 长文\n\n" + "职工。" * 2000, encoding="utf-8")
    r = kg("build", str(small), str(big), "-o", str(tmp_path / "out"), "--no-html", "--max-file-size", "2k")
    assert r.returncode == 1
    assert "big.md" in r.stderr and "size cap" in r.stderr
    assert kg("build", str(small), "--max-file-size", "lots").returncode == 2
    env_bad = subprocess.run([sys.executable, "-m", "kg", "build", str(small), "-o", str(tmp_path / "o2")],
                             capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO), "KG_MAX_FILE_SIZE": "huge"})
    assert env_bad.returncode == 2 and "KG_MAX_FILE_SIZE" in env_bad.stderr


def test_the_command_line_starts_without_importing_networkx():
    """networkx is for the explorer, the report and network exports; loading it made every
    kg command start 0.1 s later."""
    code = "import sys, kg.cli; kg.cli.make_parser(); print('networkx' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_unsupported_files_in_a_folder_are_named_but_do_not_change_the_exit_status(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    (src / "a.md").write_text("# 工会关爱农民工\n\n市总工会面向农民工开展技能培训。\n", encoding="utf-8")
    (src / "table.xlsx").write_bytes(b"PK\x03\x04 not read")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    run = kg("build", str(src), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "2 file(s) of formats kg does not read were left out: photo.jpg, table.xlsx" in run.stderr
    log = (tmp_path / "out" / "build.log").read_text(encoding="utf-8")
    assert "table.xlsx" in log and "photo.jpg" in log
    given = kg("build", str(src / "table.xlsx"), str(src / "a.md"), "-o", str(tmp_path / "out2"), cwd=tmp_path)
    assert given.returncode == 1 and "skipped" in given.stderr and "table.xlsx" in given.stderr
