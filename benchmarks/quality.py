"""Extraction quality on the hand-checked test sets, scored by ``graphbuild evaluate``.

    python benchmarks/quality.py                # every set under tests/gold
    python benchmarks/quality.py ar-dev en-dev  # some sets
    python benchmarks/quality.py fr-dev --ner=none

For each set: extracts every article its gold files point at, writes the
predictions to benchmarks/results/quality/<set>/ and prints the scorer's table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def predict_set(name: str, out_root: Path, ner: str | None = None) -> Path:
    import graphbuild

    out = out_root / (name + ("+" + ner.replace(":", "-") if ner else ""))
    out.mkdir(parents=True, exist_ok=True)
    for gold in sorted((GOLD / name).glob("*.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        d = graphbuild.extract(ROOT / g["text"], ner=ner)
        (out / gold.name).write_text(json.dumps(d, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def score_set(name: str, out_root: Path, per_article: bool = False, ner: str | None = None) -> dict:
    from graphbuild.evaluate import evaluate_paths

    pred = predict_set(name, out_root, ner)
    ev = evaluate_paths(GOLD / name, pred)
    report = ev.to_dict(with_errors=True)
    (out_root / f"{pred.name}.score.json").write_text(json.dumps(report, indent=2, ensure_ascii=False),
                                                        encoding="utf-8")
    print(f"== {name}")
    if per_article:
        for key, counts in ev.per_article.items():
            print(key, " ".join(f"{row}={tp}/{fp}/{fn}" for row, (tp, fp, fn) in counts.items()))
    print("\n".join(ev.table()))
    return report


def main(argv: list[str]) -> None:
    per_article = "--per-article" in argv
    ner = next((a.split("=", 1)[1] for a in argv if a.startswith("--ner=")), None)
    names = [a for a in argv if not a.startswith("--")] or sorted(p.name for p in GOLD.iterdir()
                                                             if p.is_dir() and p.name != "seed")  # test_seed.py
    out_root = ROOT / "benchmarks" / "results" / "quality"
    summary = {n: round(score_set(n, out_root, per_article, ner)["macro_f1"], 3) for n in names}
    print("macro F1 per set:", json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
