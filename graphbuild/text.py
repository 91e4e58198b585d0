"""Normalisation, tokens and sentences, always with offsets back to the original.

Every later layer matches on the normalised form (alef variants folded, diacritics
and tatweel removed, Latin case and accents folded) but reports spans in the
original text, so each normalised character remembers the original index it came
from.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .lang import elision_pattern, profile
from .script import starts_arabic

_AR_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ی": "ي", "ک": "ك", "ۀ": "ه", "ە": "ه",
    "،": ",", "؛": ";", "؟": "?", "٪": "%",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2066", "\u2067", "\u2068", "\u2069",
              "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\ufeff", "\u00ad", "\u0640"}


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    """The normalised form of one character (possibly empty or several chars)."""
    if c in _INVISIBLE:
        return ""
    if c in _AR_FOLD:
        return _AR_FOLD[c]
    if c in _DIGITS:
        return _DIGITS[c]
    if c in _QUOTES:
        return _QUOTES[c]
    o = ord(c)
    if 0x0610 <= o <= 0x061A or 0x064B <= o <= 0x065F or o == 0x0670 or 0x06D6 <= o <= 0x06ED:
        return ""  # Arabic diacritics
    if c.isspace():
        return "\n" if c in "\n\r\u2028\u2029" else " "
    if o < 128:
        return c.lower()
    if 0x0600 <= o <= 0x06FF:
        return c
    s = unicodedata.normalize("NFKD", c)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = unicodedata.normalize("NFKC", s).casefold()
    if s in ("ᵉ",):
        return "e"
    return s


def fold(s: str) -> str:
    """Normalise a string the same way article text is normalised (for lexicon keys)."""
    _learn(s)
    return s.translate(_FOLD_TABLE)


class Token(NamedTuple):
    """One word or punctuation mark (a named tuple: built by the hundred per article, cheaply)."""

    i: int  # index in the token list
    text: str  # normalised form
    raw: str  # original surface
    start: int  # original offsets [start, end)
    end: int
    sent: int  # sentence index
    nstart: int  # normalised offsets
    nend: int
    variants: tuple[str, ...] = ()  # token_variants(text): the readings every lexicon lookup tries
    bare_variants: tuple[str, ...] = ()  # token_variants(text, bare=True)

    @property
    def is_upper_initial(self) -> bool:
        return bool(self.raw) and self.raw[0].isupper()

    @property
    def is_arabic(self) -> bool:
        return starts_arabic(self.text)


_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|[^\w\s]", re.UNICODE)


_FOLD_TABLE: dict[int, str] = {}  # ord → fold_char, for str.translate
_SAME_LENGTH: set[str] = set()  # characters that fold to exactly one character


def _learn(text: str) -> set[str]:
    """Put the text's characters in the translation table; return them."""
    chars = set(text)
    for c in chars.difference(_SAME_LENGTH):
        if ord(c) not in _FOLD_TABLE:
            f = fold_char(c)
            _FOLD_TABLE[ord(c)] = f
            if len(f) == 1:
                _SAME_LENGTH.add(c)
    return chars


@lru_cache(maxsize=256)
def _dropped_pattern(chars: frozenset[str]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")


def _normalise(text: str) -> tuple[str, array]:
    """``fold_char`` over the text, and each normalised character's offset in the original.

    Most texts only hold characters that fold to one character: then ``str.translate``
    does the work in C and the offsets are the identity. A CRLF is one line break, as LF
    and CR alone are: its CR is left out of the normalised text (the offsets step over it).
    """
    return _normalise_crlf(text) if "\r\n" in text else _fold_with_offsets(text)


def _fold_with_offsets(text: str) -> tuple[str, array]:
    """``_normalise`` of a text without CRLFs (a CR on its own folds to LF, like any line break)."""
    chars = _learn(text)
    if chars <= _SAME_LENGTH:
        return text.translate(_FOLD_TABLE), array("I", range(len(text)))
    dropped = {c for c in chars if not _FOLD_TABLE[ord(c)]}
    if chars <= _SAME_LENGTH | dropped:  # tatweel, harakat, invisible marks: only deletions
        offs = array("I")
        kept_from = 0
        for m in _dropped_pattern(frozenset(dropped)).finditer(text):
            offs.extend(range(kept_from, m.start()))
            kept_from = m.end()
        offs.extend(range(kept_from, len(text)))
        return text.translate(_FOLD_TABLE), offs
    parts: list[str] = []
    offs = array("I")  # 4 bytes per character: a 50 MB article stays affordable
    table = _FOLD_TABLE
    for i, c in enumerate(text):
        f = table[ord(c)]
        parts.append(f)
        if len(f) == 1:
            offs.append(i)
        elif f:
            offs.extend([i] * len(f))
    return "".join(parts), offs


def _normalise_crlf(text: str) -> tuple[str, array]:
    """``_normalise`` of a text with CRLF line breaks: that of the text without their CRs, its offsets
    mapped back past each CR left out."""
    lf = text.replace("\r\n", "\n")  # "\r\r\n" leaves "\r\n": a lone CR, then the LF
    norm, offs = _fold_with_offsets(lf)
    back = array("I")  # offset in ``lf`` → offset in ``text``
    at, shift = 0, 0
    for m in re.finditer("\r\n", text):
        cut = m.start() - shift  # where this CRLF's LF stands in ``lf``
        back.extend(range(at + shift, cut + shift))
        shift += 1
        at = cut
    back.extend(range(at + shift, len(lf) + shift))
    return norm, array("I", map(back.__getitem__, offs))


MAX_CLAUSE_TOKENS = 300  # a sentence this long ends at its next comma (the longest in our corpora: 103 tokens) …
MAX_SENTENCE_TOKENS = 500  # … or here: extraction works per sentence, and a page without full stops is one
_CLAUSE_BREAKS = frozenset({",", ";", ":"})  # normalised: "،" and "؛" are "," and ";"


class Doc:
    """The normalised text of an article with tokens and sentences.

    ``regions`` are the original-offset ranges that hold body text; tokens outside
    them are kept (for offsets) but flagged so extractors skip them.
    """

    def __init__(self, text: str, lang: str = "ar", regions: list[tuple[int, int]] | None = None,
                 abbreviations: frozenset[str] = frozenset()):
        self.text = text
        self.lang = lang
        self.norm, self.offsets = _normalise(text)
        self.regions = regions if regions is not None else [(0, len(text))]
        self.tokens: list[Token] = []
        self.sentences: list[tuple[int, int]] = []  # original offsets
        self._tokenise(abbreviations)

    def orig(self, nstart: int, nend: int) -> tuple[int, int]:
        if nstart >= len(self.offsets):
            return len(self.text), len(self.text)
        return self.offsets[nstart], (self.offsets[nend - 1] + 1 if nend > nstart else self.offsets[nstart])

    def in_body(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.regions)

    def body_mask(self) -> list[bool]:
        """``in_body(t.start)`` for every token, in one walk over the sorted regions."""
        regions = sorted(self.regions)
        out = []
        k = 0
        for t in self.tokens:
            while k < len(regions) and regions[k][1] <= t.start:
                k += 1
            out.append(k < len(regions) and regions[k][0] <= t.start)
        return out

    def _tokenise(self, abbreviations: frozenset[str]) -> None:
        sent = 0
        sent_start: int | None = None
        toks: list[Token] = []
        norm = self.norm
        text, offsets, n_offsets = self.text, self.offsets, len(self.offsets)
        prof = profile(self.lang)
        elision, possessive_s = elision_pattern(self.lang), prof.possessive_s
        prev_end = 0
        for m in _WORD.finditer(norm):
            ns, ne = m.span()
            piece = m.group()
            gap = norm[prev_end:ns] if toks else ""
            prev_end = ne
            if "\n" in gap:
                # a line break ends a sentence unless the line was wrapped mid-sentence
                if "\n\n" in gap.replace(" ", "") or toks[-1].text in ".!?:" or _starts_line(norm, ns):
                    sent, sent_start = self._close(sent, sent_start, toks)
            parts = ((ns, ne, piece),)
            if "'" in piece:
                em = elision.match(piece) if elision else None
                if em:
                    cut = ns + len(em.group(1)) + 1
                    parts = ((ns, cut, piece[:cut - ns]), (cut, ne, em.group(2)))
                elif piece.endswith("'s") and len(piece) > 2 and possessive_s:
                    parts = ((ns, ne - 2, piece[:-2]), (ne - 2, ne, "'s"))  # Spain's → Spain + 's
            for ps, pe, ptxt in parts:
                if pe <= n_offsets:
                    s, e = offsets[ps], offsets[pe - 1] + 1
                else:
                    s, e = self.orig(ps, pe)
                if sent_start is None:
                    sent_start = s
                toks.append(_new_tuple(Token, (len(toks), ptxt, text[s:e], s, e, sent, ps, pe)
                                       + _both_variants(ptxt)))  # Token(...) without its Python __new__
            if piece in (".", "!", "?", ";") and not (piece == ";" and not prof.semicolon_ends_sentence):
                prev = toks[-2].text if len(toks) > 1 else ""
                if piece == "." and (prev in abbreviations or (len(prev) == 1 and prev.isalpha()
                                                                and prof.single_letter_abbreviations)):
                    continue
                if piece == "." and prev.isdigit() and _next_char(norm, ne).isdigit():  # 3.5 is one number
                    continue
                sent, sent_start = self._close(sent, sent_start, toks)
            elif _overlong(toks, sent, piece):
                sent, sent_start = self._close(sent, sent_start, toks)
        if toks and sent_start is not None:
            self.sentences.append((sent_start, toks[-1].end))
        self.tokens = toks

    def _close(self, sent: int, sent_start: int | None, toks: list[Token]) -> tuple[int, int | None]:
        if sent_start is None or not toks or toks[-1].sent != sent:
            return sent, sent_start
        self.sentences.append((sent_start, toks[-1].end))
        return sent + 1, None

    def sentence_tokens(self, sent: int) -> list[Token]:
        return [t for t in self.tokens if t.sent == sent]

    def surface(self, start: int, end: int) -> str:
        return self.text[start:end]


def _overlong(toks: list[Token], sent: int, piece: str) -> bool:
    """Has the open sentence run past the clause bound at a comma, or past the sentence bound?"""
    n = len(toks)
    if n < MAX_CLAUSE_TOKENS or toks[n - MAX_CLAUSE_TOKENS].sent != sent:
        return False
    return piece in _CLAUSE_BREAKS or (n >= MAX_SENTENCE_TOKENS and toks[n - MAX_SENTENCE_TOKENS].sent == sent)


def _next_char(s: str, i: int) -> str:
    return s[i] if i < len(s) else ""


def _starts_line(norm: str, ns: int) -> bool:
    """True where the token at ``ns`` begins a line that looks like a new paragraph."""
    j = norm.rfind("\n", 0, ns)
    k = norm.rfind("\n", 0, j) if j > 0 else -1
    prev_line = norm[k + 1:j].strip()
    return not prev_line or len(prev_line) < 60 or prev_line[-1:] in ".!?:\"'-"


# ---------------------------------------------------------------------------
# Arabic clitics

_PROCLITIC_1 = ("و", "ف")
_PROCLITIC_2 = ("ب", "ل", "ك")


@lru_cache(maxsize=65536)
def ar_variants(token: str) -> tuple[str, ...]:
    """Readings of a normalised Arabic token with its proclitics removed.

    ``وبالمغرب`` gives (وبالمغرب, بالمغرب, المغرب); ``للانتربول`` gives
    (للانتربول, الانتربول). The article stays: gazetteer names carry it as
    written. The order is most-literal first.
    """
    out = [token]
    rest = token
    if len(rest) > 3 and rest[0] in _PROCLITIC_1:
        rest = rest[1:]
        out.append(rest)
    if len(rest) > 3 and rest.startswith("لل"):
        out.append("ال" + rest[2:])
        return tuple(dict.fromkeys(out))
    if len(rest) > 3 and rest[0] in _PROCLITIC_2 and (rest[0] != "ك" or rest[1:3] == "ال"):
        rest = rest[1:]  # ك only before the article: كريم is a name, كالمغرب is "like Morocco"
        out.append(rest)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def ar_bare_variants(token: str) -> tuple[str, ...]:
    """Like ``ar_variants`` but also without the article (for titles, triggers, adjectives)."""
    out = list(ar_variants(token))
    out += [v[2:] for v in out if v.startswith("ال") and len(v) > 3]
    return tuple(dict.fromkeys(out))


_new_tuple = tuple.__new__


@lru_cache(maxsize=65536)
def _both_variants(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return token_variants(token), token_variants(token, True)


def token_variants(token: str, bare: bool = False) -> tuple[str, ...]:
    if starts_arabic(token):
        return ar_bare_variants(token) if bare else ar_variants(token)
    return (token,)


# ---------------------------------------------------------------------------
# Layout: title, byline, chrome and body

@dataclass
class Layout:
    title: tuple[int, int] | None
    byline: list[tuple[int, int]]
    dateline: tuple[int, int] | None
    chrome: list[tuple[int, int]]
    body: list[tuple[int, int]]

    @property
    def body_span(self) -> tuple[int, int] | None:
        return (self.body[0][0], self.body[-1][1]) if self.body else None


def lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        lead = len(stripped) - len(stripped.lstrip())
        body = stripped.strip()
        if body:
            out.append((pos + lead, pos + lead + len(body), body))
        pos += len(line)
    return out


def segment(text: str, chrome_patterns: list[re.Pattern[str]], byline_patterns: list[re.Pattern[str]],
            known_title: str | None = None, name_line=None) -> Layout:
    """Split an article into title, byline, dateline, site chrome and body lines.

    Chrome is recognised by the language's patterns (breadcrumbs, "read more",
    share buttons); the title is the first short line, or a repeat of the
    metadata title; a byline is a short line matching a byline pattern or, right
    after the title, a line that ``name_line`` accepts as a bare person name.
    Long on purpose: one pass over the lines whose rules are tried in order of precedence;
    split, each rule would take and return the six layouts being built.
    """
    lines = lines_with_offsets(text)
    title: tuple[int, int] | None = None
    byline: list[tuple[int, int]] = []
    dateline: tuple[int, int] | None = None
    chrome: list[tuple[int, int]] = []
    body: list[tuple[int, int]] = []
    seen: set[str] = set()
    title_key = fold(known_title).strip() if known_title else None
    for idx, (s, e, line) in enumerate(lines):
        key = fold(line).strip()
        head_zone = idx < 6 and not body
        if any(p.search(line) for p in chrome_patterns):
            chrome.append((s, e))
            if title is None and "»" in line and head_zone:
                # breadcrumb ending with the title: keep the last crumb as title
                last = line.rsplit("»", 1)[-1].strip()
                if last and len(last) > 15:
                    off = s + line.rfind(last)
                    title = (off, off + len(last))
                    seen.add(fold(last).strip())
            continue
        if key in seen or (title_key and key == title_key):
            chrome.append((s, e))
            if title is None:
                title = (s, e)
            continue
        words = line.split()
        if head_zone and any(p.match(line) for p in byline_patterns) and len(words) <= 8:
            byline.append((s, e))
            continue
        if head_zone and title is None and idx == 0 and len(words) <= 25 and line[-1:] not in ".!؟?:" \
                and len(lines) > 1:
            title = (s, e)
            seen.add(key)
            continue
        if head_zone and title is not None and not byline and len(words) <= 4 and name_line and name_line(line):
            byline.append((s, e))
            continue
        if head_zone and len(words) <= 3 and line.rstrip().endswith(("-", "–", "—", ":")):
            dateline = (s, e)
            continue
        seen.add(key)
        body.append((s, e))
    return Layout(title, byline, dateline, chrome, body)
