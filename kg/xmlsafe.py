"""Characters XML 1.0 forbids, dropped from text and from serialised XML.

XML 1.0 allows only TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and the
supplementary planes; not even a character reference (``&#1;``) may name
another one. A label holding U+0001 or U+FFFF made GraphML, GEXF and SPARQL
XML results that no XML parser reads. Dropping is the only faithful-enough
choice: the RDF outputs keep the exact text.
"""
from __future__ import annotations

import re

__all__ = ["xml_text", "clean_xml"]

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", text)


def _allowed_reference(m: re.Match[str]) -> str:
    ref = m.group(1)
    try:
        code = int(ref[1:], 16) if ref[0] in "xX" else int(ref)
        ok = code <= 0x10FFFF and not _FORBIDDEN.match(chr(code))
    except (ValueError, OverflowError):
        ok = False
    return m.group() if ok else ""


def clean_xml(data: bytes) -> bytes:
    """Serialised UTF-8 XML with forbidden characters, raw or as references, removed."""
    text = data.decode("utf-8", "replace")
    if not _FORBIDDEN.search(text) and "&#" not in text:
        return data
    return _REFERENCE.sub(_allowed_reference, xml_text(text)).encode("utf-8")
