"""The data flows one way: ingest → text → extract → graph → export → run; no layer imports one above it."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "graphbuild"
# rank of each layer; a module may import modules of its own rank or lower
LAYERS = {
    "model": 0, "version": 0, "script": 0, "text": 0, "ids": 0, "translit": 0, "reference": 0, "lang": 0,
    "compiled": 0, "files": 0,
    "ingest": 1,
    "extractors": 2,
    "graph": 3,
    "export": 4,
    "api": 5, "runner": 5, "cache": 5, "evaluate": 5, "cli": 5, "__init__": 5, "__main__": 5,
}


def _layer(module: str) -> str:
    """The layer of a module path inside the package, e.g. "graph.merge" → "graph"."""
    return module.split(".")[0] if module else "__init__"


def _imports(path, parts: list[str] | None = None) -> set[str]:
    """Modules of graphbuild that a file imports (at top level or inside functions), as package paths;
    ``parts`` is the file's place in the package (by default, where it lies)."""
    parts = parts or list(path.relative_to(PACKAGE).with_suffix("").parts)
    here = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - node.level + 1] if node.level > 1 else here
                target = base + (node.module.split(".") if node.module else [])
                if not node.module:  # "from . import ids": the names are modules
                    found |= {".".join(target + [a.name]) for a in node.names}
                else:
                    found.add(".".join(target))
            elif node.module and node.module.startswith("graphbuild"):
                found.add(node.module.removeprefix("graphbuild").lstrip("."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("graphbuild").lstrip(".") for a in node.names
                      if a.name.startswith("graphbuild")}
    return found


def test_no_layer_imports_a_layer_above_it():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mod = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own = LAYERS[_layer(mod)]
        for target in _imports(path):
            layer = _layer(target)
            if layer in LAYERS and LAYERS[layer] > own:
                upward.append(f"{mod} imports {target}")
    assert upward == []


def test_the_graph_knows_neither_extractors_nor_exporters():
    for path in sorted((PACKAGE / "graph").glob("*.py")):
        assert not {t for t in _imports(path) if _layer(t) in ("extractors", "export")}, path.name


def test_every_module_has_a_layer():
    tops = {_layer(".".join(p.relative_to(PACKAGE).with_suffix("").parts)) for p in PACKAGE.rglob("*.py")}
    assert tops <= set(LAYERS)


def test_an_upward_import_is_caught(tmp_path):
    """The checker itself: a graph module importing an exporter is found."""
    fake = tmp_path / "probe.py"
    fake.write_text("from ..export import write_all\nfrom . import store\n", encoding="utf-8")
    assert _imports(fake, ["graph", "probe"]) == {"export", "graph.store"}
