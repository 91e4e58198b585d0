"""The real-news sets we keep: manifests and gold only, consistent with each other; no third-party text committed."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import ROOT

SETS = ("real-dev", "real-heldout")
ROW_KEYS = {"id", "lang", "query", "url", "sha256", "chars", "summary"}


@pytest.mark.parametrize("name", SETS)
def test_manifest_and_gold_agree(name):
    home = ROOT / "eval" / name
    rows = json.loads((home / "manifest.json").read_text(encoding="utf-8"))
    assert len(rows) >= 10
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert ROW_KEYS <= r.keys(), r
        assert len(r["sha256"]) == 64 and r["chars"] > 0 and r["url"].startswith("http")
        gold = json.loads((home / "gold" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert gold["id"] == r["id"] and gold["lang"] == r["lang"]
        for m in gold["meetings"]:
            assert m["participants"] is not None and all(p.get("name") for p in m["participants"])
    assert {p.stem for p in (home / "gold").glob("*.json")} == set(ids)


def test_the_held_out_set_is_a_third_and_both_hold_negatives():
    rows = {n: json.loads((ROOT / "eval" / n / "manifest.json").read_text(encoding="utf-8")) for n in SETS}
    total = sum(len(r) for r in rows.values())
    assert total >= 40
    assert abs(len(rows["real-heldout"]) - total / 3) <= 2
    assert sum(r["lang"] == "ar" for rs in rows.values() for r in rs) * 2 >= total
    negatives = 0
    for n in SETS:
        for r in rows[n]:
            gold = json.loads((ROOT / "eval" / n / "gold" / f"{r['id']}.json").read_text(encoding="utf-8"))
            negatives += not gold["meetings"]
    assert negatives >= 8


def test_no_third_party_text_is_committed():
    tracked = subprocess.run(["git", "ls-files", "eval"], capture_output=True, text=True, cwd=ROOT)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    files = tracked.stdout.split()
    assert files, "eval/ should be tracked"
    assert not [f for f in files if "/texts/" in f or f.endswith(".txt")]
