"""Bytes → one normalised text: encodings, BOMs, normalisation, and what is refused."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from ingest_samples import ACCENTED, BINARIES

from kg.errors import InputError
from kg.ingest.decode import binary_kind, decode, declared_charset

EXPECTED = ACCENTED.rstrip("\n")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(ACCENTED.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + ACCENTED.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(ACCENTED.encode("utf-32"), id="utf-32-bom"),
        pytest.param(ACCENTED.encode("cp1252"), id="cp1252-smart-quotes"),
    ],
)
def test_decode_reads_every_supported_encoding(data):
    assert decode(data).rstrip("\n") == EXPECTED


@pytest.mark.parametrize(
    "text",
    [
        "Café au lait costs £3 in Zürich, said Señor Muñoz.",
        "Chelsea have sacked the striker, who was fined £20,000.",
        "Ça va? Très bien.",
    ],
)
def test_decode_reads_latin_1_as_latin_1(text):
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize(
    "text",
    ["It’s “here” — now…", "‘Quoted’ – dashed"],
)
def test_decode_reads_cp1252_punctuation_in_short_texts(text):
    assert decode(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Привет, как дела? Это новости, которые вы читаете сегодня.", "cp1251"),
        ("Zażółć gęślą jaźń. Polska gospodarka rośnie szybko w tym roku.", "cp1250"),
    ],
)
def test_decode_reads_other_single_byte_code_pages(text, encoding):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param("Cafe\u0301".encode(), "Café", id="decomposed-e-acute"),
        pytest.param("A\u030angstro\u0308m".encode(), "Ångström", id="two-combining-marks"),
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", id="crlf-and-cr"),
        pytest.param("a\u2028b".encode(), "a\nb", id="unicode-line-separator"),
        pytest.param(b"tab\tkept\x07bell dropped", "tab\tkeptbell dropped", id="control-characters"),
    ],
)
def test_decode_normalises_once(data, expected):
    text = decode(data)
    assert text == expected
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_decode_refuses_binary_files(name):
    data, kind = BINARIES[name]
    with pytest.raises(InputError, match="binary file") as caught:
        decode(data)
    assert kind in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Café, ".encode() * 20 + b"\xff\xfe broken", id="utf-8-mixed-with-invalid-bytes"),
        pytest.param(codecs.BOM_UTF8 + b"ok \xff\xff", id="utf-8-bom-then-invalid"),
        pytest.param(codecs.BOM_UTF16_LE + b"a\x00b", id="utf-16-odd-length"),
    ],
)
def test_decode_reports_undecodable_bytes(data):
    with pytest.raises(InputError, match="undecodable bytes"):
        decode(data)


def test_decode_follows_a_declared_charset():
    text = '<html><head><meta charset="windows-1252"></head><body><p>“Zürich”</p></body></html>'
    data = text.encode("cp1252")
    assert declared_charset(data) == "windows-1252"
    assert decode(data, declared=declared_charset(data)) == text


@pytest.mark.parametrize("data", [b"plain text", "Grüße".encode("utf-16"), b"form\x0cfeed"])
def test_decode_binary_kind_lets_text_through(data):
    assert binary_kind(data) is None
