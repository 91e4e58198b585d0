"""The extraction-speed benchmark runs at a tiny size on the written corpus (figures are written, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.slow  # about 25 s: two spaCy pipelines are loaded
def test_extraction_speed_benchmark_smoke(tmp_path):
    out = tmp_path / "speed.json"
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extraction_speed.py"), "--quick", "--sets",
                          "written", "--langs", "ar,en", "--no-profile", "--out", str(out)],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    print("\n" + res.stdout)
    written = json.loads(out.read_text(encoding="utf-8"))["written"]
    assert set(written) == {"ar", "en"}
    for lang in ("ar", "en"):
        assert {"default", "rules", "spacy_full"} <= set(written[lang])
        assert written[lang]["default"]["runs"] and written[lang]["rules"]["runs"]
    assert "skipped" in written["ar"]["spacy_full"]  # no spaCy model for Arabic: said, not measured
