"""Messy and broken inputs next to good files: the build finishes, the good files are in the
graph, a bad file is named on stderr with its reason, the exit status follows the contract
(0 every input read, 1 some skipped), and the graph still passes SHACL."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.rdf.namespace import GH
from kg.rdf.validate import validate

from .conftest import GOOD_TITLES, article_texts, good_corpus, kg_env, kg_subprocess

ARTICLE = "# 工会维护农民工权益\n\n各级工会要为农民工办实事。\n\n市总工会开展送温暖活动。\n"
TRADITIONAL = "# 臺灣勞工權益保障\n\n中華全國總工會推動農民工權益保障，為困難職工辦實事。\n"
FIFTY = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴昊",
         "徐丽", "孙强", "胡军", "朱琳", "高峰", "林涛", "何平", "郭亮", "马超", "罗斌",
         "梁爽", "宋佳", "郑凯", "谢婷", "韩雪", "唐宁", "冯刚", "于洋", "董明", "萧红",
         "程辉", "曹阳", "袁鹏", "邓超", "许晴", "傅雷", "沈从", "曾毅", "彭博", "吕品",
         "苏醒", "卢森", "蒋勤", "蔡琴", "贾樟", "丁一", "魏巍", "薛冰", "叶茂", "阎明"]


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], Path]  # writes the bad file into the corpus, returns its path
    status: int  # expected exit status
    reason: str | None = None  # expected on stderr after "kg build: skipped PATH: "
    title: str | None = None  # expected article title in the graph
    log: str | None = None  # expected in build.log, on a line naming the file


def put(name: str, data: bytes | str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def write(corpus: Path) -> Path:
        path = corpus / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        return path
    return write


def twenty_mb_line(corpus: Path) -> Path:
    path = corpus / "dump.md"
    unit = "工会职工农民工权益保障".encode()
    with open(path, "wb") as f:
        f.write(unit * (20 * 1024 * 1024 // len(unit) + 1))
    return path


def missing(corpus: Path) -> Path:
    return corpus.parent / "no-such-folder" / "gone.md"


CASES = [
    Case("gbk", put("gbk.md", ARTICLE, "gbk"), 0, title="工会维护农民工权益", log="read as gb18030"),
    Case("gb18030", put("gb18030.md", ARTICLE.replace("权益", "权益𠮷"), "gb18030"), 0,
         title="工会维护农民工权益𠮷"),
    Case("big5", put("big5.md", TRADITIONAL, "big5"), 0, title="臺灣勞工權益保障", log="read as big5"),
    Case("utf16le-bom", put("le.md", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")), 0,
         title="工会维护农民工权益"),
    Case("utf16be-bom", put("be.md", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")), 0,
         title="工会维护农民工权益"),
    Case("utf16le", put("le2.md", ARTICLE.encode("utf-16-le")), 0, title="工会维护农民工权益"),
    Case("utf16be", put("be2.md", ARTICLE.encode("utf-16-be")), 0, title="工会维护农民工权益"),
    Case("utf8-bom", put("bom.md", codecs.BOM_UTF8 + ARTICLE.encode()), 0, title="工会维护农民工权益"),
    Case("mixed-crlf", put("crlf.md", "# 工会维护农民工权益\r\n\r\n各级工会要为农民工办实事。\n\r"
                                      "市总工会开展送温暖活动。\r\n"), 0, title="工会维护农民工权益"),
    Case("traditional", put("trad.md", TRADITIONAL), 0, title="臺灣勞工權益保障"),
    Case("empty", put("empty.md", b""), 1, reason="empty file"),
    Case("whitespace", put("blank.md", " \n\t\r\n\u3000\n  \n"), 1, reason="only white space"),
    Case("binary-png", put("image.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), 1,
         reason="binary, not text (PNG image)"),
    Case("binary-random", put("noise.md", bytes((i * 7919 + 13) % 256 for i in range(20000))), 1,
         reason="binary, not text"),
    Case("20MB-one-line", twenty_mb_line, 1, reason="larger than the size cap"),
    Case("no-heading", put("plain.md", "工会维护农民工权益\n\n各级工会要为农民工办实事。\n"), 0,
         title="工会维护农民工权益", log="no level-1 heading: title taken from the first line"),
    Case("no-heading-long-first-line", put("long-first.md", "各级工会要为农民工办实事，" * 12 + "。\n"), 0,
         title="long-first", log="no level-1 heading: title taken from the file name"),
    Case("heading-no-body", put("bare.md", "# 只有标题没有正文\n"), 0, title="只有标题没有正文",
         log="heading with no body"),
    Case("control-chars", put("ctrl.md", "# 工会\x07维护\x00农民工\x1b权益\u200b\n\n各级\x0c工会\x7f要为农民工办实事。\x08\n"),
         0, title="工会维护农民工权益"),
    Case("fifty-names", put("byline.md", "# 五十位作者的文章\n\n" + " ".join(f"**{n}**" for n in FIFTY)
                            + "\n\n各级工会要为农民工办实事。\n"), 0, title="五十位作者的文章"),
    Case("missing-path", missing, 1, reason="does not exist"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_next_to_good_files(case, tmp_path, kg_build):
    corpus = good_corpus(tmp_path)
    bad = case.write(corpus)
    args = [corpus] if bad.parent == corpus else [corpus, bad]
    run = kg_build(*args, output=tmp_path / "out")

    assert run.status == case.status, run.stderr
    graph = run.graph
    titles = {str(t) for t in graph.objects(None, DCTERMS.title)}
    assert titles >= GOOD_TITLES
    skipped = run.skipped_lines()
    if case.reason:
        assert len(skipped) == 1, run.stderr
        assert skipped[0].startswith(f"kg build: skipped {bad}: "), skipped
        assert case.reason in skipped[0]
        assert len(titles) == len(GOOD_TITLES)  # nothing of the bad file got in
    else:
        assert skipped == [], run.stderr
        assert case.title in titles, titles
    if case.log:
        log = (run.output / "build.log").read_text(encoding="utf-8")
        assert any(bad.name in ln and case.log in ln for ln in log.splitlines()), log
    assert validate(graph).conforms


def test_decoded_text_is_clean_in_the_graph(tmp_path, kg_build):
    """No byte-order mark, carriage return or control character reaches gh:text; the
    GBK/UTF-16 text reads exactly like the UTF-8 original."""
    corpus = good_corpus(tmp_path)
    for case in CASES:
        if case.name in ("gbk", "utf16le", "utf16be-bom", "utf8-bom", "mixed-crlf", "control-chars"):
            sub = corpus / case.name
            sub.mkdir()
            case.write(sub)
    run = kg_build(corpus, output=tmp_path / "out")
    assert run.status == 0, run.stderr
    texts = [t for title, t in article_texts(run.graph) if title == "工会维护农民工权益"]
    assert len(texts) == 6
    for text in texts:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\ufeff\u200b\r]", text), repr(text)
        assert text.startswith("工会维护农民工权益\n各级工会要为农民工办实事。")


def test_traditional_text_is_kept_as_written(tmp_path, kg_build):
    corpus = good_corpus(tmp_path)
    (corpus / "trad.md").write_text(TRADITIONAL, encoding="utf-8")
    run = kg_build(corpus, output=tmp_path / "out")
    texts = dict(article_texts(run.graph))
    assert texts["臺灣勞工權益保障"] == "臺灣勞工權益保障\n中華全國總工會推動農民工權益保障，為困難職工辦實事。"


def test_traditional_text_is_matched_against_the_simplified_vocabularies(tmp_path, kg_build):
    corpus = tmp_path / "c"
    corpus.mkdir()
    simplified = "# 台湾劳工权益保障\n\n中华全国总工会推动农民工权益保障，为困难职工办实事。\n"
    (corpus / "s.md").write_text(simplified, encoding="utf-8")
    (corpus / "t.md").write_text(TRADITIONAL, encoding="utf-8")
    graph = kg_build(corpus, output=tmp_path / "out").graph
    by_title = {str(graph.value(a, DCTERMS.title)): a for a in graph.subjects(RDF.type, GH.Article)}
    trad = {graph.value(e, RDFS.label) for e in graph.objects(by_title["臺灣勞工權益保障"], GH.mentions)}
    simp = {graph.value(e, RDFS.label) for e in graph.objects(by_title["台湾劳工权益保障"], GH.mentions)}
    assert simp and trad == simp  # the same entities, under their simplified labels


def test_size_cap_is_configurable_and_says_how(tmp_path, kg_build, monkeypatch):
    corpus = good_corpus(tmp_path)
    big = corpus / "big.md"
    big.write_text("# 大文件\n\n" + "各级工会要为农民工办实事。" * 3000 + "\n", encoding="utf-8")  # ~117 kB
    monkeypatch.setenv("KG_MAX_FILE_SIZE", "100k")
    run = kg_build(corpus, output=tmp_path / "out")
    assert run.status == 1
    [line] = run.skipped_lines()
    assert line == f"kg build: skipped {big}: larger than the size cap (117.0 kB > 100.0 kB; " \
                   "set KG_MAX_FILE_SIZE=SIZE to raise it)"
    monkeypatch.setenv("KG_MAX_FILE_SIZE", "1M")
    run = kg_build(corpus, output=tmp_path / "out")
    assert run.status == 0 and "大文件" in run.titles()


def test_everything_bad_at_once_through_the_real_command(tmp_path):
    """All the bad inputs in one corpus, built by ``python -m kg`` in its own process."""
    corpus = good_corpus(tmp_path)
    bads = {c.name: c.write(corpus) for c in CASES if c.reason and c.name != "20MB-one-line"}
    out = tmp_path / "out"
    args = [str(corpus), str(bads["missing-path"])]
    r = kg_subprocess("build", *args, "-o", str(out), "--no-html",
                      env=kg_env(KG_CACHE_DIR=str(tmp_path / "cache")))
    assert r.returncode == 1, r.stderr
    for name, path in bads.items():
        reason = next(c.reason for c in CASES if c.name == name)
        assert any(ln.startswith(f"kg build: skipped {path}: ") and reason in ln
                   for ln in r.stderr.splitlines()), (name, r.stderr)
    from rdflib import Graph
    graph = Graph().parse(out / "graph.ttl")
    assert {str(t) for t in graph.objects(None, DCTERMS.title)} == GOOD_TITLES
    assert validate(graph).conforms


def test_unreadable_file_is_skipped_with_permission_denied(tmp_path):
    """A file the user may not read (mode 000). Root reads anything, so as root the build
    runs without the capabilities that override file permissions."""
    corpus = good_corpus(tmp_path)
    secret = corpus / "secret.md"
    secret.write_text("# 机密\n\n内容。\n", encoding="utf-8")
    os.chmod(secret, 0)
    out = tmp_path / "out"
    wrap = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if not setpriv:
            pytest.skip("running as root and util-linux setpriv is missing: cannot make a file unreadable")
        wrap = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
    env = kg_env(KG_CACHE_DIR=str(tmp_path / "cache"))
    r = subprocess.run([*wrap, sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-html"],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 1, r.stderr
    assert f"kg build: skipped {secret}: permission denied" in r.stderr.splitlines()
    from rdflib import Graph
    graph = Graph().parse(out / "graph.ttl")
    assert {str(t) for t in graph.objects(None, DCTERMS.title)} == GOOD_TITLES
    assert validate(graph).conforms


def test_paths_that_are_not_plain_files_are_skipped_and_names_shown_escaped(tmp_path):
    """A FIFO, a link to /dev/zero, a link to itself, a file that changes while read, a
    GBK-encoded name and a name made of terminal escapes, next to good files: nothing
    hangs, each is named with its reason on one line, escaped, and the rest builds."""
    corpus = good_corpus(tmp_path)
    os.mkfifo(corpus / "pipe.md")
    os.symlink("/dev/zero", corpus / "zero.md")
    os.symlink("self.md", corpus / "self.md")
    os.symlink("/proc/self/status", corpus / "status.md")  # says 0 bytes, then gives more
    with open(os.path.join(os.fsencode(corpus), "工会".encode("gbk") + b".md"), "wb") as f:
        f.write("# 工会\n\n工会为职工服务。\n".encode("gbk"))
    evil = corpus / "evil\x1b[31m\n\u202egpj.md"
    evil.write_bytes(b"")
    (corpus / "bidi.md").write_text("# 工会维护农民工权益\n\n各级工会要为农民工办实事\u202e维护权益\n", encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-html", "-v"],
                       capture_output=True, env=kg_env(KG_CACHE_DIR=str(tmp_path / "cache")), timeout=120)
    stderr, stdout = r.stderr.decode("utf-8"), r.stdout.decode("utf-8")  # valid UTF-8, or this raises
    assert r.returncode == 1, stderr
    expected = {
        "pipe.md": "not a regular file: a FIFO (named pipe)",
        "zero.md": "not a regular file: a character device",
        "self.md": "a symbolic link that loops (or too many links in a row)",
        "status.md": "changed while it was read (its size said 0 bytes, ",
        "\\xb9\\xa4\\xbb\\xe1.md": "its path is not valid UTF-8 (shown escaped); rename it to read it",
        "evil\\x1b[31m\\n\\u202egpj.md": "empty file",
    }
    skipped = [ln for ln in stderr.splitlines() if ln.startswith("kg build: skipped ")]
    assert len(skipped) == len(expected), stderr
    for name, reason in expected.items():
        assert any(ln.startswith(f"kg build: skipped {corpus}/{name}: {reason}") for ln in skipped), (name, stderr)
    log = (out / "build.log").read_text(encoding="utf-8")
    for text in (stderr, stdout, log):
        assert not re.search("[\x1b\u202e\ud800-\udfff]", text), text
    assert f"skipped {corpus}/evil\\x1b[31m\\n\\u202egpj.md: empty file" in log.splitlines()
    assert any("办实事\\u202e维护权益" in ln for ln in log.splitlines()), log  # corpus text in the log, escaped
    from rdflib import Graph
    titles = {str(t) for t in Graph().parse(out / "graph.ttl").objects(None, DCTERMS.title)}
    assert titles == GOOD_TITLES | {"工会维护农民工权益"}
