"""What a file is, read from its bytes: the kinds of file Haki keeps, and nothing else.

A file's name and the type the browser declared are only claims: the first bytes decide
(`filetype` reads the magic numbers), and a claim that disagrees with them is refused, so a
program renamed `p3.pdf` or a page renamed `scan.jpg` never reaches a colleague's computer.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype

from domain.documents import FileRefused
from domain.errors import N_

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"

KEPT = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg"), PNG: (".png",), DOCX: (".docx",),
        ODT: (".odt",), TEXT: (".txt",)}  # fmt: skip
"""the types Haki keeps and the names' endings that claim each"""
PROGRAMS = {"application/x-msdownload", "application/x-executable", "application/x-sharedlib",
            "application/wasm", "application/x-shockwave-flash", "application/x-deb",
            "application/x-rpm"}  # fmt: skip
_MACH_O = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
           b"\xca\xfe\xba\xbe")  # fmt: skip
_ALLOWED_CONTROL = {9, 10, 12, 13}
"""tab, line feed, form feed, carriage return: the control characters of a plain letter"""
KINDS_IN_WORDS = "PDF, JPEG, PNG, Word (.docx), OpenDocument text (.odt) or plain text (.txt)"


@dataclass(frozen=True)
class FileType:
    content_type: str
    ending: str


def _text(body: bytes) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ord(c) >= 32 or ord(c) in _ALLOWED_CONTROL for c in text)


A_PROGRAM = N_("The file is a program, and Haki never keeps programs.")
"""refused outright, whatever the file's name says; the upload page says it in its own words"""


def _program(body: bytes, found: str | None) -> bool:
    return found in PROGRAMS or body.startswith(_MACH_O) or body.startswith(b"#!")


def sniffed(body: bytes) -> str | None:
    """The type of `body` by its bytes, or None for a kind Haki does not keep; refuses a
    program outright."""
    guess = filetype.guess(body) if body else None
    found: str | None = str(guess.mime) if guess else None
    if _program(body, found):
        raise FileRefused(A_PROGRAM)
    if found in KEPT:
        return found
    if found == "image/apng":  # an animated PNG is a PNG a viewer shows still
        return PNG
    if found is None and _text(body):
        return TEXT
    return None


def file_type(body: bytes, file_name: str, declared: str | None) -> FileType:
    """The file's type, when its bytes, its name's ending and the declared type agree."""
    found = sniffed(body)
    if found is None:
        raise FileRefused(
            N_("Haki keeps %(kinds)s files; this file is none of them."), kinds=KINDS_IN_WORDS
        )
    ending = PurePosixPath(file_name.replace("\\", "/")).suffix.lower()
    if ending not in KEPT[found]:
        raise FileRefused(
            N_(
                "The file's contents do not match the ending of its name: give it the right "
                "ending, or send the file you meant."
            )
        )
    claimed = (declared or "").split(";")[0].strip().lower()
    if claimed and claimed != "application/octet-stream" and claimed != found:
        raise FileRefused(N_("The file's contents do not match the type it was sent as."))
    return FileType(found, ending)
