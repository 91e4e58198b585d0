"""graphbuild.files: a file is written whole or not at all, by every writer of the package."""

from __future__ import annotations

import os
import stat

import pytest

from graphbuild import compiled, files, runner
from graphbuild.files import open_atomic, write_atomic


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "t.csv"
    write_atomic(path, b"old\n")
    with pytest.raises(OSError, match="disk full"), open_atomic(path, "wb") as f:
        f.write(b"ha")
        raise OSError("disk full")
    assert path.read_bytes() == b"old\n" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_a_failed_rename_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "t.json"

    def refuse(src, dst):
        raise PermissionError("read-only")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomic(path, "{}\n")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_leaves_no_temporary_file(tmp_path):
    with pytest.raises(KeyboardInterrupt), open_atomic(tmp_path / "a" / "t.txt") as f:
        f.write("half")
        raise KeyboardInterrupt
    assert list((tmp_path / "a").iterdir()) == []


def test_text_and_bytes_and_missing_folders(tmp_path):
    write_atomic(tmp_path / "a" / "b" / "t.txt", "é\n")
    assert (tmp_path / "a" / "b" / "t.txt").read_bytes() == "é\n".encode()
    write_atomic(tmp_path / "t.bin", b"\x00\r\n")
    assert (tmp_path / "t.bin").read_bytes() == b"\x00\r\n"
    with open_atomic(tmp_path / "l.txt", newline="\n") as f:
        f.write("a\nb\n")
    assert (tmp_path / "l.txt").read_bytes() == b"a\nb\n"
    with pytest.raises(ValueError):
        open_atomic(tmp_path / "x", "a").__enter__()


def test_writers_at_once_use_temporary_files_of_their_own(tmp_path):
    """Two writers of the same file never share a temporary file: each writes a whole one, the last wins."""
    path = tmp_path / "t.txt"
    with open_atomic(path) as first, open_atomic(path) as second:
        assert first.name != second.name
        first.write("first\n")
        second.write("second\n")
    assert path.read_text(encoding="utf-8") == "first\n"  # the outer block ended last
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


def test_modes_as_any_new_file_or_private(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    write_atomic(tmp_path / "open.txt", "x")
    write_atomic(tmp_path / "own.bin", b"x", private=True)
    assert stat.S_IMODE((tmp_path / "open.txt").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "own.bin").stat().st_mode) == 0o600


def test_the_package_writes_through_it(tmp_path, monkeypatch):
    """The output's files and the compiled cache go through the one writer."""
    seen = []
    real = files.open_atomic

    def spy(path, *args, **kwargs):
        seen.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(files, "open_atomic", spy)
    runner.write_text(tmp_path / "report.json", "{}\n")
    monkeypatch.setattr(compiled, "open_atomic", spy)
    compiled._store(tmp_path / "e.pickle", "k", [1])
    assert seen == ["report.json", "e.pickle"]
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "{}\n"
    assert compiled._load(tmp_path / "e.pickle", "k") == (True, [1])
