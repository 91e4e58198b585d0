"""Writing a file whole or not at all, for every layer: the output's files, the tables, the compiled cache.

The bytes go to a temporary file beside the target, under a name no other writer uses (the process
id and a random part, created exclusively), then ``os.replace`` puts it over the target: a reader
sees the old file or the new one, never half of one, and two processes writing the same file at once
each write a whole file and the last one wins. A write that fails (an error, an interrupt) removes
its temporary file and leaves the old file as it was. The temporary name starts with a dot and ends
in ``.tmp``, so no reader of ``*.json`` or ``*.pickle`` meets it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def open_atomic(path: Path, mode: str = "w", *, newline: str | None = None,
                private: bool = False) -> Iterator[IO[Any]]:
    """A file to write ``path`` through (``mode`` "w": UTF-8 text, or "wb"), put in its place when the
    block ends without an error. The folder is made when missing; ``private``: readable by the user
    alone (0600), else as the umask says, as any new file."""
    if mode not in ("w", "wb"):
        raise ValueError(f"mode {mode!r}: 'w' or 'wb'")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600 if private else 0o666)
            break
        except FileExistsError:
            continue
    try:
        if mode == "wb":
            f = os.fdopen(fd, "wb")
        else:
            f = os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)  # nothing half-written is left behind
        except OSError:
            pass
        raise


def write_atomic(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Write ``data`` (bytes, or text as UTF-8) to ``path`` whole or not at all (see ``open_atomic``)."""
    with open_atomic(path, "wb" if isinstance(data, bytes) else "w", private=private) as f:
        f.write(data)
