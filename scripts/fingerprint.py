"""The fingerprint of graphbuild's outputs: sha256 of every file a build writes.

Refactoring steps keep the outputs on ``data/`` and the written test corpora byte-identical;
``tests/test_fingerprint.py`` compares a fresh build with ``tests/fingerprints.json``. A step
that changes outputs on purpose updates the file and says why in its commit (``cache.json`` is left
out: its key holds the hash of graphbuild's own files, so it changes with every edit by design):

    python scripts/fingerprint.py --update
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORED = ROOT / "tests" / "fingerprints.json"
CORPORA = {"data": ["data"],
           "tests/corpus": ["tests/corpus/ar", "tests/corpus/en", "tests/corpus/es", "tests/corpus/fr"]}
# built from the project root, so report.json holds relative paths


def fingerprint() -> dict[str, dict[str, str]]:
    """{corpus: {output file: sha256}} of a fresh build of each corpus."""
    result: dict[str, dict[str, str]] = {}
    for corpus, inputs in CORPORA.items():
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run([sys.executable, "-m", "graphbuild", "build", *inputs, "--out", tmp, "--quiet"],
                                  cwd=ROOT, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"graphbuild build {corpus} failed: {done.stderr.strip()}")
            out = Path(tmp)
            result[corpus] = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                              for p in sorted(out.rglob("*")) if p.is_file() and p.name != "cache.json"}
    return result


def differences(stored: dict, fresh: dict) -> list[str]:
    """The output files whose bytes changed, appeared or went missing."""
    diffs = []
    for corpus in sorted(set(stored) | set(fresh)):
        a, b = stored.get(corpus, {}), fresh.get(corpus, {})
        diffs += [f"{corpus}: {name}" for name in sorted(set(a) | set(b)) if a.get(name) != b.get(name)]
    return diffs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write tests/fingerprints.json from a fresh build")
    args = parser.parse_args()
    fresh = fingerprint()
    if args.update:
        STORED.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {STORED.relative_to(ROOT)}")
        return
    diffs = differences(json.loads(STORED.read_text(encoding="utf-8")), fresh)
    print("\n".join(diffs) or "outputs unchanged")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
