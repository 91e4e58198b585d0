"""Place newly annotated real-news rows into real-dev and real-heldout, a third held out.

    python eval/split_sets.py eval/real-new/enfr eval/real-new/arB ...

Each staging folder holds manifest.json, gold/<id>.json and texts/<id>.txt (as annotators
leave them). Rows are taken language by language in id order; every third row goes to
real-heldout, the others to real-dev. A row already in either set stays where it is, so a
set only grows and the held-out part never changes side. Texts move to the set's git-ignored
texts/ folder; manifests and gold are what gets committed.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("real-dev", "real-heldout")


def _manifest(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def main(staging: list[str]) -> None:
    current = {name: _manifest(HERE / name / "manifest.json") for name in SETS}
    placed = {row["id"]: name for name, rows in current.items() for row in rows}
    incoming = [(Path(d), row) for d in staging for row in _manifest(Path(d) / "manifest.json")]
    by_lang: dict[str, list] = {}
    for d, row in sorted(incoming, key=lambda x: x[1]["id"]):
        if row["id"] not in placed:
            by_lang.setdefault(row["lang"], []).append((d, row))
    for lang, rows in sorted(by_lang.items()):
        held = sum(1 for r in current["real-heldout"] if r["lang"] == lang)
        total = sum(1 for rs in current.values() for r in rs if r["lang"] == lang)
        for d, row in rows:
            total += 1
            target = "real-heldout" if held < total // 3 else "real-dev"
            held += target == "real-heldout"
            home = HERE / target
            (home / "gold").mkdir(parents=True, exist_ok=True)
            (home / "texts").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(d / "gold" / f"{row['id']}.json", home / "gold" / f"{row['id']}.json")
            shutil.copyfile(d / "texts" / f"{row['id']}.txt", home / "texts" / f"{row['id']}.txt")
            current[target].append({k: row[k] for k in ("id", "lang", "query", "url", "sha256", "chars", "summary")})
            placed[row["id"]] = target
    for name, rows in current.items():
        rows.sort(key=lambda r: r["id"])
        (HERE / name).mkdir(exist_ok=True)
        (HERE / name / "manifest.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv[1:])
