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

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..compiled import file_hash, load_or_build
from ..lang import arabic
from ..reference import cities
from ..script import all_arabic, starts_arabic
from ..text import Token, ar_bare_variants, ar_variants
from .base import AnalysedDoc, Ent
from .persons import PersonFinder, common_words, name_of
from .resources import city_matcher, country_matcher, lang_data, org_matcher

MODEL_NAME = "ar_ner.crfsuite"
LABELS = ("PERS", "ORG", "LOC")
MODEL_LANG = "ar"  # the language the shipped CRF was trained on (ANERcorp): it tags that language only


@cache
def model_path() -> Path:
    return Path(str(resources.files("graphbuild").joinpath("data", "models", MODEL_NAME)))


def word_stats_path(model: str | Path | None = None) -> Path:
    """The word statistics that go with a model file: ``ar_ner.crfsuite`` → ``ar_ner.words.tsv``."""
    return Path(model or model_path()).with_suffix(".words.tsv")


STAT_COLUMNS = LABELS  # counting the words just before or after an entity as well did not help (dev 0.708)
WordStats = dict[str, tuple[int, ...]]  # word (bare form) → (seen, *counts of STAT_COLUMNS)


def read_word_stats(path: str | Path | None = None) -> WordStats:
    """How often each word of the training text was part of a name, an organisation, a place.

    Written by ``scripts/train_tagger.py`` beside the model; the features read it as
    evidence about a word in general (a family name, a word of organisation names), where
    the model's own word weights only know the words as they were seen.
    """
    p = Path(path) if path else word_stats_path()
    if not p.is_file():
        return {}
    return load_or_build("extractors.tagger.word_stats", lambda: _parse_word_stats(p), file_hash(p))


def _parse_word_stats(p: Path) -> WordStats:
    out: WordStats = {}
    for line in p.read_text(encoding="utf-8").splitlines()[1:]:
        w, *counts = line.split("\t")
        out[w] = tuple(int(c) for c in counts)
    return out


def _stat_feats(bare: str, stats: WordStats) -> list[str]:
    counts = stats.get(bare)
    if counts is None:
        return ["ws=unseen"]
    seen, *typed = counts
    out = []
    for column, n in zip(STAT_COLUMNS, typed, strict=True):
        if n:
            share = n / seen
            out.append(f"ws={column}:" + ("all" if share >= 0.9 else "most" if share >= 0.5 else "some"))
    return out or (["ws=never"] if seen >= 2 else ["ws=once"])


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
    if all_arabic(w):
        return "arabic"
    return "other"


def _len_bucket(w: str) -> str:
    n = len(w)
    return str(n) if n < 8 else "8+"


def _stem(w: str) -> str:
    """The most stripped proclitic reading (و/ف, ب/ل/ك, لل→ال) of a normalised token."""
    return ar_variants(w)[-1] if starts_arabic(w) else w


def _bare(w: str) -> str:
    """The stripped reading without the article."""
    return ar_bare_variants(w)[-1] if starts_arabic(w) else w


class _Lexicons:
    """The graphbuild gazetteers and word lists the features consult, built once."""

    def __init__(self) -> None:
        data = lang_data(MODEL_LANG)
        self.countries = country_matcher(MODEL_LANG)
        self.cities = city_matcher(MODEL_LANG)
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
        self.common = common_words(MODEL_LANG)
        self.word_stats: WordStats = read_word_stats()
        self._first_index: dict[str, tuple[int, ...]] | None = None

    def matchers(self):
        return (("cty", self.countries), ("city", self.cities), ("org", self.orgs), ("giv", self.given),
                ("hon", self.honorifics), ("tit", self.titles), ("ohd", self.org_heads), ("mon", self.months))

    @property
    def first_index(self) -> dict[str, tuple[int, ...]]:
        """Word → the matchers (by position in ``matchers()``) that have a phrase starting with it."""
        if self._first_index is None:
            index: dict[str, list[int]] = {}
            for k, (_, matcher) in enumerate(self.matchers()):
                for w in matcher.first_keys():
                    index.setdefault(w, []).append(k)
            self._first_index = {w: tuple(ks) for w, ks in index.items()}
        return self._first_index

    def spans(self, tokens: Sequence[Token]) -> list[list[str]]:
        """Gazetteer marks per token: B-/I- of each matcher's longest matches (within a sentence).

        One pass for all the matchers, each keeping ``find_all``'s rule: left to right, a
        match starts after the end of that matcher's previous one.
        """
        marks: list[list[str]] = [[] for _ in tokens]
        index = self.first_index
        matchers = self.matchers()
        ends = [0] * len(matchers)
        firsts = index.keys()
        for i, t in enumerate(tokens):
            if firsts.isdisjoint(t.bare_variants):
                continue
            hits = [k for v in t.bare_variants for k in index.get(v, ())]
            for k in sorted(set(hits)) if len(hits) > 1 else hits:
                if i < ends[k]:
                    continue
                name, matcher = matchers[k]
                m = matcher.match_at(tokens, i)
                if m:
                    ends[k] = m.end
                    marks[i].append("B" + name)
                    for j in range(i + 1, m.end):
                        marks[j].append("I" + name)
        return marks


@cache
def _lexicons() -> _Lexicons:
    return _Lexicons()


def lexicons_with(stats: WordStats) -> _Lexicons:
    """The shared gazetteers with other word statistics (a model's own; a training fold's)."""
    lex = copy.copy(_lexicons())
    lex.word_stats = stats
    return lex


def _word_feats(w: str, lex: _Lexicons) -> list[str]:
    """Features of the word at the focus position: they depend on its text alone."""
    stem = _stem(w)
    bare = _bare(w)
    f = [
        "bias",
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
    f.extend(_flags(w, stem, bare, lex))
    f.extend(_stat_feats(bare, lex.word_stats))
    return f


def _flags(w: str, stem: str, bare: str, lex: _Lexicons) -> list[str]:
    f = []
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


_NEAR_FLAGS = ("particle", "namestop", "common")
OFFSETS = (-2, -1, 1, 2)


def _context_feats(w: str, d: int, lex: _Lexicons) -> list[str]:
    """Features a word gives the token ``d`` positions away from it (its text alone)."""
    stem = _stem(w)
    f = [f"{d}:w=" + w, f"{d}:stem=" + stem]
    if abs(d) == 1:
        bare = _bare(w)
        f.extend(f"{d}:" + x for x in _flags(w, stem, bare, lex) if x in _NEAR_FLAGS)
        if bare != stem:
            f.append(f"{d}:art")
        f.append(f"{d}:s2=" + stem[-2:])
        f.extend(f"{d}:" + x for x in _stat_feats(bare, lex.word_stats))
    return f


def _edge_feat(i: int, d: int, n: int) -> str | None:
    k = i + d
    return f"{d}:BOS" if k < 0 else f"{d}:EOS" if k >= n else None


def sentence_features(tokens: Sequence[Token], lex: _Lexicons | None = None) -> list[list[str]]:
    """CRF features for the tokens of one sentence (graphbuild ``Token``s, normalised text).

    Used for training; ``CrfModel.tag`` computes the same sum of weights without building
    these strings (per word once, then by position), and a test holds the two together.
    ``lex``: the gazetteers and word statistics to read (default: the shipped ones).
    """
    lex = lex or _lexicons()
    n = len(tokens)
    texts = [t.text for t in tokens]
    stems = [_stem(w) for w in texts]
    marks = lex.spans(tokens)
    out: list[list[str]] = []
    for i in range(n):
        f = _word_feats(texts[i], lex) + ["g=" + m for m in marks[i]]
        for d in OFFSETS:
            edge = _edge_feat(i, d, n)
            if edge:
                f.append(edge)
                continue
            f += _context_feats(texts[i + d], d, lex)
            f.extend(f"{d}:g=" + m for m in marks[i + d])
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
_MODELS: dict[str, CrfModel] = {}
_CACHE_LIMIT = 200_000  # words whose weight rows are kept (5 × labels floats each: 56 MB at most)


class ModelUnavailable(RuntimeError):
    pass


@dataclass
class _CrfTables:
    """The weights of a CRFsuite model as arrays: parsing the model's dump is most of its load time,
    so the tables are kept in the compiled cache, keyed by the model file's hash."""

    labels: list[str]
    weights: dict[str, Any]  # attribute → its weight per label (an array)
    pairs: dict[tuple[str, str], list]  # (stem, next stem) → [bi- weights, bi+ weights]
    transitions: Any  # labels × labels

    @classmethod
    def read(cls, crf: Any) -> _CrfTables:
        import numpy as np

        info = crf.info()
        labels = list(crf.labels())
        index = {lab: k for k, lab in enumerate(labels)}
        n = len(labels)
        weights: dict[str, np.ndarray] = {}
        for (attr, label), w in sorted(info.state_features.items()):
            weights.setdefault(attr, np.zeros(n))[index[label]] = w
        pairs: dict[tuple[str, str], list] = {}
        for attr, w in weights.items():
            if attr.startswith(("bi-=", "bi+=")):
                a, b = attr[4:].split("|", 1)
                pairs.setdefault((a, b), [None, None])[attr[2] == "+"] = w
        transitions = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            transitions[index[a], index[b]] = w
        return cls(labels, weights, pairs, transitions)


class CrfModel:
    """A linear-chain CRF read from a CRFsuite model, decoded here with NumPy.

    A state score is a sum of feature weights, and almost every feature depends on one
    word's text and its offset from the focus. So each word's contribution (at the focus
    and at offsets -2…+2) is summed once and kept; tagging a sentence adds those rows by
    position, adds the few gazetteer and bigram weights, and runs Viterbi over all the
    sentences of an article at once. The result is CRFsuite's, without building ~70
    feature strings per token (``tests/test_tagger.py`` compares the two).
    """

    def __init__(self, path: str | Path):
        try:
            import pycrfsuite
        except ImportError:
            raise ModelUnavailable("python-crfsuite is not installed: pip install python-crfsuite") from None
        if not Path(path).is_file():
            raise ModelUnavailable(f"no tagger model at {path}: run scripts/train_tagger.py")
        import numpy as np

        crf = pycrfsuite.Tagger()
        crf.open(str(path))
        tables = load_or_build("extractors.tagger.crf_tables", lambda: _CrfTables.read(crf), file_hash(path))
        self.labels: list[str] = tables.labels
        n = len(self.labels)
        self.weights = tables.weights
        self._pairs = tables.pairs
        self.transitions = tables.transitions
        self._zero = np.zeros(n)
        self._words: dict[str, tuple[int, str]] = {}  # word → (its row in _store, its stem)
        self._store = np.zeros((1024, 1 + len(OFFSETS), n))
        self._mark_weights: dict[str, tuple] = {}
        self.stats_path = word_stats_path(path)
        self._lex: _Lexicons | None = None
        self.crfsuite = crf  # the reference implementation (tests, and ``tag_features``)

    @property
    def lex(self) -> _Lexicons:
        """The gazetteers (built on first use: the rule components share them) and this model's word statistics."""
        if self._lex is None:
            self._lex = lexicons_with(read_word_stats(self.stats_path))
        return self._lex

    def _sum(self, feats: Sequence[str]):
        total = self._zero.copy()
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                total += w
        return total

    def _row(self, word: str):
        """The word's weights at the focus and as the context of offsets -2, -1, +1, +2."""
        import numpy as np

        lex = self.lex
        return np.stack([self._sum(_word_feats(word, lex))]
                        + [self._sum(_context_feats(word, d, lex)) for d in OFFSETS])

    def _weights_of_mark(self, mark: str) -> tuple:
        """(offset, weights) a gazetteer mark gives its own token (0) and the tokens around it."""
        get = self.weights.get
        found = [(0, get("g=" + mark))] + [(d, get(f"{-d}:g=" + mark)) for d in OFFSETS]
        return tuple((d, w) for d, w in found if w is not None)

    def _lookup(self, texts: Sequence[str]) -> tuple[list[int], list[str]]:
        """Row numbers in ``_store`` and stems of these words, adding the words not seen yet."""
        import numpy as np

        words = self._words
        if len(words) + len(texts) > _CACHE_LIMIT:
            words.clear()
        ids, stems = [], []
        for w in texts:
            hit = words.get(w)
            if hit is None:
                k = len(words)
                if k == len(self._store):
                    self._store = np.concatenate([self._store, np.zeros_like(self._store)])
                self._store[k] = self._row(w)
                hit = words[w] = (k, _stem(w))
            ids.append(hit[0])
            stems.append(hit[1])
        return ids, stems

    def scores(self, tokens: Sequence[Token]):
        """State scores (tokens × labels): the sum ``sentence_features`` spells out.

        ``tokens`` may hold several sentences (``Token.sent``); context never crosses them.
        Long on purpose: one vectorised pass over the article, the hot loop of the tagger; split,
        it would pass its dozen NumPy arrays between functions and cost a copy each.
        """
        import numpy as np

        n = len(tokens)
        ids, stems = self._lookup([t.text for t in tokens])
        rows = self._store[ids]  # n × (focus, -2, -1, +1, +2) × labels
        sent_ids = [t.sent for t in tokens]
        sent = np.array(sent_ids)
        s = rows[:, 0].copy()
        get = self.weights.get
        for k, d in enumerate(OFFSETS, start=1):
            inside = np.zeros(n, dtype=bool)  # does token i have a neighbour at i + d in its sentence?
            if d < 0:
                inside[-d:] = sent[-d:] == sent[:d]
                s[-d:] += np.where(inside[-d:, None], rows[:d, k], 0.0)
                edge = get(f"{d}:BOS")
            else:
                inside[:-d] = sent[:-d] == sent[d:]
                s[:-d] += np.where(inside[:-d, None], rows[d:, k], 0.0)
                edge = get(f"{d}:EOS")
            if edge is not None:
                s[~inside] += edge
        marks = self.lex.spans(tokens)  # matches stay within a sentence
        at: list[int] = []  # the remaining weights, gathered and added in one go
        add: list = []
        mark_weights = self._mark_weights
        for i, ms in enumerate(marks):
            for m in ms:
                found = mark_weights.get(m)
                if found is None:
                    found = mark_weights[m] = self._weights_of_mark(m)
                for d, w in found:
                    j = i + d  # token j sees the mark of token i (at offset -d from j)
                    if 0 <= j < n and sent_ids[j] == sent_ids[i]:
                        at.append(j)
                        add.append(w)
        pairs = self._pairs
        for i in range(1, n):
            if sent_ids[i] != sent_ids[i - 1]:
                continue
            a, b = stems[i - 1], stems[i]
            if "|" in a or "|" in b:  # the feature string is ambiguous: spell it out
                before, after = get("bi-=" + a + "|" + b), get("bi+=" + a + "|" + b)
            else:
                before, after = pairs.get((a, b), (None, None))
            if before is not None:
                at.append(i)
                add.append(before)
            if after is not None:
                at.append(i - 1)
                add.append(after)
        if at:
            np.add.at(s, at, np.array(add))
        return s

    def tag(self, sents: Sequence[Sequence[Token]]) -> list[list[str]]:
        """The best tag sequence of each sentence of one document (Viterbi, all sentences side by side)."""
        return self.decode(sents)[0]

    def decode(self, sents: Sequence[Sequence[Token]], marginals: bool = False) -> tuple[list[list[str]], list]:
        """The best tag sequences and, with ``marginals``, each token's probability of each label
        (forward-backward over the same scores: an array tokens × ``labels`` per sentence)."""
        import numpy as np

        sents = [s for s in sents if len(s)]
        if not sents:
            return [], []
        flat = [t for sent in sents for t in sent]
        lengths = np.array([len(s) for s in sents])
        width, n_labels = int(lengths.max()), len(self.labels)
        rows = np.repeat(np.arange(len(sents)), lengths)
        cols = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        scores = np.zeros((len(sents), width, n_labels))
        scores[rows, cols] = self.scores(flat)
        # longest sentences first: the sentences still going at step t are a prefix, no masks needed
        order = sorted(range(len(sents)), key=lambda k: -len(sents[k]))
        scores = scores[order]
        by_length = [len(sents[k]) for k in order]
        going, k = [], len(sents)  # going[t]: how many sentences are longer than t
        for t in range(width):
            while k and by_length[k - 1] <= t:
                k -= 1
            going.append(k)
        delta = scores[:, 0].copy()
        back = np.zeros((len(sents), width, n_labels), dtype=np.intp)
        cand = np.empty((len(sents), n_labels, n_labels))
        trans = self.transitions[None]
        for t in range(1, width):
            k = going[t]
            c, d = cand[:k], delta[:k]
            np.add(d[:, :, None], trans, out=c)  # previous label × next label
            back[:k, t] = c.argmax(axis=1)
            c.max(axis=1, out=d)
            d += scores[:k, t]
        paths: list[list[str]] = [[] for _ in sents]
        labels = self.labels
        for row, b in enumerate(order):
            k = int(delta[row].argmax())
            path = [k]
            back_row = back[row]
            for t in range(len(sents[b]) - 1, 0, -1):
                k = int(back_row[t, k])
                path.append(k)
            paths[b] = [labels[k] for k in reversed(path)]
        if not marginals:
            return paths, []
        probs = _forward_backward(scores, self.transitions, going, by_length)
        out: list = [None] * len(sents)
        for row, b in enumerate(order):
            out[b] = probs[row, :len(sents[b])]
        return paths, out

    def tag_features(self, feats: list[list[str]]) -> list[str]:
        """CRFsuite's own decoding of spelt-out features (the reference the fast path is held to)."""
        with _LOCK:  # a pycrfsuite.Tagger keeps state between calls: one thread at a time
            return list(self.crfsuite.tag(feats))


def _logsumexp(a, axis: int):
    import numpy as np

    top = a.max(axis=axis, keepdims=True)
    return np.squeeze(top, axis=axis) + np.log(np.exp(a - top).sum(axis=axis))


def _forward_backward(scores, transitions, going: Sequence[int], lengths: Sequence[int]):
    """Label marginals of padded sentences (sentences × width × labels, longest first, ``going[t]``
    of them longer than t): the probability the CRF gives each label at each token."""
    import numpy as np

    n_sents, width, _ = scores.shape
    alpha = np.zeros_like(scores)
    beta = np.zeros_like(scores)
    alpha[:, 0] = scores[:, 0]
    trans = transitions[None]
    for t in range(1, width):
        k = going[t]
        alpha[:k, t] = _logsumexp(alpha[:k, t - 1, :, None] + trans, axis=1) + scores[:k, t]
    for t in range(width - 2, -1, -1):
        k = going[t + 1]  # the sentences that go on after t
        nxt = scores[:k, t + 1] + beta[:k, t + 1]
        beta[:k, t] = _logsumexp(trans + nxt[:, None, :], axis=2)
    last = np.array(lengths) - 1
    log_z = _logsumexp(alpha[np.arange(n_sents), last], axis=1)
    return np.exp(alpha + beta - log_z[:, None, None])


def load_model(path: str | Path | None = None) -> CrfModel:
    """The tagger model, read once per process and path (a 2 MB file: a fraction of a second)."""
    p = str(path) if path else ""
    model = _MODELS.get(p)  # the common case, without the lock
    if model is None:
        with _LOCK:
            model = _MODELS.get(p)
            if model is None:
                model = _MODELS[p] = CrfModel(path or model_path())
    return model


def tag_spans(tokens: Sequence[Token], path: str | Path | None = None,
              wanted: Sequence[bool] | None = None) -> list[tuple[str, int, int]]:
    """(PERS|ORG|LOC, start, end) spans over ``tokens`` (indices into that list), sentence by sentence.

    ``wanted``: per token, whether its spans are of use; sentences with no wanted token are
    not tagged (an article's site chrome, say).
    """
    return [(lab, i, j) for lab, i, j, _ in read(tokens, path, wanted)[0]]


def read(tokens: Sequence[Token], path: str | Path | None = None,
         wanted: Sequence[bool] | None = None) -> tuple[list[tuple[str, int, int, float]], list[float]]:
    """The tagger's spans with how sure it is of each (the least marginal probability of its tags),
    and each token's probability of being outside every span (1.0 for tokens not tagged)."""
    model = load_model(path)
    out: list[tuple[str, int, int, float]] = []
    outside = [1.0] * len(tokens)
    sents, firsts, pos = [], [], 0
    for sent in sentences(tokens):
        if wanted is None or any(wanted[pos:pos + len(sent)]):
            sents.append(sent)
            firsts.append(pos)
        pos += len(sent)
    paths, probs = model.decode(sents, marginals=True)
    index = {lab: k for k, lab in enumerate(model.labels)}
    o = index["O"]
    for first, tags, p in zip(firsts, paths, probs, strict=True):
        for k in range(len(tags)):
            outside[first + k] = float(p[k, o])
        for lab, i, j in bio_spans(tags):
            if lab in LABELS:
                sure = min(float(p[k, index[tags[k]]]) for k in range(i, j))
                out.append((lab, first + i, first + j, sure))
    return out, outside


class ArabicTagger:
    """Names and organisations from the shipped CRF, on Arabic articles, where the rules are weakest.

    Run after ``persons``: the rules' names (with their titles and roles) come first, and the
    tagger (1) adds the PERSON and ORG spans the rules had no cue for, on free body tokens;
    (2) mends the extent of a rule name it also read as a name (the rules stop a name by
    word lists, so "جورج بوش وفشله" or "لادن" for "بن لادن"), keeping the rule's cue and
    titles; (3) takes back a first name the city gazetteer had read as a town (بشار الأسد,
    فلاديمير بوتين); (4) places the LOC spans it alone found when a gazetteer can name them
    (a GeoNames city too small for the city rules to take on its own).
    """

    name = "tagger:ar"
    KEEP_CUES = ("short", "byline")  # family-name mentions and bylines keep their extent

    def __init__(self, path: str | Path | None = None):
        self.path = path
        load_model(path)  # fail early, and pay the load once
        self.finder = PersonFinder()

    def __call__(self, ad: AnalysedDoc) -> None:
        if ad.lang.lang != MODEL_LANG or not ad.tokens:
            return
        renamed: dict[str, str] = {}
        scored, outside = read(ad.tokens, self.path, ad.allowed)
        spans = [(lab, i, j) for lab, i, j, _ in scored]
        self._drop_doubtful_towns(ad, spans, outside)
        self._drop_contradicted(ad, spans, outside)
        for label, i, j, sure in scored:
            if not all(ad.allowed[k] for k in range(i, j)) or not self._plausible(ad, i, j):
                continue
            if all(ad.owner[k] is None for k in range(i, j)):
                self._add(ad, label, i, j)
            elif label == "PERS":
                self._mend_person(ad, i, j, renamed, sure >= self.SURE and outside)
            elif label == "ORG" and sure >= self.SURE:
                self._org_over_places(ad, i, j)
                self._trim_org(ad, i, j, outside)
        PersonFinder.link_family_names([e for e in ad.get("PERSON") if not e.data.get("author")])
        if renamed:  # other mentions of the mended name follow it ("عبد الرحيم" → "حسام عبد الرحيم")
            for e in ad.ents.get("PERSON", []):
                if e.key in renamed and not e.data.get("author"):
                    e.key = renamed[e.key]

    TOWN_POPULATION = 1_000_000  # below this, a town the tagger reads as an ordinary word is dropped
    SURE = 0.9  # a span the tagger is this sure of may overrule the rules' reading of its words
    OUTSIDE = 0.9  # a rule name each of whose words the tagger reads as no name this surely is dropped
    NO_TOWN = 0.99  # a town each of whose words the tagger reads as no name this surely is dropped
    VETO_CUES = ("honorific", "title", "apposition", "name", "particle", "list")  # not "short", "byline"

    def _drop_contradicted(self, ad: AnalysedDoc, spans: list[tuple[str, int, int]], outside: list[float]) -> None:
        """A rule name the tagger surely reads as no name at all, word by word, and no span of its own
        touches: an ordinary phrase after a cue ("تحياته وتقديره" after a title, "عمر المباراة")."""
        tagged = [False] * len(ad.tokens)
        for _, i, j in spans:
            tagged[i:j] = [True] * (j - i)
        persons = ad.get("PERSON")
        by_key: dict[str, list[Ent]] = {}  # nothing else adds or moves a name meanwhile
        for p in persons:
            by_key.setdefault(p.key, []).append(p)
        gone: set[int] = set()
        for e in persons:
            if e.data.get("cue") not in self.VETO_CUES or e.data.get("author"):
                continue
            if any(tagged[e.start:e.end]):
                continue
            if e.data.get("cue") != "name" and _lexicons().given.match_at(ad.tokens, e.start):
                continue  # a title, then a given name: the rules' reading stands ("نادية" is also "his club")
            if min(outside[e.start:e.end]) >= self.OUTSIDE and any(
                    self._no_name_word(ad, k) for k in range(e.start, e.end)):  # not "الفريق البرهان"
                ad.remove(e)
                gone.add(id(e))
                same = [p for p in by_key[e.key] if id(p) not in gone]
                if same and all(p.data.get("cue") == "short" for p in same):
                    for p in same:
                        ad.remove(p)  # its family-name mentions go with it ("الوحدة" after "حكومة الوحدة")
                        gone.add(id(p))

    def _trim_org(self, ad: AnalysedDoc, i: int, j: int, outside: list[float]) -> None:
        """An organisation the rules' pattern ran on past its end ("مجلس الأمن البالغ", "لمنظمة الفرانكفونية
        والتي"): the tagger, sure of a shorter one from the same word, and of no name after it, ends it."""
        org = ad.starting_at("ORG", i)
        if org is None or org.key or org.end <= j or any(outside[k] < self.SURE for k in range(j, org.end)):
            return
        ad.remove(org)
        org.end = j
        ad.add(org)

    @staticmethod
    def _no_name_word(ad: AnalysedDoc, k: int) -> bool:
        """An ordinary word, not a given name: a common word (with "his" or a glued "and" or preposition read
        off), or one the training text holds often and never in a person's name ("جمهورية", "مملكة")."""
        lex = _lexicons()
        if lex.given.match_at(ad.tokens, k):
            return False
        word = ad.tokens[k].text
        forms = {word, _stem(word), _bare(word)}
        forms |= {bare for w in forms if (bare := arabic.without_pronoun(w))}
        if forms & lex.common or forms & lex.name_stop:
            return True
        counts = lex.word_stats.get(_bare(word))
        return counts is not None and counts[0] >= 3 and counts[1] == 0

    def _org_over_places(self, ad: AnalysedDoc, i: int, j: int) -> None:
        """An organisation the tagger is sure of, over towns the gazetteer read inside it ("ريال مدريد",
        "أسيك أبيدجان"): the town was part of its name."""
        hits = ad.overlapping("CITY", i, j)
        if not hits or any(not (i <= c.start and c.end <= j) or c.data.get("dateline") for c in hits):
            return
        if any(ad.owner[k] not in (None, "CITY") for k in range(i, j)):
            return
        for c in hits:
            ad.remove(c)
        self._add(ad, "ORG", i, j)

    def _drop_doubtful_towns(self, ad: AnalysedDoc, spans: list[tuple[str, int, int]], outside: list[float]) -> None:
        """A smaller town that the tagger reads as no name at all is an ordinary word that GeoNames
        also lists (الصور "the photos" for Tyre, فرقة "a band"): the city gazetteer alone took it.
        Datelines, capitals and towns of the article's countries stay."""
        named = {k for _, i, j in spans for k in range(i, j)}
        table = cities()
        countries_here = {e.key for e in ad.get("COUNTRY")}
        for city in ad.get("CITY"):
            d = city.data
            if d.get("dateline") or d.get("from_country") or d.get("source") == "tagger":
                continue
            entry = table.get(city.key)
            if min(outside[city.start:city.end]) >= self.NO_TOWN:
                ad.remove(city)  # "بأمان", "فإن": words the tagger is all but sure are no name, whatever their size
                continue
            if entry is None or entry.population >= self.TOWN_POPULATION or entry.country in countries_here:
                continue
            if not any(k in named for k in range(city.start, city.end)):
                ad.remove(city)

    def _small_town(self, city: Ent) -> bool:
        entry = cities().get(city.key)
        return not city.data.get("dateline") and entry is not None and entry.population < self.TOWN_POPULATION

    def _add(self, ad: AnalysedDoc, label: str, i: int, j: int) -> None:
        if label == "PERS":
            prefixes = tuple(ad.lang.raw.get("phrase_prefixes") or ())
            while j - i > 1 and prefixes and ad.tokens[j - 1].text.startswith(prefixes):
                j -= 1  # "سعود بالرياض": a preposition with the article opens a new phrase
            if not self._may_be_person(ad, i, j):
                return
            titles = self.finder.titles_around(ad, i, j)
            key, name = name_of(ad, i, j)
            ad.add(Ent("PERSON", i, j, key, {"titles": titles, "cue": "tagger", "name": name,
                                            "near": titles[0] if titles else None}))
        elif label == "ORG":
            ad.add(Ent("ORG", i, j, None, {"source": "tagger"}))
        else:
            place = _place(ad, i, j)
            if place is not None:
                ad.add(Ent("CITY", i, j, place[0], {"dateline": False, "form": place[1], "source": "tagger"}))

    def _mend_person(self, ad: AnalysedDoc, i: int, j: int, renamed: dict[str, str],
                     outside: list[float] | bool = False) -> None:
        """Give a rule name the tagger's extent. ``outside``: the tagger is sure of its span, and these are
        its word by word odds of no name, so that it may also drop words it surely reads as none."""
        persons = ad.overlapping("PERSON", i, j)
        cities = ad.overlapping("CITY", i, j)
        if any(not (i <= c.start and c.end <= j) for c in cities):
            return
        if any(ad.owner[k] not in (None, "PERSON", "CITY") for k in range(i, j)):
            return  # a title, an organisation, a country: the rules' reading stands
        if not persons:
            if not self._may_be_person(ad, i, j):
                return
            if cities and (j - i > sum(c.end - c.start for c in cities) or (outside and all(
                    self._small_town(c) for c in cities))):  # "بيل كلينتون": two towns somewhere
                for c in cities:
                    ad.remove(c)  # a first name that is also a town somewhere
                self._add(ad, "PERS", i, j)
            return
        if len(persons) != 1:
            return
        p = persons[0]
        if p.data.get("cue") in self.KEEP_CUES or p.data.get("author") or (p.start, p.end) == (i, j):
            return
        if any(t.start < j and i < t.end for t in p.data.get("titles", [])):
            return
        if i > p.start and p.data.get("cue") in ("title", "honorific") \
                and not self._surely_none(ad, p.start, i, outside):
            return  # the name starts right after its title ("وزير النفط باسم محمد الساعدي")
        if not all(self._ordinary(ad, a, b) or self._surely_none(ad, a, b, outside)
                   for a, b in ((p.start, min(i, p.end)), (max(j, p.start), p.end))):
            return  # the tagger may add words to a name and drop ordinary words around it; not cut one
        lex = _lexicons()
        for k in range(max(i, p.end), j):  # the words it adds stop at a verb or particle ("… تبون أوفد")
            if {ad.tokens[k].text, _stem(ad.tokens[k].text)} & lex.name_stop:
                j = k
                break
        if j <= i or (p.start, p.end) == (i, j):
            return
        old, old_end = p.key, p.end
        for c in cities:
            ad.remove(c)
        ad.remove(p)
        p.start, p.end = i, j
        p.key, p.data["name"] = name_of(ad, i, j)
        p.data["mended_by"] = "tagger"
        if j > old_end:  # "بالأمير محمد بن سلمان آل سعود ولي عهد …": the title after the longer name is its own
            held = list(p.data.get("titles") or [])
            p.data["titles"] = held + [t for t in self.finder.titles_around(ad, i, j) if t not in held]
        ad.add(p)
        if old != p.key:
            renamed[old] = p.key

    def _surely_none(self, ad: AnalysedDoc, i: int, j: int, outside: list[float] | bool) -> bool:
        """Tokens i..j the tagger surely reads as no name ("أوفد" after "عبد المجيد تبون"), none a given name."""
        if not outside:
            return False
        lex = _lexicons()
        return all(outside[k] >= self.SURE and not lex.given.match_at(ad.tokens, k) for k in range(i, j))

    @staticmethod
    def _ordinary(ad: AnalysedDoc, i: int, j: int) -> bool:
        """Are tokens i..j ordinary words ("إجبار", "تذكيرا") or words opening on "and" ("وفشله"), and
        none a given name?"""
        lex = _lexicons()
        return all((t.text in lex.common or _stem(t.text) in lex.common or (t.text[0] in "وف" and len(t.text) > 3))
                   and not lex.given.match_at(ad.tokens, k) for k, t in enumerate(ad.tokens[i:j], start=i))

    def _may_be_person(self, ad: AnalysedDoc, i: int, j: int) -> bool:
        """Not a place named after someone ("مركز الملك سلمان"), nor one ordinary word ("البلاغ", "معاليه")."""
        before = next((t.start for t in ad.ending_at("TITLE", i)), i)
        if self.finder.named_after(ad, before) or any(
                self.finder.named_after(ad, o.start + 1) for o in ad.ending_at("ORG", i)):
            return False  # "مركز الملك سلمان", "جامعة الملك سعود"
        if ad.ending_at("TITLE", i) and self.finder.title_place_at(ad, i):
            return False  # "والي نواكشوط الغربية": the governor's town
        if j - i == 1:
            word = ad.tokens[i].text
            lex = _lexicons()
            bare = arabic.without_pronoun(word) or word
            if {word, _stem(word), bare} & lex.common or lex.honorifics.match_at(ad.tokens, i) \
                    or bare in ad.lang.word_set("honorifics"):
                return False
        return True

    @staticmethod
    def _plausible(ad: AnalysedDoc, i: int, j: int) -> bool:
        """Arabic-script words only (the model never saw markup, URLs or Latin words), and no
        span opening on a title, an honorific or a meeting verb (سيستقبل …): the rules' words."""
        if not all(t.is_arabic for t in ad.tokens[i:j]):
            return False
        lang = ad.lang
        return not any(m.match_at(ad.tokens, i) for m in (lang.titles, lang.honorifics, lang.triggers,
                                                          lang.future_cues))


def _place(ad: AnalysedDoc, i: int, j: int) -> tuple[int, tuple[str, ...]] | None:
    """The GeoNames id (and matched name) of a city named exactly by tokens i..j (most populous first).

    A one-word name that is also an ordinary word stays out (ورقة is "paper" before it is a town).
    """
    m = city_matcher(MODEL_LANG).match_at(ad.tokens, i)
    if m is None or m.end != j or (len(m.key) == 1 and m.key[0] in _lexicons().common):
        return None
    table = cities()
    cands = sorted((table[g] for g in m.value if g in table), key=lambda c: (-c.population, c.geonames))
    return (cands[0].geonames, m.key) if cands else None
