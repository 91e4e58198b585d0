"""An offline statistical tagger for Arabic persons and organisations (a CRF shipped with the package).

Arabic has no capital letters, so the rules find a person only next to a cue (an
honorific, a title, a given name, a particle). Many names in news come with no cue
at all ("... قال فرانك-فالتر شتاينماير"), and the gazetteers only know the
organisations they list. This component adds what a linear-chain CRF (CRFsuite,
trained by ``scripts/train_tagger.py`` on the ANERcorp training split) reads from
the words, their clitic readings, their affixes and the same gazetteers the rules
use, over a window of two tokens on each side.

It adds spans only on tokens that are in the body and that no rule component has
claimed: where the rules have an answer the rules keep it (they carry keys,
titles and roles the tagger cannot give), and the tagger only adds recall. Its
locations are not added: a place becomes a COUNTRY or CITY only with an ISO code
or a GeoNames id, which the gazetteers already give to the places they know.

``sentence_features`` is the one feature function, shared with the training
script so that training and tagging can never disagree.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from ..text import Token, ar_bare_variants, ar_variants
from .base import AnalysedDoc, Ent
from .persons import common_words
from .resources import city_matcher, country_matcher, lang_data, org_matcher

MODEL_NAME = "ar_ner.crfsuite"
LABELS = ("PERS", "ORG", "LOC")


def model_path() -> Path:
    return Path(str(resources.files("graphbuild").joinpath("data", "models", MODEL_NAME)))


# ---------------------------------------------------------------------------
# features


def _shape(w: str) -> str:
    if not w:
        return "empty"
    if w.isdigit():
        return "digits"
    if any(c.isdigit() for c in w):
        return "hasdigit"
    if not any(c.isalnum() for c in w):
        return "punct"
    if w.isascii():
        return "latin"
    if all("\u0600" <= c <= "\u06ff" for c in w):
        return "arabic"
    return "other"


def _len_bucket(w: str) -> str:
    n = len(w)
    return str(n) if n < 8 else "8+"


def _stem(w: str) -> str:
    """The most stripped proclitic reading (و/ف, ب/ل/ك, لل→ال) of a normalised token."""
    return ar_variants(w)[-1] if w and "\u0600" <= w[0] <= "\u06ff" else w


def _bare(w: str) -> str:
    """The stripped reading without the article."""
    return ar_bare_variants(w)[-1] if w and "\u0600" <= w[0] <= "\u06ff" else w


class _Lexicons:
    """The graphbuild gazetteers and word lists the features consult, built once."""

    def __init__(self) -> None:
        data = lang_data("ar")
        self.countries = country_matcher("ar")
        self.cities = city_matcher("ar")
        self.orgs = org_matcher()
        self.given = data.given_names
        self.honorifics = data.honorifics
        self.titles = data.titles
        self.org_heads = data.org_heads
        self.months = data.months
        self.particles = data.particles
        self.name_stop = data.name_stop
        self.org_stop = data.org_stop
        self.weak_given = data.word_set("weak_given_names")
        self.common = common_words("ar")

    def spans(self, tokens: Sequence[Token]) -> list[list[str]]:
        """Gazetteer marks per token: B-/I- of each matcher's longest matches."""
        marks: list[list[str]] = [[] for _ in tokens]
        for name, matcher in (("cty", self.countries), ("city", self.cities), ("org", self.orgs),
                              ("giv", self.given), ("hon", self.honorifics), ("tit", self.titles),
                              ("ohd", self.org_heads), ("mon", self.months)):
            for m in matcher.find_all(tokens):
                marks[m.start].append("B" + name)
                for k in range(m.start + 1, m.end):
                    marks[k].append("I" + name)
        return marks


@cache
def _lexicons() -> _Lexicons:
    return _Lexicons()


def _word_feats(t: Token, lex: _Lexicons) -> list[str]:
    w = t.text
    stem = _stem(w)
    bare = _bare(w)
    f = [
        "w=" + w,
        "stem=" + stem,
        "bare=" + bare,
        "shape=" + _shape(w),
        "len=" + _len_bucket(bare),
    ]
    if stem != w:
        f.append("clitic=" + w[: len(w) - len(stem)])
    if bare != stem:
        f.append("art")
    for n in (1, 2, 3):
        if len(bare) > n:
            f.append(f"p{n}=" + bare[:n])
            f.append(f"s{n}=" + bare[-n:])
    marked = "<" + bare + ">"
    f.extend("c3=" + marked[k:k + 3] for k in range(len(marked) - 2))  # letter trigrams: how a name is spelt
    if w in lex.particles:
        f.append("particle")
    if w in lex.name_stop or stem in lex.name_stop:
        f.append("namestop")
    if w in lex.org_stop:
        f.append("orgstop")
    if w in lex.common or stem in lex.common:
        f.append("common")
    if bare in lex.weak_given:
        f.append("weakgiven")
    return f


def sentence_features(tokens: Sequence[Token]) -> list[list[str]]:
    """CRF features for the tokens of one sentence (graphbuild ``Token``s, normalised text)."""
    lex = _lexicons()
    n = len(tokens)
    words = [_word_feats(t, lex) for t in tokens]
    marks = lex.spans(tokens)
    texts = [t.text for t in tokens]
    stems = [_stem(w) for w in texts]
    out: list[list[str]] = []
    for i in range(n):
        f = ["bias"] + words[i] + ["g=" + m for m in marks[i]]
        for d in (-2, -1, 1, 2):
            k = i + d
            if k < 0:
                f.append(f"{d}:BOS")
                continue
            if k >= n:
                f.append(f"{d}:EOS")
                continue
            f.append(f"{d}:w=" + texts[k])
            f.append(f"{d}:stem=" + stems[k])
            f.extend(f"{d}:g=" + m for m in marks[k])
            if abs(d) == 1:
                f.extend(f"{d}:" + x for x in words[k] if x in ("particle", "namestop", "common", "art"))
                f.append(f"{d}:s2=" + stems[k][-2:])
        if i > 0:
            f.append("bi-=" + stems[i - 1] + "|" + stems[i])
        if i + 1 < n:
            f.append("bi+=" + stems[i] + "|" + stems[i + 1])
        out.append(f)
    return out


def sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    """The tokens grouped by sentence, in order."""
    out: list[list[Token]] = []
    for t in tokens:
        if not out or out[-1][-1].sent != t.sent:
            out.append([])
        out[-1].append(t)
    return out


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, start, end) chunks of a BIO tag sequence; a stray I- opens a chunk (as conlleval does)."""
    out: list[tuple[str, int, int]] = []
    label, start = None, 0
    for i, tag in enumerate(list(tags) + ["O"]):
        kind, _, typ = tag.partition("-")
        if label is not None and (kind != "I" or typ != label):
            out.append((label, start, i))
            label = None
        if kind == "B" or (kind == "I" and label is None):
            label, start = typ, i
    return out


# ---------------------------------------------------------------------------
# the model

_LOCK = threading.Lock()
_TAGGERS: dict[str, object] = {}


class ModelUnavailable(RuntimeError):
    pass


def load_model(path: str | Path | None = None):
    """The CRFsuite tagger, opened once per process and path (about 2 MB: milliseconds)."""
    p = str(path or model_path())
    with _LOCK:
        tagger = _TAGGERS.get(p)
        if tagger is None:
            try:
                import pycrfsuite
            except ImportError:
                raise ModelUnavailable("python-crfsuite is not installed: pip install python-crfsuite") from None
            if not Path(p).is_file():
                raise ModelUnavailable(f"no tagger model at {p}: run scripts/train_tagger.py")
            tagger = pycrfsuite.Tagger()
            tagger.open(p)
            _TAGGERS[p] = tagger
    return tagger


def tag_spans(tokens: Sequence[Token], path: str | Path | None = None) -> list[tuple[str, int, int]]:
    """(PERS|ORG|LOC, start, end) spans over ``tokens`` (indices into that list), sentence by sentence."""
    tagger = load_model(path)
    out: list[tuple[str, int, int]] = []
    pos = 0
    for sent in sentences(tokens):
        feats = sentence_features(sent)
        with _LOCK:  # one pycrfsuite.Tagger holds its state between calls: one thread at a time
            tags = tagger.tag(feats)
        out += [(lab, pos + s, pos + e) for lab, s, e in bio_spans(tags) if lab in LABELS]
        pos += len(sent)
    return out


class ArabicTagger:
    """PERSON and ORG spans from the shipped CRF, on Arabic articles, where no rule has spoken.

    Run after ``persons`` the rules' names (with their titles) come first and the tagger
    adds the names they have no cue for; run before ``titles`` (where ``Pipeline(extra=…)``
    puts it) it also takes names the rules would have found, without their titles.
    """

    name = "tagger:ar"

    def __init__(self, path: str | Path | None = None):
        self.path = path
        load_model(path)  # fail early, and pay the load once

    def __call__(self, ad: AnalysedDoc) -> None:
        if ad.lang.lang != "ar" or not ad.tokens:
            return
        toks = ad.tokens
        for label, i, j in tag_spans(toks, self.path):
            if label == "LOC" or not all(ad.allowed[k] and ad.owner[k] is None for k in range(i, j)):
                continue
            if not self._plausible(ad, i, j):
                continue
            if label == "PERS":
                key = " ".join(t.text for t in toks[i:j])
                surface = ad.doc.text[toks[i].start:toks[j - 1].end]
                ad.add(Ent("PERSON", i, j, key, {"titles": [], "cue": "tagger", "name": surface, "near": None}))
            else:
                ad.add(Ent("ORG", i, j, None, {"source": "tagger"}))

    @staticmethod
    def _plausible(ad: AnalysedDoc, i: int, j: int) -> bool:
        """Arabic-script words only (the model never saw markup, URLs or Latin words), and no
        span opening on a title, an honorific or a meeting verb (سيستقبل …): the rules' words."""
        if not all(t.is_arabic for t in ad.tokens[i:j]):
            return False
        lang = ad.lang
        return not any(m.match_at(ad.tokens, i) for m in (lang.titles, lang.honorifics, lang.triggers,
                                                          lang.future_cues))
