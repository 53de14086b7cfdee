"""Which font sets Chinese text: an embedded TrueType CJK font when there is one, else STSong-Light.

``settings.HANSA_PDF_CJK_FONT`` (environment variable of the same name) chooses:

- empty (the default): the first of :data:`CANDIDATES` that exists on the machine and loads, else
  STSong-Light;
- a path to a ``.ttf`` or ``.ttc`` file, with ``#N`` for the N-th face of a collection
  (``/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#0``): that font, or STSong-Light with a warning in the
  log when it cannot be used (missing, not TrueType, no Chinese glyphs);
- ``STSong-Light``: always the CID font.

An embedded font is subset (only the glyphs a document uses are written, some kilobytes) and looks the
same in every reader. ReportLab embeds TrueType outlines only: the OpenType/CFF fonts of
``fonts-noto-cjk`` (``NotoSansCJK-Regular.ttc``) are refused ("postscript outlines are not supported"),
which is why they are not candidates and a setting naming one falls back. Debian's ``fonts-wqy-zenhei``,
``fonts-wqy-microhei`` and ``fonts-arphic-uming`` are TrueType and embed.

STSong-Light is Adobe's standard Simplified Chinese CID font: nothing is embedded, every PDF reader
supplies it (Acrobat and pdf.js with their CJK packs, poppler through fontconfig substitution), and text
extraction works through the ``UniGB-UCS2-H`` encoding.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

logger = logging.getLogger(__name__)

CID_FONT = "STSong-Light"
CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#0",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0",
    "/usr/share/fonts/truetype/arphic/uming.ttc#0",
    "/usr/share/fonts/truetype/arphic/ukai.ttc#0",
)
# A font that lacks these is not a Chinese font, whatever its name says.
_PROBE = "中文金额壹贰叁元整"


@dataclass(frozen=True)
class CjkFont:
    """A registered ReportLab font for Chinese text: ``name`` to use in styles, ``embedded`` when it is a
    TrueType font written into the PDF, ``source`` the file (or the CID font's name)."""

    name: str
    embedded: bool
    source: str


class FontUnusable(Exception):
    pass


def _load_truetype(spec: str) -> CjkFont:
    path, _, index = spec.partition("#")
    if not Path(path).is_file():
        raise FontUnusable(f"no file {path}")
    try:
        font = TTFont(f"HansaCJK-{Path(path).stem}-{index or 0}", path, subfontIndex=int(index or 0))
    except (TTFError, ValueError, OSError) as error:
        raise FontUnusable(str(error)) from error
    missing = [ch for ch in _PROBE if ord(ch) not in font.face.charToGlyph]
    if missing:
        raise FontUnusable(f"no glyphs for {''.join(missing)}")
    pdfmetrics.registerFont(font)
    return CjkFont(name=font.fontName, embedded=True, source=spec)


def _cid_font() -> CjkFont:
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CjkFont(name=CID_FONT, embedded=False, source=CID_FONT)


@lru_cache(maxsize=8)
def resolve_cjk_font(setting: str) -> CjkFont:
    """The font ``setting`` (a value of ``HANSA_PDF_CJK_FONT``) stands for, registered with ReportLab."""
    setting = setting.strip()
    if setting == CID_FONT:
        return _cid_font()
    if setting:
        try:
            return _load_truetype(setting)
        except FontUnusable as error:
            logger.warning("HANSA_PDF_CJK_FONT %s is not usable (%s); using %s", setting, error, CID_FONT)
            return _cid_font()
    for candidate in CANDIDATES:
        try:
            return _load_truetype(candidate)
        except FontUnusable:
            continue
    return _cid_font()


def cjk_font() -> CjkFont:
    """The font for Chinese text under the current settings."""
    return resolve_cjk_font(str(getattr(settings, "HANSA_PDF_CJK_FONT", "") or ""))
