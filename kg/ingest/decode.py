"""Turn the bytes of an input file into text, or say why they are not text.

Order of the checks: size/emptiness are the caller's; here a byte-order mark wins,
then BOM-less UTF-16 (recognised by its NUL pattern), then binary signatures and
NUL/control bytes, then strict UTF-8, then the Chinese legacy encodings GB18030 and
Big5, whichever reads as more plausible Chinese.

>>> decode_bytes("工会".encode("gb18030"))
('工会', 'gb18030')
>>> decode_bytes(b"\\xef\\xbb\\xbf# T")
('# T', 'utf-8-sig')
"""

from __future__ import annotations

import codecs

#: The most frequent Chinese characters (simplified, then the traditional forms that
#: differ). Real text hits them often; bytes decoded with the wrong codec almost never.
COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物"
    "现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全"
    "表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无"
    "系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基"
    "资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取"
    "据处府研信领职群众服务"
    "並來個們內兩別則動區員問國圖學實將對幹幾強後從應戰據數於時會條業樣機氣決沒無爲現產當發"
    "種級組結統經線總義與處裏見計設說論變資質軍較農這進運過還邊長開間關電領頭題體麼點黨職眾務"
)

#: File signatures of common binary formats, for a clearer message than "binary".
MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub?)"),
    (b"\xd0\xcf\x11\xe0", "MS Office (OLE) document"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip archive"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SAMPLE = 8192
# bytes below 0x20 that plain text does contain: \t \n \v \f \r and ESC
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS)


class NotText(ValueError):
    """The bytes are not text this tool can read; ``str(exc)`` says why."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise NotText with a reason."""
    found = _by_bom(data) or _by_nul_pattern(data) or _binary_or_nul_text(data)
    if found:
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _legacy(data)


def _by_bom(data: bytes) -> tuple[str, str] | None:
    """The text after a byte-order mark, None without one; NotText if it does not decode."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise NotText(f"undecodable: starts with a {codec} byte-order mark "
                              f"but is not valid {codec} ({exc.reason} at byte {exc.start})") from None
    return None


def _by_nul_pattern(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16 recognised by its NUL pattern (see :func:`_bomless_utf16`), unless it
    then reads as control characters: the pattern was a coincidence."""
    utf16 = _bomless_utf16(data)
    if not utf16:
        return None
    try:
        text = data.decode(utf16)
    except UnicodeDecodeError:
        return None
    return (text, utf16) if text and _control_share(text) <= 0.10 else None


def _binary_or_nul_text(data: bytes) -> tuple[str, str] | None:
    """NotText for a binary signature, NUL bytes or many control bytes; but text with NUL
    bytes that is UTF-16 by content or UTF-8 with stray NULs is decoded. None: go on."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise NotText(f"binary, not text ({what})")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        found = _utf16_by_content(data) or _utf8_with_stray_nuls(data)
        if found:
            return found
        raise NotText("binary, not text (contains NUL bytes)")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > 0.10:
        raise NotText(f"binary, not text ({controls} control bytes in the first {len(sample)})")
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    """Not UTF-8: GB18030, Big5 (or BOM-less UTF-16 of Chinese-only text, which has no NULs
    to give it away), whichever reads as the most plausible Chinese."""
    candidates = []
    codecs_ = ("gb18030", "big5", "utf-16-le", "utf-16-be") if len(data) % 2 == 0 \
        else ("gb18030", "big5")
    for codec in codecs_:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if codec.startswith("utf-16") and score < 0.2:
            continue  # a guess without any NUL to back it: needs to read as Chinese
        # ties (e.g. no Chinese at all) go to the earlier codec in the list
        candidates.append((score, -codecs_.index(codec), text, codec))
    if not candidates:
        raise NotText("undecodable: not UTF-8, UTF-16, GB18030/GBK or Big5")
    _, _, text, codec = max(candidates)
    return text, codec


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if NULs sit on one parity of bytes, as in ASCII-heavy UTF-16."""
    sample = data[:_SAMPLE - _SAMPLE % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Chinese-only UTF-16 has few NULs; newlines and ASCII give them away. Require a
    # clear one-sided pattern so that binary data with scattered NULs is not taken.
    if odd >= max(2, half // 10) and even == 0:
        return "utf-16-le"
    if even >= max(2, half // 10) and odd == 0:
        return "utf-16-be"
    return None


def _utf16_by_content(data: bytes) -> tuple[str, str] | None:
    """BOM-less UTF-16 whose NULs are too few or too scattered for :func:`_bomless_utf16`
    (Chinese text with little ASCII; 开 is ``00 5F`` in UTF-16 LE): accepted if it decodes
    and reads as Chinese."""
    if len(data) % 2:
        return None
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if score >= 0.2 and _control_share(text) <= 0.10 and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


def _utf8_with_stray_nuls(data: bytes) -> tuple[str, str] | None:
    """Valid UTF-8 with a few NUL bytes (at most one in a hundred; PDF extraction leaves
    them) is text: the cleaning drops them. Anything else with NULs is binary."""
    sample = data[:_SAMPLE]
    if sample.count(0) > max(4, len(sample) // 100):
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    return sum(1 for c in sample if c < " " and c not in "\t\n\r\x0b\x0c\x1b") / len(sample)


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are among the most common Chinese ones."""
    wide = [c for c in text[:20000] if not c.isascii() and not c.isspace()]
    if not wide:
        return 0.0
    return sum(c in COMMON_HANZI for c in wide) / len(wide)
