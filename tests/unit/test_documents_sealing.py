"""Sealing documents: what is stored is not the file, and any change to it is refused; the
type of a file is read from its bytes, and a program or a mismatch is refused."""

import io
import uuid
import zipfile
from pathlib import Path

import pytest

from domain.documents import DocumentDamaged, FileRefused
from service.usecases.records.file_types import DOCX, JPEG, ODT, PDF, PNG, TEXT, file_type
from service.usecases.records.sealing import (
    CHUNK,
    KeysRefused,
    keyring_of,
    new_key,
    seal,
    unseal,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "documents"
OLD_KEY, NEW_KEY = new_key(), new_key()
OLD = keyring_of(f"2025:{OLD_KEY}")
BODY = bytes(range(256)) * (CHUNK // 128)  # two full chunks and a bit more below


def rows(sealed: list[tuple[bytes, bytes]]) -> list[tuple[int, bytes, bytes]]:
    return [(i, nonce, part) for i, (nonce, part) in enumerate(sealed)]


def opened(
    keyring: object, key_id: str, doc: uuid.UUID, chunks: list[tuple[int, bytes, bytes]]
) -> bytes:
    return b"".join(unseal(keyring, key_id, doc, len(chunks), chunks))  # type: ignore[arg-type]


def test_the_sealed_chunks_are_not_the_file_and_open_to_it() -> None:
    doc = uuid.uuid4()
    body = BODY + b"tail"
    sealed = seal(OLD, doc, body)
    assert len(sealed) == 3
    assert all(part[:64] not in body for _, part in sealed)
    assert len({nonce for nonce, _ in sealed}) == 3
    assert opened(OLD, "2025", doc, rows(sealed)) == body


@pytest.mark.parametrize("damage", ["flip", "swap", "drop_last", "other_document"])
def test_a_changed_swapped_or_missing_chunk_is_refused(damage: str) -> None:
    doc = uuid.uuid4()
    chunks = rows(seal(OLD, doc, BODY + b"tail"))
    if damage == "flip":
        index, nonce, part = chunks[1]
        chunks[1] = (index, nonce, part[:10] + bytes([part[10] ^ 1]) + part[11:])
    elif damage == "swap":
        chunks[0], chunks[1] = (0, *chunks[1][1:]), (1, *chunks[0][1:])
    elif damage == "drop_last":
        chunks = chunks[:-1]
    else:
        doc = uuid.uuid4()
    with pytest.raises(DocumentDamaged):
        opened(OLD, "2025", doc, chunks)


def test_a_new_key_opens_nothing_the_old_one_sealed_until_both_are_held() -> None:
    doc = uuid.uuid4()
    chunks = rows(seal(OLD, doc, b"decree"))
    with pytest.raises(DocumentDamaged, match="no longer holds"):
        opened(keyring_of(f"2026:{NEW_KEY}"), "2025", doc, chunks)
    both = keyring_of(f"2026:{NEW_KEY},2025:{OLD_KEY}")
    assert both.current == "2026"
    assert opened(both, "2025", doc, chunks) == b"decree"


@pytest.mark.parametrize("setting", ["", "nokey", "a:not base64!", "a:" + "A" * 10])
def test_keys_that_are_not_id_and_32_byte_key_are_refused_without_showing_them(
    setting: str,
) -> None:
    with pytest.raises(KeysRefused) as refused:
        keyring_of(setting)
    assert "not base64!" not in str(refused.value) and "AAAAAAAAAA" not in str(refused.value)
    assert "not base64!" not in repr(keyring_of(f"k:{new_key()}"))


def zipped(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCX_BYTES = zipped({
    "[Content_Types].xml": f'<Types><Override PartName="/word/document.xml" ContentType="{MAIN}"/>'
    "</Types>",
    "word/document.xml": "<w:document/>",
})  # fmt: skip
ODT_BYTES = zipped({"mimetype": ODT, "content.xml": "<office:document-content/>"})


@pytest.mark.parametrize(
    ("name", "body", "kind"),
    [
        ("p3-form.pdf", (FIXTURES / "p3-form.pdf").read_bytes(), PDF),
        ("injury.JPG", (FIXTURES / "injury-photograph.jpg").read_bytes(), JPEG),
        ("injury.png", (FIXTURES / "injury-photograph.png").read_bytes(), PNG),
        ("report.txt", (FIXTURES / "medical-report.txt").read_bytes(), TEXT),
        ("affidavit.docx", DOCX_BYTES, DOCX),
        ("statement.odt", ODT_BYTES, ODT),
    ],
)
def test_the_kinds_haki_keeps_are_known_by_their_bytes(name: str, body: bytes, kind: str) -> None:
    assert file_type(body, name, None).content_type == kind
    assert file_type(body, name, "application/octet-stream").content_type == kind


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


@pytest.mark.parametrize(
    ("name", "body", "declared", "why"),
    [
        ("p3-form.pdf", WINDOWS_PROGRAM, "application/pdf", "program"),
        ("report.txt", LINUX_PROGRAM, None, "program"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n", "text/plain", "program"),
        ("p3-form.jpg", (FIXTURES / "p3-form.pdf").read_bytes(), None, "ending"),
        ("p3-form.pdf", (FIXTURES / "p3-form.pdf").read_bytes(), "image/png", "type it was sent"),
        ("archive.docx", zipped({"a.txt": "x"}), None, "none of them"),
        ("nul.txt", b"a\x00b", None, "none of them"),
    ],
)
def test_programs_and_mismatches_are_refused(
    name: str, body: bytes, declared: str | None, why: str
) -> None:
    with pytest.raises(FileRefused, match=why):
        file_type(body, name, declared)
