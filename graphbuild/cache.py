"""The extraction cache: a build re-uses ``OUT/extractions/<id>.json`` when neither the article nor
the pipeline changed since the output was made.

The key of each article is a hash of everything the extraction depends on: the article as read
(text, language, title, URL, date, authors, source) and the pipeline (graphbuild's code and data
files, the statistical models installed and the options). It is kept in ``OUT/cache.json`` with
the inputs the output was built from, so that ``graphbuild build NEW --into OUT`` can add articles.
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

    @classmethod
    def open(cls, out: Path, pipeline: str, force: bool = False) -> ExtractionCache:
        """The cache of the output folder ``out`` (empty when there is none, it is unreadable, the
        pipeline changed, or ``force``)."""
        found = cls(pipeline)
        saved = _read(out / CACHE_FILE)
        if not force and saved.get("pipeline") == pipeline and (out / "extractions").is_dir():
            found.previous = out / "extractions"
            found.known = {str(k): str(v) for k, v in (saved.get("articles") or {}).items()}
        return found

    def reuse(self, article: Article) -> dict[str, Any] | None:
        """The previous extraction of this very article by this very pipeline, or None."""
        key = article_key(article)
        if self.previous is None or self.known.get(article.id) != key:
            return None
        d = _read(self.previous / f"{article.id}.json")
        return d if d.get("article", {}).get("id") == article.id else None

    def remember(self, article: Article) -> None:
        self.written[article.id] = article_key(article)

    def to_json(self) -> str:
        """In ASCII escapes: an input file name that is not valid UTF-8 survives as \\udcxx."""
        return json.dumps({"pipeline": self.pipeline, "cwd": self.cwd, "inputs": self.inputs,
                           "articles": dict(sorted(self.written.items()))}, indent=1) + "\n"


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
