"""Real-news sets: check the regathered texts against their manifest, then score graphbuild on them.

    python eval/real_news.py check real              # hashes and lengths of eval/real/texts
    python eval/real_news.py score real real-dev     # graphbuild evaluate on each set
    python eval/real_news.py score real-dev --errors # and every item missed or unmatched

Sets: ``real`` (the team's 30 excerpts: manifest and gold in ../shared/real), ``real-dev`` and
``real-heldout`` (ours: manifest and gold in eval/<set>/). Texts are third-party and never
committed: each set's texts live in the git-ignored eval/<set>/texts/<id>.txt (see eval/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SETS = {
    "real": (ROOT.parent / "shared" / "real", HERE / "real" / "texts"),
    "real-dev": (HERE / "real-dev", HERE / "real-dev" / "texts"),
    "real-heldout": (HERE / "real-heldout", HERE / "real-heldout" / "texts"),
}


def check(name: str) -> tuple[list[str], list[str]]:
    """(ids whose text matches the manifest, problems as lines)."""
    home, texts = SETS[name]
    manifest = json.loads((home / "manifest.json").read_text(encoding="utf-8"))
    ok, problems = [], []
    for row in manifest:
        path = texts / f"{row['id']}.txt"
        if not path.is_file():
            problems.append(f"{row['id']}: missing ({path})")
            continue
        data = path.read_bytes()
        text = data.decode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest == row["sha256"] and len(text) == row["chars"]:
            ok.append(row["id"])
        else:
            problems.append(f"{row['id']}: differs from the manifest ({len(text)} characters, "
                            f"expected {row['chars']}; sha256 {digest[:12]}…, expected {row['sha256'][:12]}…)")
    return ok, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=("check", "score"))
    ap.add_argument("sets", nargs="+", choices=sorted(SETS))
    ap.add_argument("--errors", action="store_true", help="list every gold item missed and system item unmatched")
    ap.add_argument("--json", type=Path, metavar="DIR", help="write <set>.json reports here")
    args = ap.parse_args(argv)
    status = 0
    for name in args.sets:
        ok, problems = check(name)
        print(f"== {name}: {len(ok)} texts match the manifest" + (f", {len(problems)} do not" if problems else ""))
        for line in problems:
            print("  " + line)
        status |= bool(problems)
        if args.action == "score" and ok:
            from graphbuild.cli import main as cli

            home, texts = SETS[name]
            cmd = ["evaluate", str(home / "gold"), str(texts)]
            if args.errors:
                cmd.append("--errors")
            if args.json:
                args.json.mkdir(parents=True, exist_ok=True)
                cmd += ["--json", str(args.json / f"{name}.json")]
            status |= cli(cmd)
    return status


if __name__ == "__main__":
    sys.exit(main())
