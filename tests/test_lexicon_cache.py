"""The compiled-lexicon cache (graphbuild/compiled.py): a warm cache changes no output, and a cache
that is corrupt, unwritable or for other data files is never trusted."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from graphbuild import compiled
from graphbuild.reference import languages

EXTRACT = """
import json, sys, graphbuild
seed = sys.argv[1]
out = {"ar": graphbuild.extract(seed),
       "en": graphbuild.extract("Foreign Minister Nasser Bourita received his Mauritanian counterpart "
                                "Mohamed Salem Ould Merzoug in Rabat on Monday.", lang="en"),
       "en-rules": graphbuild.extract("The Arab League met in Cairo on Tuesday.", lang="en", ner="none")}
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _extract(cache_dir: str) -> tuple[str, str]:
    """The extractions made by a fresh process with this cache folder ('' turns the cache off): (stdout, stderr)."""
    env = {**os.environ, "GRAPHBUILD_CACHE_DIR": cache_dir, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", EXTRACT, str(SEED)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


@pytest.fixture(scope="module")
def uncached() -> str:
    return _extract("")[0]


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_a_warm_cache_gives_the_extractions_of_no_cache(tmp_path: Path, uncached: str) -> None:
    folder = tmp_path / "cache"
    cold, _ = _extract(str(folder))
    names = [p.name.split(".")[-3].split("-")[0] for p in _entries(folder)]
    assert {"city_matcher", "org_matcher", "lang_data", "crf_tables"} <= set(names)
    assert names.count("language_file") == len(languages())
    written = {p.name: p.stat().st_ino for p in _entries(folder)}
    warm, _ = _extract(str(folder))
    assert {p.name: p.stat().st_ino for p in _entries(folder)} == written  # all read, none rebuilt
    assert cold == uncached
    assert warm == uncached


def test_a_corrupt_cache_file_is_ignored_and_replaced(tmp_path: Path, uncached: str) -> None:
    folder = tmp_path / "cache"
    _extract(str(folder))
    files = _entries(folder)
    good = {p: p.read_bytes() for p in files}
    for k, p in enumerate(files):  # cut short, garbage after a valid header, or plain garbage
        data = good[p]
        p.write_bytes([data[: len(data) // 2], data[:200] + b"\x00garbage" * 50, b"not a pickle"][k % 3])
    again, err = _extract(str(folder))
    assert again == uncached
    assert err == ""
    for p in files:  # rebuilt and rewritten whole
        magic, key, data = p.read_bytes().split(b"\n", 2)
        assert magic + b"\n" == compiled._MAGIC and key.decode()[:24] in p.name
        pickle.loads(data)


def test_an_unwritable_cache_folder_is_no_cache(tmp_path: Path, uncached: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file, not a folder\n")
    out, err = _extract(str(blocker / "cache"))  # no folder can be made under a file, not even by root
    assert out == uncached
    assert err == ""
    assert blocker.read_text() == "a file, not a folder\n"


def test_load_or_build_reads_its_own_entry_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHBUILD_CACHE_DIR", str(tmp_path))
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"value": len(built)}

    assert compiled.load_or_build("test.entry", build, "a") == {"value": 1}
    assert compiled.load_or_build("test.entry", build, "a") == {"value": 1}
    assert len(built) == 1  # the second came from the file
    assert compiled.load_or_build("test.entry", build, "b") == {"value": 2}  # other arguments, other key
    # a file under the right name but written for another key is not read
    key = compiled.entry_key("test.entry", ("a",))
    path = compiled.entry_path(tmp_path, "test.entry", ("a",), key)
    other = compiled.entry_key("test.entry", ("c",))
    path.write_bytes(path.read_bytes().replace(key.encode(), other.encode()))
    assert compiled.load_or_build("test.entry", build, "a") == {"value": 3}
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    monkeypatch.setenv("GRAPHBUILD_CACHE_DIR", "")
    assert compiled.load_or_build("test.entry", build, "a") == {"value": 4}  # off: always built


def test_the_key_changes_with_a_data_file(tmp_path: Path) -> None:
    package = Path(compiled.__file__).resolve().parent
    copy = tmp_path / "graphbuild"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    same = compiled.code_and_data_hash(copy)
    assert same == compiled.package_hash()
    gazetteer = copy / "data" / "organisations.yaml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    edited = compiled.code_and_data_hash(copy)
    assert edited != same
    assert compiled.entry_key("x", ("en",), base=edited) != compiled.entry_key("x", ("en",), base=same)
    (copy / "data" / "lang" / "en.yaml").rename(copy / "data" / "lang" / "en2.yaml")  # a renamed file too
    assert compiled.code_and_data_hash(copy) != edited
