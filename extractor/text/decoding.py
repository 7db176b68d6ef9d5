"""Bytes -> text: :func:`decode_bytes`, with a note for everything beyond the obvious.

A byte-order mark wins; then the declared charset when it is known and fits the bytes (a
declared single-byte charset over bytes that are valid, non-ASCII UTF-8 is taken for the usual
server misconfiguration, and UTF-8 wins); else UTF-8 when the bytes decode, or nearly do; else
detection: bytes of the legacy Vietnamese fonts (TCVN3, VNI) are read as Windows-1252 for
:func:`extractor.text.repair.fix_text` to convert, anything else goes to charset-normalizer.
Never raises on bytes: the last resort is UTF-8 with the undecodable bytes replaced.
"""
from __future__ import annotations

import codecs
import unicodedata

from extractor.text.legacy import LEGACY_NAMES, detect_legacy

__all__ = ["decode_bytes"]

_SLOPPY_1252 = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
                          "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252"})


def _codec(declared: str) -> str | None:
    """Python codec for a declared charset label (WHATWG: Latin-1 and ASCII mean Windows-1252)."""
    label = declared.strip().strip("\"'").lower()
    if not label:
        return None
    if label in _SLOPPY_1252:
        import ftfy.bad_codecs  # noqa: F401

        return "sloppy-windows-1252"
    if label in ("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _single_byte(codec: str) -> bool:
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, errors="replace")) == 0x80
    except LookupError:
        return False


def _label(codec: str) -> str:
    """Display name of a codec: ``cp1258`` -> ``windows-1258``."""
    c = codec.lower().replace("_", "-")
    if c.startswith("sloppy-"):
        c = c[len("sloppy-"):]
    if c.startswith("cp125") and len(c) == 6:
        return "windows-" + c[2:]
    return {"utf-8": "utf-8", "latin-1": "iso-8859-1", "iso8859-1": "iso-8859-1", "ascii": "us-ascii"}.get(c, c)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _nfc_if_combining(text: str, codec: str) -> str:
    """Windows-1258 writes tones as combining marks: compose them (``a`` + U+0309 -> ``ả``)."""
    return unicodedata.normalize("NFC", text) if _label(codec) == "windows-1258" else text


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a cut at the end, a stray byte) is still UTF-8: text and note.

    >>> _mostly_utf8("Đảng ủy xã".encode()[:-1])
    ('Đảng ủy x', 'decoded as utf-8; an incomplete character at the end (truncated input) was dropped')
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            try:
                text = data[: e.start].decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None:
                return text, "decoded as utf-8; an incomplete character at the end (truncated input) was dropped"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # non-ASCII characters read well
    if bad <= max(3, good // 100):
        return text, f"decoded as utf-8 with {bad} undecodable byte sequence{'s' if bad != 1 else ''} replaced"
    return None



def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes -> text; the notes say what was done when it was more than the obvious.

    A byte-order mark wins; then the declared charset when it is known and fits
    the bytes (a declared single-byte charset over bytes that are valid,
    non-ASCII UTF-8 is taken for the usual server misconfiguration, and UTF-8
    wins); else UTF-8 when the bytes decode; else detection: bytes of the legacy
    Vietnamese fonts (TCVN3, VNI) are read as Windows-1252 for
    :func:`extractor.text.repair.fix_text` to convert, anything else goes to charset-normalizer.  Never raises on
    bytes: the last resort is UTF-8 with the undecodable bytes replaced.

    >>> decode_bytes("Đảng ủy".encode("utf-8"))
    ('Đảng ủy', [])
    >>> decode_bytes(unicodedata.normalize("NFD", "Đảng ủy").encode("cp1258"), "windows-1258")
    ('Đảng ủy', [])
    >>> decode_bytes("Đảng ủy".encode("utf-8"), "iso-8859-1")
    ('Đảng ủy', ['declared charset iso-8859-1 ignored: the bytes are UTF-8'])
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    data = bytes(data)
    notes: list[str] = []
    if not data:
        return "", notes
    by_bom = _by_bom(data)
    if by_bom is not None:
        return by_bom
    utf8 = _utf8(data)
    if declared:
        text = _by_declared(data, declared, utf8, notes)
        if text is not None:
            return text, notes
    if utf8 is not None:
        if notes:
            notes.append("decoded as utf-8")
        return utf8, notes
    mostly = _mostly_utf8(data)
    if mostly is not None:
        notes.append(mostly[1])
        return mostly[0], notes
    text, note = _detected(data)
    notes.append(note)
    return text, notes


def _by_bom(data: bytes) -> tuple[str, list[str]] | None:
    """The text and notes when *data* starts with a byte-order mark that decodes, else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None  # a false mark: the bytes go on to the other steps
            return text, [] if codec == "utf-8-sig" else [f"decoded as {codec} (byte-order mark)"]
    return None


def _by_declared(data: bytes, declared: str, utf8: str | None, notes: list[str]) -> str | None:
    """The text by the declared charset when it fits (*utf8*: the bytes as UTF-8, if they are);
    else None, with a note in *notes* saying why the label was ignored."""
    codec = _codec(declared)
    shown = declared.strip().strip("\"'").lower()
    if codec is None:
        notes.append(f"declared charset {declared!r} is unknown; ignored")
    elif codec == "utf-8":
        if utf8 is not None:
            return utf8
        notes.append(f"declared charset {shown} does not fit the bytes; ignored")
    elif utf8 is not None and not data.isascii() and _single_byte(codec):
        notes.append(f"declared charset {shown} ignored: the bytes are UTF-8")
        return utf8
    else:
        try:
            return _nfc_if_combining(data.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            notes.append(f"declared charset {shown} does not fit the bytes; ignored")
    return None


def _detected(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8: legacy font bytes as Windows-1252, else charset-normalizer's
    guess, else UTF-8 with replacements; the text and its note."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    as_1252 = data.decode("sloppy-windows-1252")
    legacy = detect_legacy(as_1252)
    if legacy is not None:
        return as_1252, f"decoded as windows-1252 (detected: {LEGACY_NAMES[legacy]} font bytes)"
    detected = _charset_normalizer(data)
    if detected is not None:
        return detected
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    return text, f"decoded as utf-8 with {bad} undecodable byte sequence{'s' if bad != 1 else ''} replaced"


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best reading of *data* and its note, or None."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # detection must never cost an article its text
        return None
    if best is None or not best.encoding:
        return None
    try:
        text = str(best)
    except Exception:
        return None
    return _nfc_if_combining(text, best.encoding), f"decoded as {_label(best.encoding)} (detected)"
