"""Arabic persons, organisations and places measured on ANERcorp (conlleval-style exact match).

    python benchmarks/ner_anercorp.py ../shared/data/anercorp/test.txt              # rules, tagger, both
    python benchmarks/ner_anercorp.py ../shared/data/anercorp/test.txt --no-tagger  # rules only

Each sentence's tokens are joined with single spaces and analysed as one article body
(no title/byline guessing). Our spans map to ANERcorp's types: PERSON → PERS, ORG → ORG,
COUNTRY + CITY → LOC; gold MISC counts as O. A COUNTRY span that is a nationality
adjective (الأمريكي, المغربية) is not counted unless ``--adjectives``: ANERcorp tags
those O. A character span covers every ANERcorp token it overlaps. Systems scored:

- ``rules``: the rule components (``default_components()``); with ``--no-tagger``, only this;
- ``tagger``: the CRF alone, all its PERS/ORG/LOC spans;
- ``tagger, nameable places``: the CRF alone, with only the LOC spans a gazetteer can name (a country,
  or a GeoNames city): the most the shipped pipeline could take from it, since a place it ships needs
  an ISO code or a GeoNames id (regions such as دارفور, or إنجلترا, are LOC in ANERcorp);
- ``rules+tagger+loc``: the rules with ``ArabicTagger`` (below), plus the CRF's LOC spans on
  tokens no rule claimed (what the score would be if the pipeline kept untyped places);
- ``rules+tagger``: the rules with ``ArabicTagger`` inserted where the shipped pipeline has it
  (after persons, before topics), adding PERSON/ORG spans on tokens no rule claimed: what ships.

The last line is ``micro F1 0.xxx`` of the last system scored (rules+tagger, or rules).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TYPES = ("PERS", "ORG", "LOC")


# ---------------------------------------------------------------------------
# data

def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag); gold MISC is kept here (the scorer drops it)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        parts = line.split()
        cur.append((parts[0], parts[1] if len(parts) > 1 else "O"))
    if cur:
        sents.append(cur)
    return sents


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text (tokens joined by single spaces) and each token's character offsets."""
    offs, pos = [], 0
    for t in tokens:
        offs.append((pos, pos + len(t)))
        pos += len(t) + 1
    return " ".join(tokens), offs


def spans_to_bio(spans: Iterable[tuple[str, int, int]], offs: Sequence[tuple[int, int]]) -> list[str]:
    """Character spans → BIO tags over the tokens at ``offs`` (a token belongs to a span it overlaps).

    Spans are placed longest-first among those starting earliest; a span that would
    overlap tokens already tagged is dropped.
    """
    tags = ["O"] * len(offs)
    for label, s, e in sorted(spans, key=lambda x: (x[1], -(x[2] - x[1]))):
        idx = [k for k, (a, b) in enumerate(offs) if a < e and s < b]
        if not idx or any(tags[k] != "O" for k in idx):
            continue
        for n, k in enumerate(idx):
            tags[k] = ("B-" if n == 0 else "I-") + label
    return tags


def tokens_to_bio(spans: Iterable[tuple[str, int, int]], toks, offs) -> list[str]:
    """Spans over graphbuild tokens (token indices) → BIO over the ANERcorp tokens."""
    return spans_to_bio([(lab, toks[i].start, toks[j - 1].end) for lab, i, j in spans], offs)


def chunks(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """conlleval chunks of one sentence; MISC is ignored."""
    from graphbuild.extractors.tagger import bio_spans

    return {c for c in bio_spans(tags) if c[0] in TYPES}


# ---------------------------------------------------------------------------
# scoring

class Score:
    def __init__(self) -> None:
        self.tp = dict.fromkeys(TYPES, 0)
        self.fp = dict.fromkeys(TYPES, 0)
        self.fn = dict.fromkeys(TYPES, 0)

    def add(self, gold: Sequence[str], pred: Sequence[str]) -> None:
        g, p = chunks(gold), chunks(pred)
        for c in p & g:
            self.tp[c[0]] += 1
        for c in p - g:
            self.fp[c[0]] += 1
        for c in g - p:
            self.fn[c[0]] += 1

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def micro(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def table(self, title: str) -> str:
        lines = [f"== {title}", f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for t in TYPES:
            p, r, f = self.prf(self.tp[t], self.fp[t], self.fn[t])
            lines.append(f"{t:<6} {p:6.3f} {r:6.3f} {f:6.3f} {self.tp[t] + self.fn[t]:6d} {self.tp[t] + self.fp[t]:6d}")
        p, r, f = self.micro()
        gold = sum(self.tp.values()) + sum(self.fn.values())
        pred = sum(self.tp.values()) + sum(self.fp.values())
        lines.append(f"{'micro':<6} {p:6.3f} {r:6.3f} {f:6.3f} {gold:6d} {pred:6d}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# systems

def analysed(text: str, components):
    """Run ``components`` on ``text`` as one Arabic article body (no title or byline guessing)."""
    from graphbuild.extractors.base import AnalysedDoc
    from graphbuild.extractors.resources import lang_data
    from graphbuild.ingest import make_article
    from graphbuild.text import Doc, Layout

    article = make_article(text, source="anercorp", fmt="txt", lang="ar")
    doc = Doc(text, "ar")
    layout = Layout(None, [], None, [], [(0, len(text))])
    ad = AnalysedDoc(article, doc, layout, lang_data("ar"))
    for component in components:
        component(ad)
    return ad


@cache
def adjective_keys() -> frozenset[tuple[str, ...]]:
    """Phrase keys of the nationality adjectives in country_adjectives.tsv (الأمريكي, مغربية …)."""
    import csv
    from importlib import resources

    from graphbuild.extractors.lexicon import phrase_key

    text = resources.files("graphbuild").joinpath("data", "country_adjectives.tsv").read_text(encoding="utf-8")
    keys = set()
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        if row["kind"] == "adj":
            keys.add(phrase_key(row["form"]))
            if row["form"].startswith("ال"):
                keys.add(phrase_key(row["form"][2:]))
    return frozenset(keys)


def rule_spans(ad, adjectives: bool = False) -> list[tuple[str, int, int]]:
    """Character spans of our entities in ANERcorp's types.

    A COUNTRY span that is a nationality adjective (الأمريكي) is left out unless
    ``adjectives``: graphbuild reads it as a country mention (it gives a role its
    country), ANERcorp tags it O.
    """
    out = []
    for label, typ in (("PERSON", "PERS"), ("ORG", "ORG"), ("COUNTRY", "LOC"), ("CITY", "LOC")):
        for e in ad.get(label):
            if label == "COUNTRY" and not adjectives and tuple(e.data.get("key") or ()) in adjective_keys():
                continue
            s, t = ad.span(e)
            out.append((typ, s, t))
    return out


def with_tagger(components, tagger, position: str = "titles"):
    """The components with the tagger inserted before ``position`` (a component name) or last."""
    at = next((i for i, c in enumerate(components) if c.name == position), len(components))
    return components[:at] + [tagger] + components[at:]


def main(argv: list[str] | None = None) -> float:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", help="ANERcorp-format file (token TAG a line, blank line between sentences)")
    ap.add_argument("--tagger", action=argparse.BooleanOptionalAction, default=True,
                    help="also score the shipped CRF tagger, alone and with the rules (default: yes)")
    ap.add_argument("--model", help="tagger model file (default: the one shipped in graphbuild/data/models)")
    ap.add_argument("--adjectives", action="store_true",
                    help="count nationality adjectives (الأمريكي) found as COUNTRY as LOC (ANERcorp tags them O)")
    ap.add_argument("--before", default="topics", metavar="COMPONENT",
                    help="insert the tagger before this component (default: topics, where the shipped pipeline "
                         "has it); 'none' runs it after all the rules")
    ap.add_argument("--limit", type=int, help="only the first N sentences")
    args = ap.parse_args(argv)

    from graphbuild.extractors.pipeline import default_components

    sents = read_conll(args.path)[: args.limit]
    golds = [[tag for _, tag in s] for s in sents]
    texts = [join_tokens([tok for tok, _ in s]) for s in sents]
    n_tokens = sum(len(s) for s in sents)
    print(f"{args.path}: {len(sents)} sentences, {n_tokens} tokens")

    rules = default_components(tagger=False)
    analysed("تمهيد", rules)  # build the gazetteers before timing
    systems: list[tuple[str, Score]] = []

    score = Score()
    t0 = time.perf_counter()
    for gold, (text, offs) in zip(golds, texts, strict=True):
        score.add(gold, spans_to_bio(rule_spans(analysed(text, rules), args.adjectives), offs))
    dt = time.perf_counter() - t0
    systems.append(("rules", score))
    print(f"rules: {len(sents) / dt:.1f} sentences/s ({n_tokens / dt:.0f} tokens/s)")

    if args.tagger:
        from graphbuild.extractors.tagger import ArabicTagger, _place, load_model, sentences, tag_spans

        t0 = time.perf_counter()
        load_model(args.model)
        print(f"tagger: model loaded in {time.perf_counter() - t0:.3f} s")
        tagger = ArabicTagger(args.model)
        from graphbuild.text import Doc

        docs = [Doc(text, "ar") for text, _ in texts]
        sentence_count = sum(len(sentences(d.tokens)) for d in docs)
        alone = Score()
        t0 = time.perf_counter()
        preds = [tag_spans(d.tokens, args.model) for d in docs]
        dt = time.perf_counter() - t0
        for gold, d, (_, offs), spans in zip(golds, docs, texts, preds, strict=True):
            alone.add(gold, tokens_to_bio(spans, d.tokens, offs))
        systems.append(("tagger", alone))
        print(f"tagger: {len(sents) / dt:.1f} sentences/s ({n_tokens / dt:.0f} tokens/s; "
              f"{sentence_count} graphbuild sentences), features and tagging")

        merged, merged_loc, nameable = Score(), Score(), Score()
        components = with_tagger(rules, tagger, args.before)
        t0 = time.perf_counter()
        for gold, (text, offs), spans in zip(golds, texts, preds, strict=True):
            ad = analysed(text, components)  # tokenised as docs[i] was, so ``spans`` index ad.tokens
            merged.add(gold, spans_to_bio(rule_spans(ad, args.adjectives), offs))
            locs = [(lab, ad.tokens[i].start, ad.tokens[j - 1].end) for lab, i, j in spans
                    if lab == "LOC" and all(ad.owner[k] is None and ad.allowed[k] for k in range(i, j))]
            merged_loc.add(gold, spans_to_bio(rule_spans(ad, args.adjectives) + locs, offs))
            places = [e for lab in ("COUNTRY", "CITY") for e in ad.get(lab)]
            kept = [(lab, i, j) for lab, i, j in spans if lab != "LOC" or _place(ad, i, j)
                    or any(e.start < j and i < e.end for e in places)]
            nameable.add(gold, tokens_to_bio(kept, ad.tokens, offs))
        dt = time.perf_counter() - t0
        print(f"rules+tagger: {len(sents) / dt:.1f} sentences/s ({n_tokens / dt:.0f} tokens/s)")
        systems.insert(2, ("tagger, nameable places", nameable))
        systems.append(("rules+tagger+loc", merged_loc))
        systems.append(("rules+tagger", merged))

    print()
    for title, score in systems:
        print(score.table(title))
        print()
    short = {"tagger, nameable places": "tagger-nameable"}
    print("micro F1 " + "  ".join(f"{short.get(t, t)} {s.micro()[2]:.3f}" for t, s in systems))
    f1 = systems[-1][1].micro()[2]
    print(f"micro F1 {f1:.3f}")
    return f1


if __name__ == "__main__":
    main()
