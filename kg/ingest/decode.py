"""Bytes → text: the one decoding and normalisation step every input goes through.

News arrives as UTF-8 (with or without a byte-order mark), as UTF-16 saved by Windows tools, and
as legacy single-byte text — Windows-1252 with its curly quotes and dashes is the common case,
Latin-1 the next. :func:`decode` turns any of these into one normalised ``str``: Unicode NFC,
``\\n`` line ends, no BOM and no stray control characters. Every later offset refers to that one
text, so normalisation happens here, once.

It refuses, with an :class:`~kg.errors.InputError` that says why, what is not text: binary files
(recognised by their magic number or by NUL bytes — a PDF, PNG or ZIP renamed ``.txt``) and bytes
no encoding explains (UTF-8 mixed with invalid bytes, or nothing charset-normalizer can read).

>>> decode("“Smart quotes” – café".encode("cp1252"))
'“Smart quotes” – café'
>>> decode(b"\\xef\\xbb\\xbfCafe\\xcc\\x81\\r\\nline two")  # BOM, decomposed é, CRLF
'Café\\nline two'
>>> decode(b"%PDF-1.7 ...")
Traceback (most recent call last):
...
kg.errors.InputError: binary file (PDF document), not text
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.errors import InputError

__all__ = ["decode", "normalize_text", "binary_kind", "declared_charset"]

#: Magic numbers of the binary formats most often found renamed or mixed among articles.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old Word/Excel)"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x00\x00\x01\x00", "icon image"),
)

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Single-byte encodings tried for text that is not UTF-8, in order of preference on a tie:
#: Windows-1252 first (what the web means by "Latin-1" too), then other European code pages.
LEGACY_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5",
    "cp1253", "iso8859_7", "cp1254", "cp1257", "mac_roman",
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\x0c\x1c-\x1e\x85\u2028\u2029]")
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF = 8192
_CONTROL_BYTES = [bytes([b]) for b in range(32) if b not in (9, 10, 12, 13)]


def decode(data: bytes, *, declared: str | None = None) -> str:
    """The text in ``data``, NFC-normalised with ``\\n`` line ends.

    Order of evidence: a byte-order mark; valid UTF-8; the encoding the document itself declares
    (``declared``, e.g. from an HTML ``<meta charset>``); then the single-byte encoding
    charset-normalizer finds least chaotic, Windows-1252 winning ties.

    Raises :class:`~kg.errors.InputError` for binary data and undecodable bytes.

    >>> decode("Zürich £3".encode("latin-1"))
    'Zürich £3'
    >>> decode("Grüße".encode("utf-16"))
    'Grüße'
    """
    kind = binary_kind(data)
    if kind:
        raise InputError(f"binary file ({kind}), not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return normalize_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise InputError(
                    f"undecodable bytes: starts with a {encoding.upper()} byte-order mark but byte "
                    f"{error.start} is not valid {encoding.upper()}"
                ) from None
    try:
        return normalize_text(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        utf8_error = error
    if _has_utf8_sequences(data):
        bad = data[utf8_error.start]
        raise InputError(
            f"undecodable bytes: mostly UTF-8 but byte 0x{bad:02x} at offset {utf8_error.start} is not "
            "(mixed or corrupt encoding); re-save the file as UTF-8"
        )
    if declared:
        try:
            return normalize_text(data.decode(_web_encoding(declared)))
        except (LookupError, UnicodeDecodeError):
            pass
    return normalize_text(_decode_legacy(data, utf8_error))


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line ends, and no control characters other than tab and newline.

    >>> normalize_text("e\\u0301\\r\\nx\\x00y")
    'é\\nxy'
    """
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is in, or ``None`` when it may be text.

    Magic numbers name the common formats; otherwise NUL bytes (in text without a UTF-16/32
    byte-order mark) or a high share of control bytes mark data as binary.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n...")
    'PNG image'
    >>> binary_kind(b"plain text") is None
    True
    """
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, encoding in BOMS if encoding != "utf-8-sig"):
        return None
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "unknown binary format: contains NUL bytes"
    controls = sum(head.count(b) for b in _CONTROL_BYTES)
    if head and controls / len(head) > 0.05:
        return "unknown binary format: control bytes"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` tag near its start, if any.

    >>> declared_charset(b'<html><head><meta charset="windows-1252">')
    'windows-1252'
    """
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _web_encoding(label: str) -> str:
    """The codec for a declared charset; as browsers do, Latin-1 and ASCII labels mean cp1252."""
    name = codecs.lookup(label).name
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether ``data`` holds at least one well-formed multi-byte UTF-8 sequence."""
    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data) is not None


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if not matches:
        raise InputError(
            f"undecodable bytes: not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start}) and no single-byte encoding reads it as text"
        )
    least = min(m.chaos for m in matches)

    def preference(match) -> int:
        names = [match.encoding, *match.could_be_from_charset]
        return min((LEGACY_ENCODINGS.index(n) for n in names if n in LEGACY_ENCODINGS), default=len(LEGACY_ENCODINGS))

    best = min((m for m in matches if m.chaos <= least + 0.01), key=preference)
    names = [best.encoding, *best.could_be_from_charset]
    encoding = min((n for n in names if n in LEGACY_ENCODINGS), key=LEGACY_ENCODINGS.index, default=best.encoding)
    return data.decode(encoding)
