"""graphbuild: news articles about meetings in, a knowledge graph out.

Notebook use::

    import graphbuild
    kg = graphbuild.build(["data/articles"])
    kg.meetings()          # a pandas DataFrame
    kg.show()              # the interactive view, inline
    graphbuild.extract("article.txt")   # one article's extraction (a dict)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .api import Graph

__all__ = ["Graph", "build", "extract", "__version__"]


def __getattr__(name: str):
    if name == "Graph":  # imported on first use: ``import graphbuild`` stays cheap
        from .api import Graph

        return Graph
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")


def extract(text_or_path: str | Path, *, lang: str | None = None, published: str | None = None,
            title: str | None = None, ner: str | None = None) -> dict[str, Any]:
    """The extraction (EXTRACTION.md) of one article, given as a path or as text.

    English and French use their pinned spaCy pipelines by default; ``ner="spacy:MODEL"`` uses
    another installed one for its language; ``ner="none"`` runs the rules alone (no models, no
    Arabic CRF tagger).
    """
    from .ingest import read_one

    article = read_one(text_or_path, lang=lang)  # a language given is not detected, nor a record's own kept
    if published:
        article.published = published
    if title:
        article.title = title
    return _pipeline(ner)(article).to_dict()


_PIPELINES: dict[str | None, Any] = {}


def _pipeline(ner: str | None):
    from .runner import make_pipeline

    if ner not in _PIPELINES:
        _PIPELINES[ner] = make_pipeline(ner)
    return _PIPELINES[ner]


def build(paths: str | Path | list[str | Path], *, out: str | Path | None = None) -> Graph:
    """Read articles (files, folders, JSONL) and return their knowledge graph.

    With ``out`` the same files as ``graphbuild build`` are written there.
    """
    from .api import Graph
    from .runner import run_build

    if isinstance(paths, (str, Path)):
        paths = [paths]
    if out is not None:
        _, kg = run_build([str(p) for p in paths], Path(out), show_progress=False)
        return kg
    kg = Graph()
    return kg.add(paths)


def _extractions(paths: list[str | Path]) -> tuple[list[dict[str, Any]], Any]:
    """The extractions of the articles in ``paths`` (files, folders, JSONL), and the run report."""
    import time

    from .extractors import Pipeline
    from .ingest import read
    from .runner import RunReport, extract_items

    report = RunReport()
    started = time.perf_counter()
    extractions: dict[str, dict] = {}  # by article id: a copy with a smaller source replaces the one kept

    def keep(d: dict) -> None:
        extractions[d["article"]["id"]] = d

    extract_items(read([str(p) for p in paths]), Pipeline(), keep, report,
                  on_superseded=lambda entry: extractions.pop(entry.article or "", None))
    report.seconds = time.perf_counter() - started
    return [extractions[k] for k in sorted(extractions)], report
