"""Phrase lexicons compiled once: token-keyed tries over normalised text.

Every gazetteer and word list goes through ``PhraseMatcher``: keys are tokenised
and normalised like article text, and matching tries each token's clitic
readings, so one mechanism serves Arabic, English and French. Lookup is a hash
probe per token, linear in the article length whatever the lexicon size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lang import all_elisions, gazetteer_articles
from ..text import _WORD, Token, fold


def phrase_key(phrase: str, drop_articles: bool = True) -> tuple[str, ...]:
    """A phrase as the tokens a text would give: elisions split off as the tokenizer splits them
    ("s'est" → "s'", "est"), leading articles of gazetteer names dropped ("the United Nations")."""
    toks = []
    elided = all_elisions()
    articles = gazetteer_articles()
    for t in _WORD.findall(fold(phrase)):
        if "'" in t and t.split("'", 1)[0] in elided:
            head, rest = t.split("'", 1)
            toks += [head + "'", rest]
        else:
            toks.append(t)
    while drop_articles and len(toks) > 1 and toks[0] in articles:
        toks = toks[1:]
    return tuple(t for t in toks if t not in {"-"})


@dataclass
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    value: Any
    key: tuple[str, ...] = field(default=())


class PhraseMatcher:
    """Longest-match lookup of multi-token phrases over a token list."""

    def __init__(self, bare: bool = False, case_sensitive_latin: bool = False):
        self.bare = bare  # also try Arabic tokens without their article
        self.case_sensitive_latin = case_sensitive_latin
        self._first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._upper: set[tuple[str, ...]] = set()  # acronyms (UN, WHO, US): match only in capitals
        self._capital: set[tuple[str, ...]] = set()
        self._case_rules: dict[tuple[str, ...], tuple[bool, bool]] = {}  # key → (capital only, capitals only)
        self.size = 0

    def add(self, phrase: str | Sequence[str], value: Any, capital: bool = False) -> None:
        """``capital``: in Latin script, match only with a capital initial (Réunion, not réunion)."""
        key = phrase_key(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not key:
            return
        # a case rule holds for a key only while every phrase with that key asks for it:
        # "INTERPOL" (an acronym: capitals only) must not stop "Interpol" matching "d'Interpol"
        upper = isinstance(phrase, str) and phrase.isupper() and phrase.isascii() and len(phrase) <= 8
        was_capital, was_upper = self._case_rules.get(key, (True, True))
        self._case_rules[key] = (was_capital and capital, was_upper and upper)
        (self._capital.add if was_capital and capital else self._capital.discard)(key)
        (self._upper.add if was_upper and upper else self._upper.discard)(key)
        bucket = self._first.setdefault(key[0], [])
        bucket.append((key[1:], value))
        bucket.sort(key=lambda kv: -len(kv[0]))
        self.size += 1

    def _tok_ok(self, tok: Token, want: str, first: bool) -> bool:
        """Later tokens of a phrase match in any case: "Ligue des États arabes" has a lower-case "des"."""
        if tok.text == want:
            return not first or self._case_ok(tok)
        return want in (tok.bare_variants if self.bare else tok.variants) and (not first or self._case_ok(tok))

    def _case_ok(self, tok: Token) -> bool:
        if not self.case_sensitive_latin or tok.is_arabic or not tok.raw[:1].isalpha():
            return True
        return tok.raw[:1].isupper()

    def match_at(self, tokens: Sequence[Token], i: int, same_sentence: bool = True) -> Match | None:
        tok = tokens[i]
        variants = tok.bare_variants if self.bare else tok.variants
        if self._first.keys().isdisjoint(variants):
            return None
        best: Match | None = None
        for v in variants:
            for tail, value in self._first.get(v, ()):
                n = len(tail)
                if best is not None and n + 1 <= best.end - best.start:
                    break
                if i + n >= len(tokens):
                    continue
                ok = True
                for j, want in enumerate(tail, start=1):
                    t = tokens[i + j]
                    if (same_sentence and t.sent != tok.sent) or not self._tok_ok(t, want, False):
                        ok = False
                        break
                key = (v, *tail)
                if ok and key in self._upper and not all(t.raw.isupper() or not t.raw.isalpha()
                                                         for t in tokens[i:i + n + 1]):
                    ok = False
                if ok and key in self._capital and not tok.is_arabic and not tok.raw[:1].isupper():
                    ok = False
                if ok and self._case_ok(tok):
                    best = Match(i, i + n + 1, value, key)
                    break
        return best

    def find_all(self, tokens: Sequence[Token], allowed: Sequence[bool] | None = None,
                 starts: Iterable[int] | None = None) -> list[Match]:
        """Non-overlapping longest matches, left to right.

        ``starts``: the only positions where a match may begin (``starts(tokens)``, or a
        superset), when the caller has already found them.
        """
        out: list[Match] = []
        first = self._first.keys()
        bare = self.bare
        end = 0
        for i in range(len(tokens)) if starts is None else sorted(starts):
            if i < end or (allowed is not None and not allowed[i]):
                continue
            if first.isdisjoint(tokens[i].bare_variants if bare else tokens[i].variants):
                continue  # the common case, decided in C: no phrase starts with this word
            m = self.match_at(tokens, i)
            if m and (allowed is None or all(allowed[m.start:m.end])):
                out.append(m)
                end = m.end
        return out

    def first_keys(self):
        """The words a phrase can start with, as a live view (no copy)."""
        return self._first.keys()
