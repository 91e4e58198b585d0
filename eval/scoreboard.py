"""Every quality figure on one screen: the real-news sets first, then the written test sets.

    python eval/scoreboard.py                 # all sets whose texts are here
    python eval/scoreboard.py real-dev en-dev # some of them

Real-news sets need their regathered texts (eval/README.md); a set without them is
skipped with a note. Written sets are extracted from ``tests/corpus`` by each gold's
``text`` path. One line per set: macro F1, then the main rows' F1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from real_news import SETS as REAL_SETS  # noqa: E402
from real_news import check  # noqa: E402

ROWS = ("meetings", "participants", "meeting_countries", "meeting_organisations", "persons", "organisations")
WRITTEN = ROOT / "tests" / "gold"


def _written(name: str) -> tuple[dict[str, dict], dict[str, dict]]:
    import graphbuild

    gold, pred = {}, {}
    for g in sorted((WRITTEN / name).glob("*.json")):
        d = json.loads(g.read_text(encoding="utf-8"))
        text = ROOT / d["text"]
        if not text.is_file():  # the seed's gold names the shared copy; data/articles holds ours
            text = ROOT / "data" / "articles" / Path(d["text"]).name
        gold[g.stem] = d
        pred[g.stem] = graphbuild.extract(text)
    return gold, pred


def _real(name: str) -> tuple[dict[str, dict], dict[str, dict]] | None:
    import graphbuild

    home, texts = REAL_SETS[name]
    ok, _ = check(name)
    if not ok:
        return None
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((home / "gold").glob("*.json"))}
    pred = {k: graphbuild.extract(texts / f"{k}.txt") for k in sorted(gold) if (texts / f"{k}.txt").is_file()}
    return gold, pred


def main(argv: list[str] | None = None) -> int:
    from graphbuild.evaluate import evaluate

    names = list(REAL_SETS) + sorted(p.name for p in WRITTEN.iterdir() if p.is_dir())
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", metavar="SET", help=f"default: all ({', '.join(names)})")
    args = ap.parse_args(argv)
    unknown = [s for s in args.sets if s not in names]
    if unknown:
        ap.error(f"unknown set(s) {', '.join(unknown)} (choose from {', '.join(names)})")
    print(f"{'set':14} {'macro':>6}  " + " ".join(f"{r[:12]:>12}" for r in ROWS))
    for name in args.sets or names:
        pair = _real(name) if name in REAL_SETS else _written(name)
        if pair is None:
            print(f"{name:14}  (texts not regathered here)")
            continue
        ev = evaluate(*pair)
        report = ev.to_dict()
        rows = " ".join(f"{report['rows'][r]['f1']:12.3f}" for r in ROWS)
        print(f"{name:14} {report['macro_f1']:6.3f}  {rows}   ({len(pair[0])} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
