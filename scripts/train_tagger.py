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
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from ner_anercorp import Score, join_tokens, read_conll, tokens_to_bio  # noqa: E402

from graphbuild.extractors.tagger import (  # noqa: E402
    STAT_COLUMNS,
    _bare,
    lexicons_with,
    model_path,
    sentence_features,
    sentences,
    word_stats_path,
)
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


FOLDS = 5  # word statistics for each fifth of the training text come from the other four


def tokenised(sents):
    """Per ANERcorp sentence: its graphbuild sentences as (tokens, labels)."""
    for s in sents:
        words = [w for w, _ in s]
        tags = [tag if tag[2:] in KEEP else "O" for _, tag in s]
        text, offs = join_tokens(words)
        doc = Doc(text, "ar")
        labels = token_tags(doc.tokens, offs, tags)
        out, pos = [], 0
        for sent in sentences(doc.tokens):
            out.append((sent, labels[pos:pos + len(sent)]))
            pos += len(sent)
        yield out


def count_words(items) -> Counter:
    counts: Counter = Counter()
    for src in items:
        for toks, labels in src:
            for t, lab in zip(toks, labels, strict=True):
                b = _bare(t.text)
                counts[b, "seen"] += 1
                if lab != "O":
                    counts[b, lab[2:]] += 1
    return counts


def word_stats(counts: Counter) -> dict[str, tuple[int, ...]]:
    """Counts → the table the features read; words seen once and never in an entity are left out."""
    out = {}
    for (w, kind), n in counts.items():
        if kind != "seen" or not n:
            continue
        typed = tuple(counts[w, column] for column in STAT_COLUMNS)
        if n >= 2 or any(typed):
            out[w] = (n, *typed)
    return out


def write_word_stats(stats, path: Path) -> None:
    lines = ["word\tseen\t" + "\t".join(STAT_COLUMNS)]
    lines += ["\t".join([w, *map(str, stats[w])]) for w in sorted(stats)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def examples(sents):
    """(features, labels) per graphbuild sentence, and the word statistics of all of ``sents``.

    A word's statistics in a training sentence never count that sentence's own fold (jackknifing):
    otherwise every training word would look "seen", and the model would trust the statistics
    more than they deserve on new text.
    """
    items = list(tokenised(sents))
    total = count_words(items)
    out = []
    n = len(items)
    for k in range(FOLDS):
        block = items[k * n // FOLDS:(k + 1) * n // FOLDS]
        rest = total.copy()
        rest.subtract(count_words(block))
        lex = lexicons_with(word_stats(rest))
        out += [(sentence_features(toks, lex), labels) for src in block for toks, labels in src]
    return out, word_stats(total)


def train(sents, out: Path, params: dict) -> float:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    data, stats = examples(sents)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_word_stats(stats, word_stats_path(out))
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
