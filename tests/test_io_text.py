"""Reading text input: encodings, binary data, file-system errors, size limit."""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import os
import random
import sys
import warnings
import zipfile

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from resdiff._errors import BinaryInputError, DecodeError, InputError, ResdiffError, ResdiffWarning
from resdiff._io import text as textio
from resdiff._io.text import TextInput, decode_bytes, read_text
from strategies import unicode_text

ZH = "第68号决议（2024年，新德里，修订版）\n考虑到\na)\t业界的参与；\n"
EN = "RESOLUTION 68 (Rev. New Delhi, 2024)\nconsidering\na)\tthat industry takes part;\n"


@pytest.fixture
def no_warnings():
    """Turn every warning into an error for the duration of a test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# ---------------------------------------------------------------- encodings


def test_utf8_without_bom_is_certain(tmp_path, no_warnings):
    """Valid UTF-8 decodes as UTF-8, is not a guess and raises no warning."""
    result = read_text(_write(tmp_path, "a.txt", ZH.encode("utf-8")))
    assert result == TextInput(ZH, "utf-8", False, str(tmp_path / "a.txt"))


def test_utf8_bom_is_dropped(tmp_path, no_warnings):
    """A UTF-8 byte-order mark is an encoding mark: it is removed, and the codec says utf-8-sig."""
    result = read_text(_write(tmp_path, "a.txt", codecs.BOM_UTF8 + ZH.encode("utf-8")))
    assert (result.text, result.encoding, result.guessed) == (ZH, "utf-8-sig", False)


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    ],
)
def test_utf16_and_utf32_with_bom(tmp_path, no_warnings, bom, codec, expected):
    """UTF-16/32 with a byte-order mark in either byte order decode exactly, BOM removed."""
    text = ZH + "emoji 😀 𠀀\r\n"
    result = read_text(_write(tmp_path, "a.txt", bom + text.encode(codec)))
    assert (result.text, result.encoding, result.guessed) == (text, expected, False)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_a_guess(codec):
    """Mostly-ASCII UTF-16 without a BOM is recognised by its NUL pattern, with a warning."""
    with pytest.warns(ResdiffWarning, match=r"decoded as UTF-16-(LE|BE) \(guessed\)"):
        result = decode_bytes(EN.encode(codec), source="en.txt")
    assert (result.text, result.encoding, result.guessed) == (EN, codec, True)


def test_gb18030_is_detected_with_a_warning(tmp_path):
    """GB18030 bytes that are not UTF-8 decode as GB18030, flagged as a guess with a warning naming the file."""
    path = _write(tmp_path, "zh.txt", ZH.encode("gb18030"))
    with pytest.warns(ResdiffWarning, match=r"zh\.txt: not UTF-8 \(byte 0\); decoded as GB18030 \(guessed\)"):
        result = read_text(path)
    assert (result.text, result.encoding, result.guessed) == (ZH, "gb18030", True)


def test_guess_warning_names_the_callers_line():
    """The encoding-guess warning points at the code that called read_text/decode_bytes, not into resdiff."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        decode_bytes(ZH.encode("gb18030"))
        read_text("-", stdin=io.BytesIO(ZH.encode("gb18030")))
    assert [w.filename for w in caught] == [__file__, __file__]


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "GB18030", "cp936"])
def test_chinese_encodings_given_explicitly(tmp_path, no_warnings, codec):
    """An encoding named by the caller is used strictly and is not a guess."""
    result = read_text(_write(tmp_path, "zh.txt", ZH.encode(codec)), codec)
    assert result.text == ZH
    assert result.encoding == codecs.lookup(codec).name
    assert not result.guessed


def test_gb18030_four_byte_characters_round_trip(no_warnings):
    """GB18030's four-byte sequences (astral plane, rare CJK) decode exactly when given."""
    text = "𠀀𪚥😀 ㈠ € ‰\u3000"
    assert decode_bytes(text.encode("gb18030"), "gb18030").text == text


def test_explicit_utf8_accepts_a_bom(no_warnings):
    """Naming UTF-8 for a file with a UTF-8 BOM drops the mark instead of keeping U+FEFF."""
    result = decode_bytes(codecs.BOM_UTF8 + b"abc", "utf-8")
    assert (result.text, result.encoding) == ("abc", "utf-8-sig")


def test_leading_feff_reads_as_a_bom(no_warnings):
    """A text that starts with U+FEFF has the BOM's bytes, so it reads as a marked text without it."""
    assert decode_bytes("\ufeffabc".encode("utf-8"), "utf-8").text == "abc"
    assert decode_bytes("\ufeffabc".encode("utf-8")).text == "abc"


def test_explicit_utf16le_accepts_a_matching_bom(no_warnings):
    """Naming UTF-16-LE for a file with the LE BOM drops the mark."""
    assert decode_bytes(codecs.BOM_UTF16_LE + "文本".encode("utf-16-le"), "utf-16-le").text == "文本"


# ---------------------------------------------------------------- byte-order marks that lie


@pytest.mark.parametrize(
    ("bom", "body", "actual"),
    [
        (codecs.BOM_UTF16_LE, ZH.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF16_BE, ZH.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF16_LE, EN.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF32_LE, ZH.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF32_BE, EN.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8, EN.encode("utf-16-le"), "UTF-16-LE"),
        (codecs.BOM_UTF8, EN.encode("utf-16-be"), "UTF-16-BE"),
        (codecs.BOM_UTF16_LE, EN.encode("utf-16-be"), "UTF-16-BE"),
        (codecs.BOM_UTF16_BE, EN.encode("utf-16-le"), "UTF-16-LE"),
    ],
    ids="16le+utf8-zh 16be+utf8-zh 16le+utf8-en 32le+utf8 32be+utf8 utf8+16le utf8+16be 16le+16be 16be+16le".split(),
)
def test_a_byte_order_mark_that_contradicts_the_bytes_is_not_trusted(tmp_path, bom, body, actual):
    """A mark in front of bytes of another encoding decodes as the bytes are, with a warning saying so."""
    expected = ZH if ZH.encode("utf-8") == body else EN
    path = _write(tmp_path, "stray-mark.txt", bom + body)
    with pytest.warns(ResdiffWarning, match=rf"byte-order mark in front of {actual} text; decoded as {actual}"):
        result = read_text(path)
    assert result.text == expected
    assert result.guessed and result.encoding == actual.lower()


def test_a_utf8_mark_does_not_make_nul_bytes_text(tmp_path):
    """After a UTF-8 byte-order mark, NUL bytes are binary data as they are without one."""
    path = _write(tmp_path, "marked-noise.txt", codecs.BOM_UTF8 + b"considering\x00\x00\x01\x00\xff")
    with pytest.raises(BinaryInputError, match=r"NUL bytes"):
        read_text(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("text", [ZH, EN, "第68号决议\n", "a"])
def test_genuine_utf16_and_utf32_with_an_ascii_character_keep_their_mark(no_warnings, codec, text):
    """UTF-16/32 text holding an ASCII character (any line break does) is read by its mark, no warning."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    result = decode_bytes(bom + text.encode(codec))
    assert result.text == text and not result.guessed


# ---------------------------------------------------------------- codecs that do not give text


@pytest.mark.parametrize(
    ("data", "encoding", "code_point"),
    [(b"+2AA-considering\n", "utf-7", "D800"), (b"considering \\udfff\n", "unicode_escape", "DFFF")],
)
def test_an_encoding_that_yields_lone_surrogates_is_a_decode_error(data, encoding, code_point):
    """A codec that turns the bytes into a lone surrogate is refused in one sentence naming it."""
    with pytest.raises(DecodeError, match=rf"^x: decoding as {encoding} gives a lone surrogate \(U\+{code_point}\)"):
        decode_bytes(data, encoding, source="x")


def test_utf7_that_is_text_still_decodes(no_warnings):
    """utf-7 bytes that decode to real text (a surrogate pair is one character) are accepted."""
    text = "考虑到 😀\n"
    assert decode_bytes(text.encode("utf-7"), "utf-7").text == text


@pytest.mark.parametrize("name", ["utf\x00", "", "\udcff", "x" * 300])
def test_impossible_encoding_names_are_input_errors(name):
    """An encoding name with a NUL, a stray surrogate, or none at all is an unknown encoding, not a crash."""
    with pytest.raises(InputError, match=r"^x: unknown encoding "):
        decode_bytes(b"abc", name, source="x")


@pytest.mark.parametrize(
    "text",
    [
        "a\r\nb\r\n",
        "a\rb\r",
        "a\nb",
        "mixed\r\nline\rends\n",
        "no\u00a0break\u3000ideographic\u2002en",
        "zero\u200bwidth\u200c\u200d\u2060\ufeffjoiner",
        "emoji 😀👩🏽‍💻🇨🇳 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 𠀀",
        "القرار 68 (المراجَع في نيودلهي، 2024)",
        "e\u0301 a\u0308 \u1100\u1161\u11a8 क्षि",
        "full-width ＡＢＣ（１）；，。",
        "\u202eRTL override\u202c \u200fmark",
    ],
)
def test_text_is_kept_character_for_character(no_warnings, text):
    """Line endings, special spaces, zero-width, astral, RTL and combining characters come back unchanged."""
    for codec in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert decode_bytes(text.encode(codec)).text == text


def test_very_long_line_and_10_mb_document(tmp_path, no_warnings):
    """A 10 MB document, one of its lines 1 MB long, reads back exactly."""
    line = "很长的一行，" * 60_000
    body = line + "\n" + ZH * (10 * 1024 * 1024 // len(ZH.encode()))
    path = _write(tmp_path, "big.txt", body.encode("utf-8"))
    assert os.path.getsize(path) >= 10 * 1024 * 1024
    assert read_text(path).text == body


def test_empty_file(tmp_path, no_warnings):
    """An empty file is valid, empty UTF-8 text (an absent side: ADD or SUP)."""
    assert read_text(_write(tmp_path, "e.txt", b"")) == TextInput("", "utf-8", False, str(tmp_path / "e.txt"))


def test_stdin_dash(no_warnings):
    """``-`` reads bytes from the given standard input and names the source ``-``."""
    result = read_text("-", stdin=io.BytesIO(ZH.encode("utf-16")))
    assert (result.text, result.source) == (ZH, "-")


def test_stdin_defaults_to_sys_stdin_buffer(monkeypatch, no_warnings):
    """Without a stream argument, ``-`` reads ``sys.stdin.buffer``."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(EN.encode("utf-8"))))
    assert read_text("-").text == EN


def test_pathlike_is_accepted(tmp_path, no_warnings):
    """A pathlib.Path works like a str path and the source is its string form."""
    path = tmp_path / "a.txt"
    path.write_bytes(EN.encode())
    assert read_text(path).source == str(path)


# ---------------------------------------------------------------- bad encodings


def test_undecodable_under_given_encoding_names_file_byte_and_encoding(tmp_path):
    """Bytes invalid under the given encoding raise DecodeError with the path, byte offset and encoding."""
    data = b"considering\n" + b"a)\tthe text \xff\xfe;\n"
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(DecodeError, match=rf"^{ _re(path) }: byte {data.index(0xFF)} is not valid utf-8$"):
        read_text(path, "utf-8")


def test_undecodable_offset_counts_the_bom(tmp_path):
    """The byte offset in a decode error is an offset into the file, BOM included."""
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xdc"  # a lone low surrogate
    with pytest.raises(DecodeError, match=r"x: byte 6 is not valid utf-16"):
        decode_bytes(data, source="x")


def test_undetectable_bytes_name_both_attempts():
    """Bytes neither UTF-8 nor GB18030 raise DecodeError naming both offsets and the way out."""
    data = b"abc \x80 def"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, source="f.txt")
    assert str(info.value) == (
        "f.txt: byte 4 is not valid UTF-8 and byte 4 is not valid GB18030; name the encoding with --encoding"
    )


def test_truncated_utf16_is_a_decode_error():
    """A UTF-16 file with an odd byte count fails to decode instead of losing its last byte."""
    with pytest.raises(DecodeError, match=r"f: byte \d+ is not valid utf-16"):
        decode_bytes("abc".encode("utf-16") + b"x", source="f")


def test_unknown_encoding_name():
    """An encoding name Python does not know raises InputError naming it."""
    with pytest.raises(InputError, match=r"^f\.txt: unknown encoding 'klingon-8'$"):
        decode_bytes(b"abc", "klingon-8", source="f.txt")


def test_non_text_codec_is_refused():
    """Codecs that are not text encodings (base64, zlib) are refused by name."""
    with pytest.raises(InputError, match="'base64' is not a text encoding"):
        decode_bytes(b"YWJj", "base64", source="f")


def test_decode_error_is_a_unicode_error_and_an_input_error():
    """DecodeError can be caught as UnicodeError, ValueError, InputError or ResdiffError."""
    with pytest.raises(DecodeError) as info:
        decode_bytes(b"\xff", "utf-8")
    assert all(isinstance(info.value, cls) for cls in (UnicodeError, ValueError, InputError, ResdiffError))


# ---------------------------------------------------------------- binary data


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


BINARIES = {
    "PDF document": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "ZIP archive": _zip_bytes(),
    "PNG image": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20),
    "JPEG image": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
    "GIF image": b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
    "ELF executable": b"\x7fELF\x02\x01\x01" + bytes(9),
    "gzip archive": gzip.compress(b"considering\n"),
    "legacy Word/OLE2 document": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "TIFF image": b"II*\x00\x08\x00\x00\x00",
    "WebP image": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "xz archive": b"\xfd7zXZ\x00\x00\x04",
}


@pytest.mark.parametrize("what", sorted(BINARIES))
def test_binary_signatures_are_refused(tmp_path, what):
    """Known binary formats raise BinaryInputError naming the file and the format."""
    path = _write(tmp_path, "input.txt", BINARIES[what])
    with pytest.raises(BinaryInputError, match=rf"^{_re(path)}: binary data \({_re(what)}\), not text"):
        read_text(path)


def test_zip_message_suggests_docx():
    """A ZIP passed as text gets a hint that it may be a .docx."""
    with pytest.raises(BinaryInputError, match=r"a \.docx\?"):
        decode_bytes(BINARIES["ZIP archive"], source="r.txt")


@pytest.mark.parametrize("what", sorted(BINARIES))
def test_binary_signatures_are_refused_with_an_explicit_encoding(what):
    """Naming an 8-bit encoding does not let a PDF or image through as text."""
    with pytest.raises(BinaryInputError):
        decode_bytes(BINARIES[what], "latin-1", source="f")


def test_random_bytes_are_binary():
    """Random bytes (NULs and controls in the first 8 KB) are refused as binary."""
    data = random.Random(68).randbytes(64 * 1024)
    with pytest.raises(BinaryInputError, match=r"^f: binary data \(NUL bytes at byte \d+\), not text$"):
        decode_bytes(data, source="f")


def test_control_characters_without_nul_are_binary():
    """Text thick with control bytes (but no NUL) is refused as binary."""
    data = bytes(range(1, 9)) * 100 + b"text"
    with pytest.raises(BinaryInputError, match=r"control bytes"):
        decode_bytes(data, source="f")


def test_word_line_breaks_and_form_feeds_are_text(no_warnings):
    """Vertical tab (Word's manual line break), form feed and ESC are not taken for binary."""
    text = "considering\x0ba)\tline\x0cpage\x1b[0m" * 50
    assert decode_bytes(text.encode()).text == text


def test_a_few_stray_controls_are_text(no_warnings):
    """A handful of control bytes in a long text are kept, not refused."""
    text = ("considering the text " * 20 + "\x07") * 10
    assert decode_bytes(text.encode()).text == text


def test_nul_free_utf16_with_explicit_encoding_is_not_binary(no_warnings):
    """An explicit UTF-16 encoding skips the NUL check, since UTF-16 text is full of NULs."""
    assert decode_bytes(EN.encode("utf-16-le"), "utf-16-le").text == EN


# ---------------------------------------------------------------- file system


def test_missing_file(tmp_path):
    """A path that does not exist raises InputError '<path>: no such file'."""
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=rf"^{_re(path)}: no such file$"):
        read_text(path)


def test_directory(tmp_path):
    """A directory raises InputError '<path>: is a directory'."""
    with pytest.raises(InputError, match=rf"^{_re(str(tmp_path))}: is a directory$"):
        read_text(tmp_path)


def test_parent_is_a_file(tmp_path):
    """A path under a regular file raises InputError, not NotADirectoryError."""
    parent = _write(tmp_path, "f.txt", b"x")
    with pytest.raises(InputError, match=r"no such file \(a parent is not a directory\)$"):
        read_text(os.path.join(parent, "x.txt"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    """A file without read permission raises InputError '<path>: permission denied'."""
    path = _write(tmp_path, "secret.txt", b"x")
    os.chmod(path, 0)
    with pytest.raises(InputError, match=rf"^{_re(path)}: permission denied$"):
        read_text(path)


def test_unreadable_file_as_any_user(tmp_path, monkeypatch):
    """EACCES from the operating system becomes InputError '<path>: permission denied' (works as root too)."""
    path = _write(tmp_path, "secret.txt", b"x")

    def denied(p, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), p)

    monkeypatch.setattr(textio.os, "open", denied)
    with pytest.raises(InputError, match=rf"^{_re(path)}: permission denied$"):
        read_text(path)


def test_other_os_errors_are_input_errors(tmp_path, monkeypatch):
    """Any other OSError while opening becomes InputError '<path>: cannot read (<reason>)'."""

    def eio(p, *args, **kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO), p)

    monkeypatch.setattr(textio.os, "open", eio)
    with pytest.raises(InputError, match=r"^x\.txt: cannot read \(input/output error\)$"):
        read_text("x.txt")


def test_read_error_midway_is_an_input_error():
    """An OSError while reading a stream becomes InputError naming the source."""

    class Failing(io.RawIOBase):
        def readinto(self, b):
            raise OSError(errno.EIO, "Input/output error")

        def readable(self):
            return True

    with pytest.raises(InputError, match=r"^-: cannot read \(input/output error\)$"):
        read_text("-", stdin=Failing())


def test_size_limit_for_regular_files(tmp_path, monkeypatch):
    """A regular file larger than MAX_INPUT_BYTES is refused before it is read."""
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 1024 * 1024)
    path = _write(tmp_path, "big.txt", b"a" * (1024 * 1024 + 1))
    with pytest.raises(InputError, match=rf"^{_re(path)}: 1 MB is more than the 1 MB limit$"):
        read_text(path)


def test_size_limit_for_streams(monkeypatch):
    """A pipe that delivers more than MAX_INPUT_BYTES is refused once the limit is passed."""
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 3 * 1024 * 1024)
    with pytest.raises(InputError, match=r"^-: more than the 3 MB limit$"):
        read_text("-", stdin=io.BytesIO(b"a" * (3 * 1024 * 1024 + 1)))


def test_file_exactly_at_the_limit_is_read(tmp_path, monkeypatch, no_warnings):
    """A file of exactly MAX_INPUT_BYTES is accepted."""
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 2 * 1024 * 1024)
    path = _write(tmp_path, "edge.txt", b"a" * (2 * 1024 * 1024))
    assert len(read_text(path).text) == 2 * 1024 * 1024


def test_documented_limit_is_200_mb():
    """The documented input limit is 200 MB."""
    assert textio.MAX_INPUT_BYTES == 200 * 1024 * 1024


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_from_its_first_bytes(tmp_path, device):
    """A .txt that is a symbolic link to /dev/zero or /dev/urandom is refused as binary after one chunk."""
    link = tmp_path / "looks-like-text.txt"
    link.symlink_to(device)
    with pytest.raises(BinaryInputError, match=rf"^{_re(str(link))}: binary data"):
        read_text(str(link))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_an_endless_device_that_decodes_stops_at_the_limit_and_says_what_it_is(tmp_path, monkeypatch):
    """/dev/zero read as UTF-16 (NULs are text there) stops at the size limit, named as a device."""
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 3 * 1024 * 1024)
    link = tmp_path / "zeros.txt"
    link.symlink_to("/dev/zero")
    expected = rf"^{_re(str(link))}: more than the 3 MB limit \(read from a character device, not a regular file\)$"
    with pytest.raises(InputError, match=expected):
        read_text(str(link), "utf-16-le")


def test_an_endless_fifo_stops_at_the_limit(tmp_path, monkeypatch):
    """A FIFO that never ends is read up to the size limit, then refused naming it as a FIFO."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    import threading

    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 2 * 1024 * 1024)
    fifo = str(tmp_path / "endless.txt")
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as pipe:
                while True:
                    pipe.write(b"considering\n" * 4096)
        except BrokenPipeError:
            pass  # the reader stopped at the limit, as it should

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    with pytest.raises(InputError, match=r"more than the 2 MB limit \(read from a FIFO, not a regular file\)$"):
        read_text(fifo)
    writer.join(5)


def _sniff_sized(parts: tuple[bytes, bytes, bytes]) -> bytes:
    """A head, a unit repeated past SNIFF_BYTES, and a tail: inputs long enough for the early check."""
    head, unit, tail = parts
    return (head + unit * (textio.SNIFF_BYTES // len(unit) + 1))[: textio.SNIFF_BYTES] + tail


_SNIFF_SIZED = st.tuples(st.binary(max_size=32), st.binary(min_size=1, max_size=8), st.binary(max_size=32)).map(
    _sniff_sized
)


@given(data=_SNIFF_SIZED, encoding=st.sampled_from([None, "utf-8", "utf-16", "gb18030", "latin-1"]))
@example(data=b"\x00" * textio.SNIFF_BYTES, encoding=None)
@example(data=b"a\x00" * (textio.SNIFF_BYTES // 2) + b"\x01", encoding=None)
def test_property_early_refusal_agrees_with_the_decode(data, encoding):
    """Whatever the first-bytes check refuses, the full decode refuses too, with the same error."""
    try:
        textio._refuse_early(data[: textio.SNIFF_BYTES], encoding, "x")
    except InputError as early:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResdiffWarning)
            with pytest.raises(type(early)) as full:
                decode_bytes(data, encoding, source="x")
        assert str(full.value) == str(early)


def test_fifo_is_read(tmp_path, no_warnings):
    """A named pipe (as from shell process substitution) is read to its end."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    import threading

    fifo = str(tmp_path / "pipe")
    os.mkfifo(fifo)
    def feed() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(ZH.encode())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert read_text(fifo).text == ZH
    finally:
        writer.join(5)


# ---------------------------------------------------------------- properties


_TEXT_SAFE = unicode_text().filter(lambda s: not any(ord(c) in textio._CONTROL_BYTES for c in s))


@given(text=_TEXT_SAFE, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
@example(text="", codec="utf-8")
@example(text="😀", codec="utf-16-be")
def test_property_unicode_round_trip_with_given_encoding(text, codec):
    """Any text encoded with a Unicode codec decodes back to itself when that codec is named."""
    # A leading U+FEFF in BOM-less UTF-8/16 is the BOM's bytes: read as the mark (see the test below).
    assume(not (text.startswith("\ufeff") and codec in ("utf-8", "utf-16-le", "utf-16-be")))
    assert decode_bytes(text.encode(codec), codec).text == text


@given(text=_TEXT_SAFE, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_property_unicode_round_trip_detected(text, codec):
    """Any text in UTF-8 (with or without BOM) or BOM-marked UTF-16/32 is detected and decoded exactly.

    UTF-16 text without a single ASCII character may also be valid UTF-8; the
    mark is then doubted (test_a_byte_order_mark_that_contradicts_the_bytes…).
    """
    assume(not (text.startswith("\ufeff") and codec == "utf-8"))  # the BOM's bytes: see test_leading_feff…
    assume(codec != "utf-16" or not text or any(ord(c) < 0x80 for c in text))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = decode_bytes(text.encode(codec))
    assert result.text == text
    assert not result.guessed


@given(text=_TEXT_SAFE.filter(lambda s: all(c != "\x00" for c in s)))
def test_property_gb18030_round_trip(text):
    """Any text encoded in GB18030 decodes back exactly, named or (when it is not UTF-8) detected."""
    data = text.encode("gb18030")
    assert decode_bytes(data, "gb18030").text == text
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.warns(ResdiffWarning, match="GB18030"):
            assert decode_bytes(data).text == text


@given(data=st.binary(max_size=4096), encoding=st.sampled_from([None, "utf-8", "gb18030", "utf-16", "latin-1"]))
@example(data=codecs.BOM_UTF16_LE + b"\x00\xd8", encoding=None)
@example(data=b"\xff\xfe\x00\x00\x00\x00\x11\x00", encoding=None)
@example(data=codecs.BOM_UTF16_LE + b"ab\n", encoding=None)
@example(data=codecs.BOM_UTF8 + "ab".encode("utf-16-le"), encoding=None)
def test_property_any_bytes_decode_losslessly_or_fail_cleanly(data, encoding):
    """Arbitrary bytes either decode to text that encodes back to the same bytes, or raise InputError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResdiffWarning)
        try:
            result = decode_bytes(data, encoding, source="x")
        except InputError as exc:
            assert str(exc).startswith("x: ")
            return
    assert data in _source_bytes(result)


def _source_bytes(result: TextInput) -> set[bytes]:
    """The byte strings a TextInput may have come from (both byte orders for BOM codecs)."""
    if result.encoding in ("utf-16", "utf-32"):
        width = result.encoding
        boms = {
            "utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
            "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
        }
        le, be = boms[width]
        bare_le, bare_be = result.text.encode(width + "-le"), result.text.encode(width + "-be")
        # With the codec named and no BOM in the data, Python reads the machine's byte order.
        return {le + bare_le, be + bare_be, bare_le if sys.byteorder == "little" else bare_be}
    bare = result.text.encode(result.encoding)
    if result.guessed:  # perhaps behind a byte-order mark that the bytes contradicted
        marks = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
        return {bare, *(mark + bare for mark in marks)}
    return {bare}


def _re(s: str) -> str:
    import re

    return re.escape(s)
