"""Train the Arabic CRF tagger shipped as graphbuild/data/models/ar_ner.crfsuite.

    python scripts/train_tagger.py ../shared/data/anercorp/train.txt
    python scripts/train_tagger.py ../shared/data/anercorp/train.txt --dev 0.15   # hold out the last 15 %
    python scripts/train_tagger.py ../shared/data/anercorp/train.txt --wojood ../shared/data/wojood-sample/train.txt

Trains only on ANERcorp's training split (never on test.txt), optionally with the
Wojood sample's training split mapped to PERS / ORG / LOC (GPE → LOC, the outermost of
these when entities nest). Each sentence is tokenised by graphbuild (``Doc``) exactly as
an article is, ANERcorp's tags are carried over to those tokens, and the features are
``graphbuild.extractors.tagger.sentence_features`` — the function the component uses.

Deterministic: L-BFGS with fixed parameters, data in file order, no sampling, so the
same input gives the same model bytes (``--check`` trains twice and compares sha256).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from ner_anercorp import Score, join_tokens, read_conll, tokens_to_bio  # noqa: E402

from graphbuild.extractors.tagger import model_path, sentence_features, sentences  # noqa: E402
from graphbuild.text import Doc  # noqa: E402

PARAMS = {
    "c1": 0.02,  # L1: prunes the features that do not pay their way (a model of about 2 MB)
    "c2": 0.005,
    "max_iterations": 300,
    "feature.possible_transitions": True,
}
KEEP = {"PERS", "ORG", "LOC"}  # MISC is read as O: learning it did not help on held-out train


def token_tags(tokens, offs, tags) -> list[str]:
    """ANERcorp tags carried over to graphbuild tokens: a token takes the tag of the word it lies in."""
    out = []
    prev_word = None
    for t in tokens:
        k = next((k for k, (a, b) in enumerate(offs) if a < t.end and t.start < b), None)
        tag = tags[k] if k is not None else "O"
        if k is not None and k == prev_word and tag != "O":
            tag = "I-" + tag[2:]  # the second piece of a word split in two (ق.م. → ق . م .)
        out.append(tag)
        prev_word = k
    return out


def wojood_sentences(path: str | Path) -> list[list[tuple[str, str]]]:
    """Wojood (nested, 21 types) → flat PERS/ORG/LOC: the outermost of these at each token."""
    mapping = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": None}
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
                cur = []
            continue
        word, tags = parts[0], parts[1:]
        if word == "$#$":
            continue
        flat = "O"
        for tag in tags:
            kind, _, typ = tag.partition("-")
            if mapping.get(typ):
                flat = f"{kind}-{mapping[typ]}"
                break
        cur.append((word, flat))
    if cur:
        sents.append(cur)
    # a stray I- (its B- was on a nesting we skipped) opens the entity
    for s in sents:
        for i, (w, tag) in enumerate(s):
            if tag.startswith("I-") and (i == 0 or s[i - 1][1][2:] != tag[2:]):
                s[i] = (w, "B-" + tag[2:])
    return sents


def examples(sents):
    """(features, labels) per graphbuild sentence."""
    for s in sents:
        words = [w for w, _ in s]
        tags = [tag if tag[2:] in KEEP else "O" for _, tag in s]
        text, offs = join_tokens(words)
        doc = Doc(text, "ar")
        labels = token_tags(doc.tokens, offs, tags)
        pos = 0
        for sent in sentences(doc.tokens):
            yield sentence_features(sent), labels[pos:pos + len(sent)]
            pos += len(sent)


def train(sents, out: Path, params: dict) -> float:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for xseq, yseq in examples(sents):
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(out))
    return time.perf_counter() - t0


def evaluate(sents, model: Path) -> Score:
    from graphbuild.extractors.tagger import tag_spans

    score = Score()
    for s in sents:
        text, offs = join_tokens([w for w, _ in s])
        doc = Doc(text, "ar")
        score.add([tag for _, tag in s], tokens_to_bio(tag_spans(doc.tokens, model), doc.tokens, offs))
    return score


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", help="ANERcorp train.txt")
    ap.add_argument("--wojood", help="also train on this Wojood-format file (e.g. wojood-sample/train.txt)")
    ap.add_argument("--out", type=Path, default=model_path(), help="model file (default: the shipped one)")
    ap.add_argument("--dev", type=float, default=0.0,
                    help="hold out this fraction of train.txt (its last sentences) and score on it")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--check", action="store_true", help="train a second time and compare the model bytes")
    args = ap.parse_args(argv)

    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    sents = read_conll(args.train)
    dev = []
    if args.dev:
        cut = int(len(sents) * (1 - args.dev))
        sents, dev = sents[:cut], sents[cut:]
    if args.wojood:
        sents = sents + wojood_sentences(args.wojood)
    print(f"training on {len(sents)} sentences, {sum(len(s) for s in sents)} tokens; params {params}")
    t0 = time.perf_counter()
    seconds = train(sents, args.out, params)
    total = time.perf_counter() - t0
    print(f"model {args.out}: {args.out.stat().st_size / 2**20:.2f} MB, sha256 {sha256(args.out)}")
    print(f"training time: {seconds:.1f} s (L-BFGS), {total:.1f} s with features")
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            again = Path(tmp) / "again.crfsuite"
            train(sents, again, params)
            same = sha256(again) == sha256(args.out)
            print(f"reproducible: {'yes' if same else 'NO'} (second sha256 {sha256(again)})")
            if not same:
                sys.exit(1)
    if dev:
        score = evaluate(dev, args.out)
        print(score.table(f"held-out {len(dev)} sentences of {args.train}"))
        print(f"dev micro F1 {score.micro()[2]:.3f}")


if __name__ == "__main__":
    main()
