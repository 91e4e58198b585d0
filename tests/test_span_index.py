"""The span indexes of ``AnalysedDoc`` answer as a scan of every span would, however spans come and go."""

from __future__ import annotations

import random

from graphbuild.extractors.base import AnalysedDoc, Ent
from graphbuild.extractors.pipeline import Pipeline
from graphbuild.model import Article

LABELS = ("PERSON", "CITY", "TITLE")


def _doc(n_sentences: int = 8) -> AnalysedDoc:
    text = " ".join(f"Word{k} and some more words here number {k}." for k in range(n_sentences))
    return Pipeline(components=[]).analyse(Article("t", text, lang="en"))


def _check(ad: AnalysedDoc, rng: random.Random) -> None:
    """Every question, answered by the indexes and by a scan of the lists, agrees."""
    n = len(ad.tokens)
    for label in LABELS + ("DATE",):  # DATE: a label with no span at all
        ents = ad.ents.get(label, [])
        ordered = sorted(ents, key=lambda e: (e.start, e.end))
        assert ad.get(label) == ordered and all(a is b for a, b in zip(ad.get(label), ordered, strict=True))
        for i in range(n):
            j = min(n, i + rng.randint(1, 6))
            assert ad.at(label, i) is next((e for e in ents if e.start <= i < e.end), None)
            assert ad.starting_at(label, i) is next((e for e in ents if e.start == i), None)
            assert _same(ad.ending_at(label, i), [e for e in ordered if e.end == i])
            assert _same(ad.overlapping(label, i, j), [e for e in ordered if e.start < j and i < e.end])
        for sent in {t.sent for t in ad.tokens}:
            assert _same(ad.in_sentence(label, sent), [e for e in ordered if ad.tokens[e.start].sent == sent])
    held = ad.referenced("PERSON", "titles")
    for t in ad.ents.get("TITLE", []):
        expected = sum(1 for p in ad.ents.get("PERSON", []) for r in p.data.get("titles") or () if r is t)
        assert held.get(id(t), 0) == expected


def _same(a: list[Ent], b: list[Ent]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def test_indexes_equal_a_scan_of_random_spans() -> None:
    rng = random.Random(7)
    for _ in range(5):
        ad = _doc()
        n = len(ad.tokens)
        out: list[Ent] = []  # spans taken out, that may come back with other bounds
        for step in range(400):
            action = rng.random()
            titles = ad.ents.get("TITLE", [])
            if action < 0.55 or not any(ad.ents.values()):
                if out and rng.random() < 0.3:
                    e = out.pop(rng.randrange(len(out)))
                    e.start = rng.randrange(n - 1)  # a span no document holds moves freely
                    e.end = min(n, e.start + rng.randint(1, 4))
                else:
                    label = rng.choice(LABELS)
                    start = rng.randrange(n - 1)
                    data = {"titles": rng.sample(titles, min(len(titles), rng.randint(0, 2)))} \
                        if label == "PERSON" else {}
                    e = Ent(label, start, min(n, start + rng.randint(1, 4)), None, data)
                ad.add(e, claim=rng.random() < 0.5)
            elif action < 0.9:
                pool = [e for ents in ad.ents.values() for e in ents]
                gone = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 12))))
                ad.remove(*gone)
                out += gone
            else:
                pool = [e for ents in ad.ents.values() for e in ents]
                if pool:
                    e = rng.choice(pool)  # a span moved in place: the indexes are built again
                    e.end = min(n, e.start + rng.randint(1, 4))
            if step % 10 == 0:
                _check(ad, rng)
        _check(ad, rng)


def test_a_span_added_twice_is_removed_with_all_its_copies() -> None:
    ad = _doc(3)
    e = Ent("CITY", 1, 2)
    ad.add(e)
    ad.add(Ent("CITY", 3, 4))
    ad.add(e)
    assert len(ad.get("CITY")) == 3
    ad.remove(e)
    assert [(x.start, x.end) for x in ad.get("CITY")] == [(3, 4)]
    assert ad.at("CITY", 1) is None and ad.overlapping("CITY", 0, 5)[0].start == 3
