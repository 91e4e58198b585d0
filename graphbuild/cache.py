"""The extraction cache: a build re-uses ``OUT/extractions/<id>.json`` when neither the article nor
the pipeline changed since the output was made.

The key of each article is a hash of everything the extraction depends on: the article as read
(text, language, title, URL, date, authors, source) and the pipeline (graphbuild's code and data
files, the statistical models installed and the options). It is kept in ``OUT/cache.json`` with
the inputs the output was built from, so that ``graphbuild build NEW --into OUT`` can add articles.

``cache.json`` also holds a digest of each extraction file's bytes: a re-used file whose bytes are
still the ones written (the same digest) is written again as it is, without serialising its
extraction anew (``dump_json`` of the parsed file gives back those very bytes); any other is written
by ``dump_json`` as before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .compiled import library_versions, package_hash
from .model import Article
from .reference import languages

CACHE_FILE = "cache.json"


def _model_versions() -> list[str]:
    """The statistical models the language files name, with the installed version (or 'missing')."""
    from .lang import language_file

    found = []
    for lang in sorted(languages()):
        model = language_file(lang).get("ner_model")
        if model:
            try:
                found.append(f"{model}=={metadata.version(model)}")
            except metadata.PackageNotFoundError:
                found.append(f"{model}==missing")
    return found


def pipeline_key(ner: str | None) -> str:
    """What every extraction of this run depends on besides its article."""
    parts = [package_hash(), *_model_versions(), f"ner={ner or 'default'}", library_versions(ner)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def article_key(article: Article) -> str:
    return hashlib.sha256(json.dumps(dataclasses.asdict(article), sort_keys=True).encode()).hexdigest()[:32]


@dataclass
class ExtractionCache:
    """The previous output's extractions that this run may re-use, and the keys this run writes."""

    pipeline: str
    previous: Path | None = None  # the previous output's extractions folder
    known: dict[str, str] = field(default_factory=dict)  # article id → article key, from the previous output
    written: dict[str, str] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)  # the input files (folders expanded), from ``cwd``
    cwd: str = ""
    known_files: dict[str, str] = field(default_factory=dict)  # article id → digest of its extraction file
    files: dict[str, str] = field(default_factory=dict)  # the digests of the files this run writes
    _verified: dict[str, tuple[dict, str]] = field(default_factory=dict, repr=False)  # re-used, bytes unchanged

    @classmethod
    def open(cls, out: Path, pipeline: str, force: bool = False) -> ExtractionCache:
        """The cache of the output folder ``out`` (empty when there is none, it is unreadable, the
        pipeline changed, or ``force``)."""
        found = cls(pipeline)
        saved = _read(out / CACHE_FILE)
        if not force and saved.get("pipeline") == pipeline and (out / "extractions").is_dir():
            found.previous = out / "extractions"
            found.known = {str(k): str(v) for k, v in (saved.get("articles") or {}).items()}
            files = saved.get("extractions")
            found.known_files = {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
        return found

    def reuse(self, article: Article) -> dict[str, Any] | None:
        """The previous extraction of this very article by this very pipeline, or None."""
        key = article_key(article)
        if self.previous is None or self.known.get(article.id) != key:
            return None
        try:
            raw = (self.previous / f"{article.id}.json").read_bytes()
            text = raw.decode("utf-8")
            d = json.loads(text)
        except (OSError, ValueError):
            return None
        if not isinstance(d, dict) or not isinstance(d.get("article"), dict) or d["article"].get("id") != article.id:
            return None
        if self.known_files.get(article.id) == file_digest(raw):
            self._verified[article.id] = (d, text)
        return d

    def text_of(self, d: dict[str, Any]) -> str | None:
        """The bytes (as text) of the file ``d`` was just read from by ``reuse``, when they are the ones the
        previous build wrote; None for any other extraction."""
        found = self._verified.pop(d["article"]["id"], None)
        return found[1] if found is not None and found[0] is d else None

    def wrote(self, article_id: str, text: str) -> None:
        """The extraction file of ``article_id`` as this run writes it."""
        self.files[article_id] = file_digest(text.encode("utf-8"))

    def remember(self, article: Article) -> None:
        self.written[article.id] = article_key(article)

    def to_json(self) -> str:
        """In ASCII escapes: an input file name that is not valid UTF-8 survives as \\udcxx."""
        files = {k: self.files[k] for k in sorted(self.written) if k in self.files}
        return json.dumps({"pipeline": self.pipeline, "cwd": self.cwd, "inputs": self.inputs,
                           "articles": dict(sorted(self.written.items())), "extractions": files}, indent=1) + "\n"


def previous_inputs(out: Path) -> list[str]:
    """The inputs an output was built from (for ``build NEW --into OUT``): as they were given when run
    from the same folder (so the articles' sources, and their cache keys, stay the same), else absolute."""
    import os

    saved = _read(out / CACHE_FILE)
    inputs = [str(i) for i in saved.get("inputs") or []]
    cwd = str(saved.get("cwd") or "")
    if cwd and os.path.abspath(cwd) != os.path.abspath(os.getcwd()):
        inputs = [os.path.join(cwd, i) for i in inputs]
    return inputs


def _read(path: Path) -> dict[str, Any]:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return d if isinstance(d, dict) else {}
