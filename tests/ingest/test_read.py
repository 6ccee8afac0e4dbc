"""read_inputs on real files: encodings, folders, sources, and inputs that are skipped."""

import os
from pathlib import Path

import pytest

from kg.ingest import read_inputs

TEXT = "# 工会工作\n\n职工群众,是工会工作的主体。\n"


def read_one(path):
    docs, skipped = read_inputs([path])
    assert not skipped, skipped
    [doc] = docs
    return doc


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),  # with BOM, native order
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: found by the NUL pattern
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    ("# 工會工作\n\n職工群眾是工會工作的主體。\n".encode("big5"), "big5"),
])
def test_encodings_are_detected(tmp_path, data, encoding):
    path = tmp_path / "a.md"
    path.write_bytes(data)
    doc = read_one(path)
    assert doc.encoding == encoding
    assert doc.text.startswith("# 工")
    assert "\ufeff" not in doc.text and "\x00" not in doc.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_without_any_ascii(tmp_path, codec):
    text = "职工群众是工会工作的主体，工会要为职工服务。"  # no NUL byte anywhere
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    doc = read_one(path)
    assert (doc.text, doc.encoding) == (text, codec)


def test_big5_text_reads_as_traditional_chinese(tmp_path):
    text = "# 工會工作\n\n職工群眾是工會工作的主體,要為職工服務。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read_one(path).text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_newlines(tmp_path, newline):
    path = tmp_path / "a.md"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    assert read_one(path).text == TEXT


def test_control_characters_are_removed(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("工\x07会\x1f工作\u200b。\t\n".encode("utf-8"))
    assert read_one(path).text == "工会工作。\t\n"


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary, not text (PNG image)"),
    (b"%PDF-1.4\n" + bytes(range(256)), "binary, not text (PDF document)"),
    (bytes(range(256)) * 8, "binary, not text"),
    (b"\x00\x01\x02\x03" * 100, "binary, not text"),  # NULs on one side, yet not UTF-16
    (b"", "empty file"),
    (b"  \n\r\n\t \xe3\x80\x80\n", "only white space"),
    (b"---\ntitle: x\n---\n<!-- nothing -->\n", "no text besides front matter or HTML comments"),
    ("工会".encode() + b"\x80\xff", "undecodable"),
])
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, data, reason):
    good = tmp_path / "good.md"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(data)
    docs, skipped = read_inputs([bad, good])
    assert [d.source for d in docs] == ["good.md"]  # the rest is still read
    [skip] = skipped
    assert skip.path == str(bad)
    assert skip.reason.startswith(reason)


def test_missing_input_is_skipped(tmp_path):
    docs, skipped = read_inputs([tmp_path / "nope.md"])
    assert docs == [] and [s.reason for s in skipped] == ["does not exist"]


def test_size_cap(tmp_path):
    path = tmp_path / "big.md"
    path.write_text(TEXT * 10, encoding="utf-8")
    docs, skipped = read_inputs([path], max_bytes=100)
    assert docs == []
    assert "larger than the size cap" in skipped[0].reason
    assert read_inputs([path], max_bytes=10_000)[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path):  # pragma: no cover - depends on the user
    path = tmp_path / "secret.md"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        assert read_inputs([path])[1][0].reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".hidden").mkdir()
    for rel in ["b.md", "a.txt", "sub/c.md", "sub/z.markdown", ".hidden/x.md", "notes.docx",
                ".draft.md"]:
        (corpus / rel).write_text(TEXT, encoding="utf-8")
    single = tmp_path / "single.md"
    single.write_text(TEXT, encoding="utf-8")
    docs, skipped = read_inputs([corpus, str(single)])
    # a .docx is read by the Word reader, which names this one (text, not Word) as unreadable
    assert [Path(s.path).name for s in skipped] == ["notes.docx"]
    assert [d.source for d in docs] == [
        "corpus/a.txt", "corpus/b.md", "corpus/sub/c.md", "corpus/sub/z.markdown", "single.md"]
    assert docs[0].path == str(corpus / "a.txt")


def test_same_file_twice_is_read_once(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(TEXT, encoding="utf-8")
    docs, _ = read_inputs([path, tmp_path])
    assert len(docs) == 1


def test_read_is_deterministic(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.md").write_text(TEXT, encoding="gbk")
    assert read_inputs([tmp_path]) == read_inputs([tmp_path])


# ---------------------------------------------------------------- paths that are not plain files

def read_in_thread(paths, **kw):
    """read_inputs, failing (not hanging) if it does not return within a minute."""
    import threading

    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", read_inputs(paths, **kw)), daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "read_inputs hung"
    return out["r"]


def reasons(skipped):
    return {os.path.basename(s.path): s.reason for s in skipped}


def test_only_regular_files_are_read(tmp_path):
    (tmp_path / "good.md").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    os.symlink("/dev/zero", tmp_path / "zero.md")
    os.symlink("self.md", tmp_path / "self.md")
    os.symlink("loop-b.md", tmp_path / "loop-a.md")
    os.symlink("loop-a.md", tmp_path / "loop-b.md")
    docs, skipped = read_in_thread([tmp_path, tmp_path / "pipe.md", tmp_path / "self.md"])
    assert [d.source for d in docs] == [f"{tmp_path.name}/good.md"]
    got = reasons(skipped)
    assert got["pipe.md"] == "not a regular file: a FIFO (named pipe)"
    assert got["zero.md"] == "not a regular file: a character device"
    for name in ("self.md", "loop-a.md", "loop-b.md"):
        assert got[name] == "a symbolic link that loops (or too many links in a row)"


def test_a_symlink_to_a_regular_file_is_read(tmp_path):
    (tmp_path / "real.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("real.txt", tmp_path / "link.md")
    [doc] = read_inputs([tmp_path / "link.md"])[0]
    assert doc.text == TEXT


def test_a_name_that_is_not_utf8_is_skipped_and_shown_escaped(tmp_path):
    from kg.escape import printable

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, "工会".encode("gbk") + b".md"), "wb") as f:
        f.write(TEXT.encode("gbk"))
    (tmp_path / "good.md").write_text(TEXT, encoding="utf-8")
    docs, [skip] = read_inputs([tmp_path])
    assert [d.source for d in docs] == [f"{tmp_path.name}/good.md"]
    assert skip.reason == "its path is not valid UTF-8 (shown escaped); rename it to read it"
    assert printable(skip.path) == f"{tmp_path}/\\xb9\\xa4\\xbb\\xe1.md"


def test_reads_stop_at_the_size_cap_whatever_stat_says(tmp_path):
    """/proc files say they are empty and then give their content: a file that changes
    (or grows without end) while it is read."""
    if not os.path.isfile("/proc/self/status"):
        pytest.skip("no /proc")
    os.symlink("/proc/self/status", tmp_path / "status.md")
    _, [skip] = read_inputs([tmp_path / "status.md"])
    assert skip.reason.startswith("changed while it was read (its size said 0 bytes, ")
    _, [skip] = read_inputs([tmp_path / "status.md"], max_bytes=100)
    assert skip.reason.startswith("larger than the size cap while it was read (its size said 0 bytes, "
                                  "more than 100 bytes came")


def test_a_file_that_grows_while_read_is_never_read_past_the_cap(tmp_path):
    """A writer appends without pause: whichever check sees it first, the file is skipped,
    and the reader never takes in more than the cap."""
    import threading
    import time

    path = tmp_path / "growing.md"
    path.write_text(TEXT, encoding="utf-8")
    stop = threading.Event()

    def grow():
        with open(path, "ab") as f:
            while not stop.is_set() and f.tell() < 50_000_000:
                f.write(TEXT.encode() * 100)
                f.flush()

    writer = threading.Thread(target=grow)
    writer.start()
    try:
        while path.stat().st_size <= 200_000:  # the writer is under way (a loaded machine may start it late)
            time.sleep(0.001)
        _, [skip] = read_in_thread([path], max_bytes=200_000)
    finally:
        stop.set()
        writer.join()
    assert skip.reason.startswith(("larger than the size cap", "changed while it was read")), skip.reason
