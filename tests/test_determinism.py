"""Same inputs, same bytes: two builds of data/ that differ in PYTHONHASHSEED and in input order
(the folder vs its files in reverse order) write identical files; report.json is compared on its
'inputs' and 'summary' only (the rest holds timings and paths)."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, tree


def _build(inputs: list[str], out: Path, hashseed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    res = subprocess.run([sys.executable, "-m", "graphbuild", "build", *inputs, "--out", str(out), "--quiet"],
                         capture_output=True, cwd=ROOT, env=env, timeout=900)
    assert res.returncode == 0, res.stderr.decode("utf-8", errors="replace")[-3000:]


def _what_differs(name: str, a: bytes, b: bytes) -> str:
    la = a.decode("utf-8", errors="replace").splitlines()
    lb = b.decode("utf-8", errors="replace").splitlines()
    diff = list(difflib.unified_diff(la, lb, "seed 1, folder", "seed 2, reversed files", n=1, lineterm=""))
    return f"{name} differs ({len(a)} vs {len(b)} bytes):\n" + "\n".join(line[:300] for line in diff[:30])


@pytest.mark.slow
def test_hash_seed_and_input_order_do_not_change_a_byte(tmp_path):
    folder = "data"
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(ROOT / folder).parts))
    assert len(files) > 10
    a, b = tmp_path / "a", tmp_path / "b"
    _build([folder], a, "1")
    _build(list(reversed(files)), b, "4242")
    fa, fb = tree(a), tree(b)
    assert sorted(fa) == sorted(fb), (sorted(set(fa) ^ set(fb)))
    assert any(name.startswith("extractions/") for name in fa)
    problems = []
    for name in sorted(fa):
        if name == "report.json":
            ra, rb = (json.loads(x) for x in (fa[name], fb[name]))
            for key in ("summary", "inputs"):
                if ra[key] != rb[key]:
                    problems.append(_what_differs(f"report.json[{key!r}]",
                                                  json.dumps(ra[key], indent=1, ensure_ascii=False).encode(),
                                                  json.dumps(rb[key], indent=1, ensure_ascii=False).encode()))
        elif fa[name] != fb[name]:
            problems.append(_what_differs(name, fa[name], fb[name]))
    assert not problems, "\n\n".join(problems)
