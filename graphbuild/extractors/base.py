"""The shared state components read and write, and the component protocol."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort_right
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from ..model import Article
from ..text import Doc, Layout, Token
from .resources import LangData


@dataclass
class Ent:
    """A labelled token span: ``tokens[start:end]``."""

    label: str  # ORG, COUNTRY, CITY, PERSON, TITLE, DATE, TRIGGER, DURATION, ORDINAL, TOPIC
    start: int
    end: int
    key: Any = None
    data: dict[str, Any] = field(default_factory=dict)

    moves: ClassVar[int] = 0  # bumped whenever the bounds of a span in a document change: its indexes are then stale

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _BOUNDS and self.__dict__.get("_held"):
            Ent.moves += 1  # a span no document holds (being built, or taken out to be moved) moves freely
        object.__setattr__(self, name, value)


_BOUNDS = frozenset({"start", "end"})


def _key(e: Ent) -> tuple[int, int]:
    return e.start, e.end


def _drop(spans: list[Ent], ent: Ent) -> None:
    """Take ``ent`` (every copy of it) out of a short list, in place."""
    spans[:] = [e for e in spans if e is not ent]


def _drop_sorted(spans: list[Ent], ent: Ent) -> None:
    """Take ``ent`` out of a list in text order: only the spans with its bounds are looked at."""
    lo = bisect_left(spans, _key(ent), key=_key)
    hi = bisect_right(spans, _key(ent), lo=lo, key=_key)
    if any(spans[k] is ent for k in range(lo, hi)):
        spans[lo:hi] = [e for e in spans[lo:hi] if e is not ent]


@dataclass
class _Index:
    """One label's spans for the list and bounds it was built on, kept in step as spans are added and
    removed: components ask per token, per name and per trigger, and rebuilding or scanning every
    span each time made a long one-line article cost the square of its length.

    ``ordered``, ``by_sent`` and ``by_end`` are in text order (spans with the same bounds in the order
    they were added); ``by_start`` and ``covering`` (token → the spans over it) in the order added;
    ``refs``: field → id of a span listed in that field of a span here → how many list it; ``seq``: id
    of a span → when it was added (increasing along the list, so a span is found in it by bisection),
    unless a span is in the list twice (``dups``).
    """

    ents: list[Ent]
    size: int
    moves: int
    ordered: list[Ent] = field(default_factory=list)
    by_sent: dict[int, list[Ent]] = field(default_factory=dict)
    by_start: dict[int, list[Ent]] = field(default_factory=dict)
    by_end: dict[int, list[Ent]] = field(default_factory=dict)
    covering: dict[int, list[Ent]] = field(default_factory=dict)
    refs: dict[str, dict[int, int]] = field(default_factory=dict)
    seq: dict[int, int] = field(default_factory=dict)
    dups: bool = False

    def fresh(self, ents: list[Ent]) -> bool:
        return self.ents is ents and self.size == len(ents) and self.moves == Ent.moves

    @classmethod
    def build(cls, ents: list[Ent], tokens: list[Token], fields: list[str], first: int) -> _Index:
        index = cls(ents, len(ents), Ent.moves, sorted(ents, key=_key), refs={name: {} for name in fields})
        index.seq = {id(e): first + k for k, e in enumerate(ents)}
        index.dups = len(index.seq) < len(ents)
        for e in index.ordered:
            index.by_sent.setdefault(tokens[e.start].sent, []).append(e)
            index.by_end.setdefault(e.end, []).append(e)
        for e in ents:
            index._file(e)
        return index

    def _file(self, e: Ent) -> None:
        """Index ``e`` where text order does not matter: its first token, the tokens it covers, its fields."""
        self.by_start.setdefault(e.start, []).append(e)
        for k in range(e.start, e.end):
            self.covering.setdefault(k, []).append(e)
        for name, counts in self.refs.items():
            for r in e.data.get(name) or ():
                counts[id(r)] = counts.get(id(r), 0) + 1

    def insert(self, e: Ent, sent: int, seq: int) -> None:
        """Index ``e``, the span last added to the list (the ``seq``-th added to the document)."""
        self.dups = self.dups or id(e) in self.seq
        self.seq[id(e)] = seq
        insort_right(self.ordered, e, key=_key)
        insort_right(self.by_sent.setdefault(sent, []), e, key=_key)
        insort_right(self.by_end.setdefault(e.end, []), e, key=_key)
        self._file(e)

    def delete(self, e: Ent, sent: int) -> None:
        """Forget ``e``, just taken out of the list."""
        self.seq.pop(id(e), None)
        _drop_sorted(self.ordered, e)
        _drop_sorted(self.by_sent.get(sent, []), e)
        _drop_sorted(self.by_end.get(e.end, []), e)
        _drop(self.by_start.get(e.start, []), e)
        for k in range(e.start, e.end):
            _drop(self.covering.get(k, []), e)
        for name, counts in self.refs.items():
            for r in e.data.get(name) or ():
                counts[id(r)] -= 1


class AnalysedDoc:
    """An article under analysis: its tokens and the spans components found."""

    def __init__(self, article: Article, doc: Doc, layout: Layout, lang: LangData):
        self.article = article
        self.doc = doc
        self.layout = layout
        self.lang = lang
        self.tokens: list[Token] = doc.tokens
        self.allowed = doc.body_mask()
        self.ents: dict[str, list[Ent]] = {}
        self.owner: list[str | None] = [None] * len(self.tokens)  # label of the span covering a token
        self.extra: dict[str, Any] = {}
        self._starts: dict[int, set[int]] = {}
        self._form_index: dict[bool, dict[str, list[int]]] = {}
        self._index: dict[str, _Index] = {}
        self._added = 0  # spans added (and indexes built): each span's place in its list, by bisection

    def starts(self, matcher) -> set[int]:
        """Token positions where one of ``matcher``'s phrases may start (found once per document).

        The document's word forms meet the matcher's first words in one set intersection, so
        asking for a dozen lexicons costs little more than asking for one.
        """
        found = self._starts.get(id(matcher))
        if found is None:
            index = self._forms(matcher.bare)
            found = set()
            for form in index.keys() & matcher.first_keys():
                found.update(index[form])
            self._starts[id(matcher)] = found
        return found

    def _forms(self, bare: bool) -> dict[str, list[int]]:
        """Each reading of the document's tokens (``variants``, or ``bare_variants``) → its positions."""
        index = self._form_index.get(bare)
        if index is None:
            index = self._form_index[bare] = {}
            for t in self.tokens:
                for v in (t.bare_variants if bare else t.variants):
                    index.setdefault(v, []).append(t.i)
        return index

    # spans -----------------------------------------------------------------
    def add(self, ent: Ent, claim: bool = True) -> Ent:
        ents = self.ents.setdefault(ent.label, [])
        index = self._index.get(ent.label)
        fresh = index is not None and index.fresh(ents)
        ents.append(ent)
        ent.__dict__["_held"] = ent.__dict__.get("_held", 0) + 1
        if fresh:
            self._added += 1
            index.insert(ent, self.tokens[ent.start].sent, self._added)
            index.size += 1
        if claim:
            for i in range(ent.start, ent.end):
                if self.owner[i] is None:
                    self.owner[i] = ent.label
        return ent

    def remove(self, *ents: Ent) -> None:
        """Withdraw spans another component has overruled (a 'city' that is part of a name). Each label's
        list is replaced by a new one without them; a few are found by bisection, many in one pass."""
        for label in {e.label for e in ents}:
            old = self.ents.get(label, [])
            index = self._index.get(label)
            fresh = index is not None and index.fresh(old)
            mine = [e for e in ents if e.label == label]
            if fresh and not index.dups and len(mine) <= self.FEW:
                places = sorted({k for e in mine if (k := self._place(old, index.seq, e)) is not None})
                kept = old[:]
                for k in reversed(places):
                    del kept[k]
                gone = [old[k] for k in places]
            else:
                ids = {id(e) for e in mine}
                kept = [e for e in old if id(e) not in ids]
                gone = [e for e in old if id(e) in ids]
            for e in gone:
                e.__dict__["_held"] = e.__dict__.get("_held", 1) - 1
                if fresh:
                    index.delete(e, self.tokens[e.start].sent)
            self.ents[label] = kept
            if fresh:
                index.ents, index.size = kept, len(kept)
        for ent in ents:
            for i in range(ent.start, ent.end):
                if self.owner[i] == ent.label:
                    self.owner[i] = None

    FEW = 8  # spans removed at once that are looked up one by one rather than by a pass over the list

    @staticmethod
    def _place(ents: list[Ent], seq: dict[int, int], e: Ent) -> int | None:
        """Where ``e`` is in ``ents`` (ordered by ``seq``), or None."""
        s = seq.get(id(e))
        if s is None:
            return None
        k = bisect_left(ents, s, key=lambda x: seq[id(x)])
        return k if k < len(ents) and ents[k] is e else None

    def get(self, label: str) -> list[Ent]:
        """The spans of ``label`` in text order (a new list)."""
        return list(self._indexed(label).ordered)

    def _indexed(self, label: str) -> _Index:
        """``label``'s index, built again only when its spans moved or its list was changed by hand."""
        ents = self.ents.get(label, [])
        index = self._index.get(label)
        if index is None or not index.fresh(ents):
            index = _Index.build(ents, self.tokens, list(index.refs) if index is not None else [], self._added + 1)
            self._added += len(ents)
            if ents:
                self._index[label] = index
        return index

    def at(self, label: str, i: int) -> Ent | None:
        """The first span of ``label`` (in the order they were added) that covers token i."""
        found = self._indexed(label).covering.get(i)
        return found[0] if found else None

    def starting_at(self, label: str, i: int) -> Ent | None:
        """The first span of ``label`` (in the order they were added) that starts at token i."""
        found = self._indexed(label).by_start.get(i)
        return found[0] if found else None

    def ending_at(self, label: str, j: int) -> list[Ent]:
        """The spans of ``label`` whose last token is j - 1, in text order (a new list)."""
        return list(self._indexed(label).by_end.get(j, ()))

    def overlapping(self, label: str, i: int, j: int) -> list[Ent]:
        """The spans of ``label`` that share a token with tokens i..j, in text order."""
        covering = self._indexed(label).covering
        seen: dict[int, Ent] = {}
        for k in range(i, j):
            for e in covering.get(k, ()):
                seen.setdefault(id(e), e)
        return sorted(seen.values(), key=_key)

    def referenced(self, label: str, name: str) -> dict[int, int]:
        """id of a span → how many spans of ``label`` list it in their ``data[name]`` (a list of spans set
        when the span is made), kept up to date as spans come and go: "is this title anyone's?"."""
        index = self._indexed(label)
        counts = index.refs.get(name)
        if counts is None:
            counts = index.refs[name] = {}
            for e in index.ents:
                for r in e.data.get(name) or ():
                    counts[id(r)] = counts.get(id(r), 0) + 1
            if index.ents:
                self._index[label] = index
        return counts

    def free(self, i: int, j: int | None = None) -> bool:
        j = i + 1 if j is None else j
        return all(self.allowed[k] and self.owner[k] is None for k in range(i, j))

    def span(self, ent: Ent) -> tuple[int, int]:
        return self.tokens[ent.start].start, self.tokens[ent.end - 1].end

    def surface(self, ent: Ent) -> str:
        s, e = self.span(ent)
        return self.doc.text[s:e]

    def in_sentence(self, label: str, sent: int) -> list[Ent]:
        """The spans of ``label`` that start in sentence ``sent``, in text order (a new list)."""
        return list(self._indexed(label).by_sent.get(sent, ()))

    def in_sentences(self, label: str, sentences: set[int]) -> list[Ent]:
        """The spans of ``label`` that start in any of these sentences, in text order."""
        by_sent = self._indexed(label).by_sent
        return [e for sent in sorted(sentences) for e in by_sent.get(sent, ())]

    def gap_has_punct(self, i: int, j: int) -> bool:
        """True if original text between token i and token j (i < j) holds punctuation."""
        a, b = self.tokens[i].nend, self.tokens[j].nstart
        return any(not c.isspace() for c in self.doc.norm[a:b])


class Component(Protocol):
    """One concern of extraction; reads and adds spans on the document."""

    name: str

    def __call__(self, ad: AnalysedDoc) -> None: ...
