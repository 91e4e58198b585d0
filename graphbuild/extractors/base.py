"""The shared state components read and write, and the component protocol."""

from __future__ import annotations

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

    moves: ClassVar[int] = 0  # bumped whenever a span's bounds change: the documents' indexes are then stale

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _BOUNDS and name in self.__dict__:
            Ent.moves += 1
        object.__setattr__(self, name, value)


_BOUNDS = frozenset({"start", "end"})


@dataclass
class _Index:
    """One label's spans in text order, by sentence and by token, for the list and bounds it was built on."""

    ents: list[Ent]
    size: int
    moves: int
    ordered: list[Ent]
    by_sent: dict[int, list[Ent]]

    def fresh(self, ents: list[Ent]) -> bool:
        return self.ents is ents and self.size == len(ents) and self.moves == Ent.moves


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
        self._by_start: dict[str, tuple[list[Ent], int, dict[int, Ent]]] = {}
        self._index: dict[str, _Index] = {}
        self._covering: dict[str, tuple[list[Ent], int, int, dict[int, Ent]]] = {}

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
        self.ents.setdefault(ent.label, []).append(ent)
        if claim:
            for i in range(ent.start, ent.end):
                if self.owner[i] is None:
                    self.owner[i] = ent.label
        return ent

    def remove(self, *ents: Ent) -> None:
        """Withdraw spans another component has overruled (a 'city' that is part of a name); many at
        once in one pass over their labels' lists."""
        gone = {id(e) for e in ents}
        for label in {e.label for e in ents}:
            self.ents[label] = [e for e in self.ents.get(label, []) if id(e) not in gone]
        for ent in ents:
            for i in range(ent.start, ent.end):
                if self.owner[i] == ent.label:
                    self.owner[i] = None

    def get(self, label: str) -> list[Ent]:
        """The spans of ``label`` in text order (a new list; sorted once until spans are added or moved)."""
        return list(self._indexed(label).ordered)

    def _indexed(self, label: str) -> _Index:
        """``label``'s index, rebuilt only when its spans changed: components ask per trigger and per
        person, and sorting every time made a long one-line article cost the square of its length."""
        ents = self.ents.get(label, [])
        index = self._index.get(label)
        if index is None or not index.fresh(ents):
            ordered = sorted(ents, key=lambda e: (e.start, e.end))
            by_sent: dict[int, list[Ent]] = {}
            for e in ordered:
                by_sent.setdefault(self.tokens[e.start].sent, []).append(e)
            index = self._index[label] = _Index(ents, len(ents), Ent.moves, ordered, by_sent)
        return index

    def free(self, i: int, j: int | None = None) -> bool:
        j = i + 1 if j is None else j
        return all(self.allowed[k] and self.owner[k] is None for k in range(i, j))

    def span(self, ent: Ent) -> tuple[int, int]:
        return self.tokens[ent.start].start, self.tokens[ent.end - 1].end

    def surface(self, ent: Ent) -> str:
        s, e = self.span(ent)
        return self.doc.text[s:e]

    def at(self, label: str, i: int) -> Ent | None:
        """The first span of ``label`` (in the order they were added) that covers token i.

        Asked before each span is added (is this token taken?): spans appended since the last
        question are added to the map, which is rebuilt only when spans were removed or moved.
        """
        ents = self.ents.get(label, [])
        known = self._covering.get(label)
        if known is None or known[0] is not ents or known[2] != Ent.moves or known[1] > len(ents):
            known = (ents, 0, Ent.moves, {})
        covering = known[3]
        for e in ents[known[1]:]:
            for k in range(e.start, e.end):
                covering.setdefault(k, e)
        self._covering[label] = (ents, len(ents), Ent.moves, covering)
        return covering.get(i)

    def starting_at(self, label: str, i: int) -> Ent | None:
        """The first span of ``label`` that starts at token i (asked at every token: indexed)."""
        ents = self.ents.get(label)
        if not ents:
            return None
        cached = self._by_start.get(label)
        if cached is None or cached[0] is not ents or cached[1] != len(ents):  # added to, or replaced
            index: dict[int, Ent] = {}
            for e in ents:
                index.setdefault(e.start, e)
            cached = self._by_start[label] = (ents, len(ents), index)
        return cached[2].get(i)

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
