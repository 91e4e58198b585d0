"""The shared state components read and write, and the component protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

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

    def remove(self, ent: Ent) -> None:
        """Withdraw a span another component has overruled (a 'city' that is part of a name)."""
        self.ents[ent.label] = [e for e in self.ents.get(ent.label, []) if e is not ent]
        for i in range(ent.start, ent.end):
            if self.owner[i] == ent.label:
                self.owner[i] = None

    def get(self, label: str) -> list[Ent]:
        return sorted(self.ents.get(label, []), key=lambda e: (e.start, e.end))

    def free(self, i: int, j: int | None = None) -> bool:
        j = i + 1 if j is None else j
        return all(self.allowed[k] and self.owner[k] is None for k in range(i, j))

    def span(self, ent: Ent) -> tuple[int, int]:
        return self.tokens[ent.start].start, self.tokens[ent.end - 1].end

    def surface(self, ent: Ent) -> str:
        s, e = self.span(ent)
        return self.doc.text[s:e]

    def at(self, label: str, i: int) -> Ent | None:
        for e in self.ents.get(label, []):
            if e.start <= i < e.end:
                return e
        return None

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
        return [e for e in self.get(label) if self.tokens[e.start].sent == sent]

    def gap_has_punct(self, i: int, j: int) -> bool:
        """True if original text between token i and token j (i < j) holds punctuation."""
        a, b = self.tokens[i].nend, self.tokens[j].nstart
        return any(not c.isspace() for c in self.doc.norm[a:b])


class Component(Protocol):
    """One concern of extraction; reads and adds spans on the document."""

    name: str

    def __call__(self, ad: AnalysedDoc) -> None: ...
