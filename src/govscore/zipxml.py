"""Reading XML inside an uploaded ZIP package (an Office file) a piece at a time, never all of it.

Both the check of an uploaded Office file and the bound on a workbook's size read parts this way: a part
can unpack to far more than the upload, and a DTD could define entities that expand without end.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from xml.parsers import expat

CHUNK = 64 * 1024
# What reading a damaged or hostile member can raise, besides malformed XML.
READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError)


class StopReading(Exception):
    """Raised by a start handler that has seen enough: the rest of the part is not read."""


class _Forbidden(Exception):
    pass


def stream_xml(archive: zipfile.ZipFile, name: str, start: Callable[[str, dict[str, str]], None]) -> bool:
    """Stream a member through expat (namespaces resolved, `uri local` names) until its end or until
    `start` raises `StopReading`; False when it is missing, not well-formed XML, declares a DTD or cannot
    be unpacked."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start

    def forbidden(*_args: object) -> None:
        raise _Forbidden

    parser.StartDoctypeDeclHandler = forbidden
    parser.EntityDeclHandler = forbidden
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except StopReading:
        return True
    except (KeyError, _Forbidden, expat.ExpatError, *READ_ERRORS):
        return False
    return True
