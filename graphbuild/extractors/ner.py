"""Optional statistical NER backends, added to the rule components before meetings are assembled.

``--ner spacy:fr_core_news_sm`` loads an installed spaCy pipeline (never downloads one)
and adds its PER and ORG spans where the rules found nothing; titles next to a new
person are linked as usual, so the rules keep precision and the model adds recall.
"""

from __future__ import annotations

from .base import AnalysedDoc, Ent
from .resources import city_matcher

_PERSON_LABELS = {"PER", "PERSON", "PERS"}
_ORG_LABELS = {"ORG"}


class BackendUnavailable(RuntimeError):
    pass


class SpacyNER:
    """PER/ORG spans from a spaCy pipeline, mapped onto graphbuild's tokens."""

    def __init__(self, model: str):
        try:
            import spacy
        except ImportError:
            raise BackendUnavailable("spaCy is not installed: pip install 'graphbuild[spacy]'") from None
        try:
            self.nlp = spacy.load(model, exclude=["lemmatizer", "parser", "morphologizer", "attribute_ruler"])
        except OSError:
            raise BackendUnavailable(f"spaCy model {model!r} is not installed (e.g. pip install -r "
                                     "requirements/spacy-fr.txt); graphbuild never downloads models") from None
        self.model = model
        self.name = f"ner:spacy:{model}"
        self.lang = self.nlp.lang

    def __call__(self, ad: AnalysedDoc) -> None:
        if ad.lang.lang != self.lang:
            return  # a French model says nothing useful about an Arabic article
        doc = self.nlp(ad.doc.text)
        starts = {t.start: t.i for t in ad.tokens}
        ends = {t.end: t.i for t in ad.tokens}
        for ent in doc.ents:
            label = ent.label_
            if label not in _PERSON_LABELS | _ORG_LABELS:
                continue
            i, j = starts.get(ent.start_char), ends.get(ent.end_char)
            if i is None or j is None or j < i or not all(ad.allowed[k] for k in range(i, j + 1)):
                continue
            if any(ad.owner[k] not in (None, "CITY") for k in range(i, j + 1)):
                continue  # the rules already know this span
            if label in _ORG_LABELS:
                if j > i or (ad.tokens[i].raw.isupper() and 2 <= len(ad.tokens[i].raw) <= 6
                             and not city_matcher(ad.lang.lang).match_at(ad.tokens, i)):
                    ad.add(Ent("ORG", i, j + 1, None, {"source": self.name}))
                continue
            i = self._skip_titles(ad, i, j)
            if i is None:
                continue
            for city in [c for c in ad.get("CITY") if c.start <= j and i < c.end]:
                ad.remove(city)
            key = " ".join(t.text for t in ad.tokens[i:j + 1])
            ad.add(Ent("PERSON", i, j + 1, key, {"titles": [], "cue": "ner", "name": ent.text, "near": None}))


    @staticmethod
    def _skip_titles(ad: AnalysedDoc, i: int, j: int) -> int | None:
        """Drop a leading honorific or title ("M. Fourati", "président de la République") from a PER span."""
        lang = ad.lang
        while i <= j:
            m = lang.honorifics.match_at(ad.tokens, i) or lang.titles.match_at(ad.tokens, i)
            if not m:
                break
            i = m.end
            while i <= j and not any(c.isalnum() for c in ad.tokens[i].text):
                i += 1
        if i > j:
            return None
        names = [t for t in ad.tokens[i:j + 1] if t.raw[:1].isupper()]
        if not names or any(t.text in lang.word_set("not_name_words") for t in names):
            return None
        return i


def load_backend(spec: str):
    """``spacy:MODEL`` → a component. Raises BackendUnavailable with a clear message."""
    kind, _, arg = spec.partition(":")
    if kind == "spacy" and arg:
        return SpacyNER(arg)
    raise BackendUnavailable(f"unknown NER backend {spec!r} (use spacy:MODEL, e.g. spacy:fr_core_news_sm)")
