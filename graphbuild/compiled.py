"""Compiled lexicons on disk: a new process loads the built matchers and tables instead of building them.

Building the gazetteer matchers, parsing the YAML language files and reading the CRF model cost a
fresh process seconds of CPU before its first article; unpickling what they built costs a tenth
of that. Each entry is one file, ``<name>-<arguments' digest>.<key>.pickle``, in the cache folder:

- ``$GRAPHBUILD_CACHE_DIR`` if set (set but empty: no cache at all), else
  ``$XDG_CACHE_HOME/graphbuild``, else ``~/.cache/graphbuild``; never inside the package.
- The key hashes graphbuild's own code and data files (``code_and_data_hash``), the libraries whose
  data a build reads (``library_versions``), Python's version, the entry's name and its arguments:
  any edit to a gazetteer or to the code that compiles it is a new key, so a stale file is never read.
- The file starts with its full key, checked before the rest is unpickled; a file that is short,
  corrupt or for another key is rebuilt and replaced.
- Writes go to a temporary file of a unique name, then ``os.replace`` (``files.open_atomic``): two
  processes building at once each write a whole file and the last one wins; no reader sees half a file.
- A folder that cannot be made or written means no cache, silently: the cache only saves time.
- Each name and arguments keep their ``KEEP`` most recently used files (a hit refreshes the file's time): every edit
  of graphbuild is a new key, and old entries would otherwise pile up.

A pickle can run code when loaded, so the folder must be the user's own, as any cache is.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .files import open_atomic

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent
_MAGIC = b"graphbuild-compiled 1\n"
_PROTOCOL = pickle.HIGHEST_PROTOCOL
KEEP = 3  # files per entry name: a few checkouts or versions side by side each keep theirs


def code_and_data_hash(root: Path = _PACKAGE) -> str:
    """graphbuild's own files (code, language data, gazetteers, models) under ``root``: any edit is a
    new pipeline."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@functools.cache
def package_hash() -> str:
    """``code_and_data_hash`` of the installed package, once per process."""
    return code_and_data_hash()


def library_versions(ner: str | None = None) -> str:
    """Python and the libraries whose data or models shape an extraction (CLDR names, spaCy, a --ner model)."""
    found = [f"python=={sys.version_info[0]}.{sys.version_info[1]}"]
    names = ["babel", "spacy", "thinc", "python-crfsuite"]
    if ner and ner.startswith("spacy:"):
        names.append(ner.split(":", 1)[1])
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==missing")
    return " ".join(found)


@functools.cache
def _base_key() -> str:
    """What every entry depends on: the package's files, the libraries, the pickle format."""
    return "\n".join([package_hash(), library_versions(), f"pickle={_PROTOCOL}", sys.version])


def entry_key(name: str, parts: tuple[str, ...], base: str | None = None) -> str:
    """The key of one entry: ``base`` (by default the installed package's) with its name and arguments."""
    text = "\n".join([_base_key() if base is None else base, name, *parts])
    return hashlib.sha256(text.encode()).hexdigest()


def cache_dir() -> Path | None:
    """The folder of the compiled entries, or None when ``GRAPHBUILD_CACHE_DIR`` is set but empty."""
    given = os.environ.get("GRAPHBUILD_CACHE_DIR")
    if given is not None:
        return Path(given) if given.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "graphbuild"


def file_hash(path: str | Path) -> str:
    """The sha256 of a file's bytes: the key part of a value read from a file that may lie outside the package."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _stem(name: str, parts: tuple[str, ...]) -> str:
    """The entry's file name before its key: one per name and arguments, the unit that is pruned."""
    return f"{name}-{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()[:8]}"


def entry_path(folder: Path, name: str, parts: tuple[str, ...], key: str) -> Path:
    return folder / f"{_stem(name, parts)}.{key[:24]}.pickle"


def _load(path: Path, key: str) -> tuple[bool, Any]:
    """(True, the value) from a file written for ``key``; (False, None) for anything else."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_MAGIC) + len(key) + 1)
            if head != _MAGIC + key.encode() + b"\n":
                return False, None
            data = f.read()
    except OSError:
        return False, None
    enabled = gc.isenabled()
    gc.disable()  # millions of small tuples: the collector would run over them again and again
    try:
        return True, pickle.loads(data)  # noqa: S301 - the user's own cache folder, checked key
    except Exception:  # a truncated or corrupt file, or one a library can no longer read
        return False, None
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, key: str, value: Any) -> None:
    """Write the entry atomically; any failure (no folder, no space, no rights) leaves no file."""
    try:
        data = pickle.dumps(value, protocol=_PROTOCOL)
        with open_atomic(path, "wb", private=True) as f:
            f.write(_MAGIC + key.encode() + b"\n")
            f.write(data)
    except Exception:  # noqa: S110 - a cache that cannot be written is no cache
        pass


def load_or_build(name: str, build: Callable[[], T], *parts: str) -> T:
    """The entry ``name`` for ``parts`` from the cache folder, else ``build()`` (written for next time).

    ``parts`` must name everything the value depends on beyond the package's files and libraries
    (the arguments; the hash of a file read from outside the package).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    key = entry_key(name, parts)
    path = entry_path(folder, name, parts, key)
    found, value = _load(path, key)
    if found:
        try:
            os.utime(path)
        except OSError:
            pass
        return value
    value = build()
    _store(path, key, value)
    _prune(folder, _stem(name, parts))
    return value


def _prune(folder: Path, stem: str) -> None:
    """Remove all but the ``KEEP`` most recently used files of one name and arguments (errors
    ignored: another process may be pruning too)."""
    try:
        found = sorted(folder.glob(f"{stem}.*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in found[KEEP:]:
            old.unlink()
    except OSError:
        pass


def compiled(func: Callable[..., T]) -> Callable[..., T]:
    """Keep ``func``'s result in the cache folder, keyed by its arguments (``repr``): for builders
    whose result depends only on their arguments and the package's files. Put ``functools.cache``
    above it: once loaded, a value is re-used for the rest of the process."""
    name = f"{func.__module__.removeprefix('graphbuild.')}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args: Any) -> T:
        return load_or_build(name, lambda: func(*args), *map(repr, args))

    return wrapper
