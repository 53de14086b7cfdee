"""Reading a PDF back in tests, with pypdf (independent of ReportLab, which writes them)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class ReadPdf:
    pages: list[str]  # the extracted text of each page
    fonts: set[str]  # base font names without the subset prefix (``Helvetica``, ``STSong-Light`` ...)
    embedded: set[str]  # those whose program is in the file
    sizes: list[tuple[float, float]]  # width, height of each page in points

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def spaced(self) -> str:
        """The text with each run of whitespace (line breaks between cells) as one space."""
        return " ".join(self.text.split())

    @property
    def flat(self) -> str:
        """The text without whitespace, for Chinese that a line break may have cut."""
        return "".join(self.text.split())


def read_pdf(data: bytes) -> ReadPdf:
    """``data`` parsed as a PDF (strict: a malformed file raises)."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(data), strict=True)
    fonts: set[str] = set()
    embedded: set[str] = set()
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            fonts.add(name)
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            if descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                embedded.add(name)
    return ReadPdf(
        pages=[page.extract_text() for page in reader.pages],
        fonts=fonts,
        embedded=embedded,
        sizes=[(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages],
    )
