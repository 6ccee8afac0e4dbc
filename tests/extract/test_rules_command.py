"""``kg rules``, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=ENV)


def test_rules_lists_every_rule_with_its_kind_description_and_example():
    r = kg("rules")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    row = next(line for line in lines if line.startswith("targets.aim-word "))
    assert "relation" in row and "an aiming word" in row
    assert "针对货车司机群体开展“司机之家”建设。" in lines[lines.index(row) + 1]
    assert any(line.startswith("org.place-union ") and "entity" in line for line in lines)
    assert lines[-1].endswith(" rules, fingerprint sha256:" + lines[-1].rsplit(":", 1)[1]) and len(lines[-1].rsplit(":", 1)[1]) == 64


def test_rules_json_is_the_registry_in_run_order():
    r = kg("rules", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    ids = [x["id"] for x in data["rules"]]
    assert len(ids) == len(set(ids)) >= 50
    assert ids.index("org.vocab") < ids.index("org.parent-dept") < ids.index("targets.compound")
    aim = next(x for x in data["rules"] if x["id"] == "targets.aim-word")
    assert aim["expect"] == ["targets", "司机之家", "货车司机"] and aim["kind"] == "relation"
    assert len(data["fingerprint"]) == 64


def test_rules_help_names_the_json_option():
    r = kg("rules", "--help")
    assert r.returncode == 0 and "--json" in r.stdout and "gh:rule" in r.stdout
