"""Arabic to Latin romanisation and a script-neutral name key.

``to_latin`` gives a readable form for display, in the English-language press's spelling:
name parts it knows come from ``data/latin_names.tsv`` (given names, compounds such as
عبد الرحمن, family-name parts, particles, regnal ordinals: محمد بن سلمان → Mohammed bin
Salman, عبد الله الثاني → Abdullah II); the rest is romanised by rule, keeping every consonant:

- ع is an apostrophe inside or at the end of a word (جعفر → Ja'far, ربيع → Rabi'); at the
  start of a word, where the press writes only its vowel, a vowel cue (عادل → Adel, عيد → Eid);
- ء and the hamza seats أ إ آ ؤ ئ are an apostrophe inside a word, the vowel at its start;
- ا و ي are long vowels (a, ou, i) between consonants, w and y at the start of a word, after
  a vowel or before one; ى is a, ة is a (t after ا), shadda doubles the consonant;
- short vowels are guesses: "a" splits a cluster at the start of a word or one of three
  consonants and comes before a doubled consonant, "e" splits the last two consonants after
  a long a (the pattern of خالد, رائد → Khaled, Ra'ed);
- the article ال is "al-" ("Al-" at the start of a name), with no sun-letter assimilation
  (الشمري → al-Shammari); آل (the family of) is "Al".

A foreign name written in Arabic (يورغن ستوك) has no table entry and comes out by rule; the
graph's label takes the press's Latin spelling as soon as an article writes the name in Latin
and the resolver merges the two (``graph/merge.py``). ``latin_spelling`` finds that spelling
among Latin names seen elsewhere by the names' skeletons, for a caller that has the corpus.

``skeleton`` reduces a name in either script to its consonants, so that محمد بن علي قمان and
Mohamed Ben Ali Koumane compare equal enough for the graph's cross-script person matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

from .script import has_arabic
from .text import fold

_LETTERS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "dh", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "ڤ": "v", "پ": "p", "گ": "g", "چ": "ch", "ژ": "zh",
}
_SHADDA = "\u0651"
_HAMZAS = "ءأإآؤئ"
_VOWEL_LETTERS = "اوىةي" + "أإآ"
_PLAIN = {"ی": "ي", "ک": "ك", "ٱ": "ا", "ۀ": "ة"}


@cache
def _names() -> dict[str, tuple[str, str]]:
    """{folded Arabic: (Latin, kind)} from ``data/latin_names.tsv``; compounds also without their space."""
    text = resources.files("graphbuild").joinpath("data", "latin_names.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("arabic\t"):
            continue
        arabic, latin, kind = line.split("\t")
        key = fold(arabic)
        table.setdefault(key, (latin, kind))
        if kind == "compound":
            table.setdefault(key.replace(" ", ""), (latin, kind))
    return table


def _known(folded: str, *kinds: str) -> str | None:
    hit = _names().get(folded)
    return hit[0] if hit and (not kinds or hit[1] in kinds) else None


@cache
def _given_spellings() -> frozenset[str]:
    """The Latin given names and compounds of the table: a regnal ordinal follows one (Abdullah II)."""
    return frozenset(latin for latin, kind in _names().values() if kind in ("given", "compound"))


def _letters_of(word: str) -> str:
    """The word with tatweel, short vowels and invisible marks removed; shadda and hamzas kept."""
    out = []
    for c in unicodedata.normalize("NFC", word):
        c = _PLAIN.get(c, c)
        if c == _SHADDA:
            if out:
                out.append(c)
        elif c != "\u0640" and ("\u0621" <= c <= "\u064a" or c in _LETTERS):  # U+0640 is the tatweel
            out.append(c)
    return "".join(out)


def _units(word: str) -> list[tuple[str, str, bool]]:
    """(kind, Latin, doubled) per sound: "C" consonant, "V" long vowel, "v" a vowel cue for initial ع."""
    units: list[tuple[str, str, bool]] = []
    letters = [c for c in word if c != _SHADDA]
    doubled = set()
    j = -1
    for c in word:
        if c == _SHADDA:
            doubled.add(j)
        else:
            j += 1
    n = len(letters)
    i = 0
    while i < n:
        c, nxt = letters[i], letters[i + 1] if i + 1 < n else ""
        after = letters[i + 2] if i + 2 < n else ""
        prev_vowel = bool(units) and units[-1][0] != "C"
        gem = i in doubled
        if c == "ت" and nxt == "ش" and (i == 0 or letters[i - 1] in "اوياأإ"):  # a foreign ch (إتشيفاريا)
            units.append(("C", "ch", gem))
            i += 2
            continue
        if c == "ع" and i == 0:  # the press writes only the vowel of an initial ع
            if nxt == "ا":
                units.append(("v", "a", False))
                i += 2
            elif nxt in "وي" and after and after not in _VOWEL_LETTERS:
                units.append(("v", "ou" if nxt == "و" else "ei", False))
                i += 2
            else:
                units.append(("v", "a", False))
                i += 1
            continue
        if c in "اأإآ" and i == 0:
            if c != "آ" and nxt in ("و", "ي") and after and after not in _VOWEL_LETTERS:
                units.append(("V", "ou" if nxt == "و" else "i", False))  # أوباما, إيمان: one vowel
                i += 2
                continue
            units.append(("V", "i" if c == "إ" else "a", False))
        elif c == "ا":
            if not prev_vowel:
                units.append(("V", "a", False))
        elif c in _HAMZAS or c == "ع":
            if c == "آ":
                units.extend([("C", "'", False), ("V", "a", False)])
            else:
                units.append(("C", "'", False))
        elif c == "و":
            if i == 0 or prev_vowel or gem or (nxt and nxt in "اىة"):
                units.append(("C", "w", gem))
            else:
                units.append(("V", "ou", False))
        elif c == "ي" and nxt == "ة" and i + 2 == n and not prev_vowel:
            units.extend([("V", "i", False), ("C", "y", False)])  # ية: iya
        elif c == "ي":
            after_long = prev_vowel and units[-1][1] in ("ou", "i") and (not nxt or nxt not in "اوىة")
            if (i == 0 or prev_vowel or gem or (nxt and nxt in "اوى")) and not after_long:
                units.append(("C", "y", gem))
            else:
                units.append(("V", "i", False))
        elif c == "ى":
            if not prev_vowel:
                units.append(("V", "a", False))
        elif c == "ة":
            if units and units[-1] == ("V", "a", False) and i == n - 1:
                units.append(("C", "t", False))
            elif not prev_vowel or units[-1][1] == "i":
                units.append(("V", "a", False))
        elif c in _LETTERS:
            units.append(("C", _LETTERS[c], gem))
        i += 1
    return units


def _romanise(word: str) -> str:
    """A word by rule (see the module's notes): every consonant kept, short vowels guessed."""
    units = _units(_letters_of(word))
    out: list[str] = []
    cluster = 0  # consonants since the last vowel
    vowel_seen = False
    long_a_before = False  # the vowel before the current cluster was a written ا
    for k, (kind, latin, gem) in enumerate(units):
        if kind != "C":
            out.append(latin)
            cluster, vowel_seen, long_a_before = 0, True, latin == "a" and kind == "V"
            continue
        if cluster:
            last = k == len(units) - 1
            if not vowel_seen or gem or cluster >= 2:
                out.append("a")
                cluster, vowel_seen, long_a_before = 0, True, False
            elif last and cluster == 1 and long_a_before:
                out.append("e")
                cluster = 0
        if gem and len(latin) == 1 and latin != "'":
            latin += latin
        out.append(latin)
        cluster += 2 if gem else 1  # a doubled consonant closes a syllable and opens the next
    return "".join(out)


def _capital(s: str) -> str:
    for i, c in enumerate(s):
        if c.isalpha():
            return s[:i] + c.upper() + s[i + 1:]
    return s


def _word(word: str) -> str:
    """One name word without its article: the table's spelling, a nisba of a known name, or by rule."""
    folded = fold(word)
    known = _known(folded, "given", "family", "compound")
    if known:
        return known
    if len(folded) >= 4 and folded.endswith("ي"):
        stem = _known(folded[:-1], "given", "family")
        if stem and stem[-1] not in "aeiouy":
            return stem + "i"  # منصوري → Mansouri
    if folded.startswith("بن") and len(folded) >= 5:
        rest = _known(folded[2:], "given", "family")
        if rest:
            return "Bin" + rest.lower()  # a glued بن (بنعلي → Binali)
    return _capital(_romanise(word))


def _article(word: str) -> str | None:
    """The word after the article ال, if it has one (and is a word of two letters or more after it)."""
    letters = _letters_of(word)
    return letters[2:] if letters.startswith(("ال", "اَل")) and len(letters.replace(_SHADDA, "")) > 3 else None


@lru_cache(maxsize=100_000)
def to_latin(name: str) -> str | None:
    """A readable Latin form of an Arabic name; Latin names are returned unchanged."""
    if not name:
        return None
    if not has_arabic(name):
        return name
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if not has_arabic(word):
            out.append(word)
            i += 1
            continue
        folded, nxt = fold(word), fold(words[i + 1]) if i + 1 < len(words) else ""
        compound = _known(f"{folded} {nxt}", "compound") if nxt else None
        if compound:
            out.append(compound)
            i += 2
            continue
        if folded == "عبد" and nxt.startswith("ال") and len(nxt) > 3:  # عبد + a name of God
            out.append("Abdul" + _word(words[i + 1][2:]).lower())
            i += 2
            continue
        if folded.startswith("عبدال") and len(folded) > 6 and not _known(folded):
            out.append("Abdul" + _word(_letters_of(word)[5:]).lower())
            i += 1
            continue
        if nxt in ("الدين", "الله") and i + 2 <= len(words) and not _known(folded, "particle"):
            base = _word(word)
            out.append(f"{base} al-Din" if nxt == "الدين" else base + "allah")
            i += 2
            continue
        particle = _known(folded, "particle")
        regnal = _known(folded, "regnal")
        stem = _article(word)
        if particle:
            out.append(particle)
        elif regnal and len(out) == 1 and i == len(words) - 1 and out[0] in _given_spellings():
            out.append(regnal)
        elif folded == "الله":
            out.append("Allah")
        elif stem is not None:
            out.append("al-" + _word(stem))
        else:
            out.append(_word(word))
        i += 1
    out = [w for w in out if w]
    if not out:
        return None
    out[0] = _capital(out[0])
    return " ".join(out)


_LATIN_SKELETON = [
    ("ou", "w"), ("oo", "w"), ("kh", "K"), ("gh", "G"), ("sh", "C"), ("ch", "C"), ("th", "s"), ("dh", "D"),
    ("q", "k"), ("c", "k"), ("x", "ks"), ("ph", "f"), ("v", "f"), ("p", "b"), ("g", "j"), ("y", "i"), ("z", "s"),
    ("e", ""), ("a", ""), ("i", ""), ("o", ""), ("u", ""), ("w", ""), ("'", ""), ("-", " "),
]
_AR_SKELETON = {
    "ا": "", "ب": "b", "ت": "t", "ث": "s", "ج": "j", "ح": "h", "خ": "K", "د": "d", "ذ": "D", "ر": "r", "ز": "s",
    "س": "s", "ش": "C", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "G", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "", "ي": "", "ء": "", "گ": "j", "ڤ": "f", "پ": "b",
}
_PARTICLES = {"ben", "bin", "ibn", "bn", "بن", "ابن", "el", "al", "ال", "abu", "abou", "ابو", "ould", "ولد", "de",
              "von", "van"}
_LATIN_ARTICLES = ("el", "al", "er", "ed", "es", "et", "en", "ez")


_ABD = re.compile(r"\b(abd|abdel|abdul|abdal|abd el|abd al|abd-el|abd-al|abdoul)[ -]?(?=\w)")


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> tuple[str, ...]:
    """Consonant skeleton per name part, particles dropped: a script-neutral comparison key.

    Compound names become one part (عبد الرحيم, Abderrahim, Abdel Rahim → "bdrhm"), and a
    final ta marbuta is not a consonant (برادة, Berrada → "brd").
    """
    folded = fold(name).replace("-", " ")
    folded = re.sub(r"\bعبد (ال)?", "عبد", folded)
    folded = _ABD.sub("abd", folded) if not has_arabic(folded) else folded
    parts = []
    for word in folded.split():
        if word in _PARTICLES:
            continue
        if has_arabic(word):
            if word.startswith("ال") and len(word) > 3:
                word = word[2:]
            if word.endswith("ه") and len(word) >= 4:
                word = word[:-1]  # ta marbuta, folded to ه
            word = word.replace("تش", "ش")  # تشيفاريا ~ Echevarria
            sk = "".join(_AR_SKELETON.get(c, "") for c in word)
        else:
            w = "".join(c for c in unicodedata.normalize("NFKD", word) if c.isalpha())
            for a, b in _LATIN_SKELETON:
                w = w.replace(a, b)
            if w.startswith(("l", "r", "d", "s", "t", "n", "z")) and word.startswith(_LATIN_ARTICLES):
                w = w[1:] if len(w) > 3 else w
            sk = w
        sk = re.sub(r"(.)\1+", r"\1", sk.lower())
        if sk:
            parts.append(sk)
    return tuple(parts)


@lru_cache(maxsize=200_000)
def skeletons(name: str) -> frozenset[tuple[str, ...]]:
    """Skeletons with particles dropped and with particles glued to the next part:
    "Ben Mansour" and "Benmansour" meet in the second."""
    out = {skeleton(name)}
    words = fold(name).replace("-", " ").split()
    glued, i = [], 0
    while i < len(words):
        if words[i] in _PARTICLES and i + 1 < len(words) and words[i] not in ("ال", "el", "al"):
            glued.append(words[i] + words[i + 1])
            i += 2
        else:
            glued.append(words[i])
            i += 1
    out.add(skeleton(" ".join(glued)))
    return frozenset(s for s in out if s)


def latin_spelling(name: str, latin_names: Iterable[str]) -> str | None:
    """The press's Latin spelling of an Arabic-script name, from Latin names seen elsewhere: the run of
    words of a Latin name whose skeletons are, in order, those of the name's words (مارين إتشيفاريا →
    "Marín Echevarría" from "Luis Marín Echevarría"). Two name words at least, five consonants in all,
    as the resolver asks of a cross-script match; the first such name in sorted order answers."""
    if not has_arabic(name):
        return None
    want = skeleton(name)
    if len(want) < 2 or len("".join(want)) < 5:
        return None
    for latin in sorted(set(latin_names)):
        if has_arabic(latin):
            continue
        words = latin.replace("-", " ").split()
        parts = [(i, skeleton(w)) for i, w in enumerate(words)]
        parts = [(i, sk[0]) for i, sk in parts if len(sk) == 1]
        for k in range(len(parts) - len(want) + 1):
            if tuple(sk for _, sk in parts[k:k + len(want)]) == want:
                return " ".join(words[parts[k][0]:parts[k + len(want) - 1][0] + 1])
    return None
