"""Make file names and corpus text safe to show on a terminal or write to a log line.

A file name or an article may hold anything: an ESC that starts a terminal control
sequence, a newline that forges a second log line, a right-to-left override that shows
``gpj.md`` as ``dm.jpg``, bytes that are not UTF-8 (kept by Python as surrogates, which
cannot even be written to a UTF-8 stream). :func:`printable` shows each of these as a
visible escape and leaves everything else, Chinese included, as it is.

>>> printable("工会\\x1b[2J报告\\n.md")
'工会\\\\x1b[2J报告\\\\n.md'
>>> printable("invoice\\u202egpj.md")
'invoice\\\\u202egpj.md'
>>> printable("\\udcb9\\udca4\\udcbb\\udce1.md")   # GBK bytes of 工会 in a UTF-8 file system
'\\\\xb9\\\\xa4\\\\xbb\\\\xe1.md'
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; lone surrogates; bidi embeddings, overrides, isolates and
# marks; line and paragraph separators; zero-width and other invisible format characters.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u2069\ufeff\ufff9-\ufffb]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    n = ord(c)
    if c in _SHORT:
        return _SHORT[c]
    if 0xDC80 <= n <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def printable(text: str) -> str:
    """``text`` with control, bidi, invisible and undecodable characters shown as escapes."""
    return _UNSAFE.sub(_escape, text)
