"""Arabic to Latin romanisation and a script-neutral name key.

``to_latin`` gives a readable form for display (common given names by table,
the rest letter by letter). ``skeleton`` reduces a name in either script to
its consonants, so that محمد بن علي قمان and Mohamed Ben Ali Koumane compare
equal enough for the graph's cross-script person matching.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .script import has_arabic
from .text import fold

_GIVEN = {
    "محمد": "Mohamed", "احمد": "Ahmed", "محمود": "Mahmoud", "مصطفي": "Mustapha", "علي": "Ali", "عمر": "Omar",
    "عثمان": "Othmane", "يوسف": "Youssef", "ابراهيم": "Ibrahim", "اسماعيل": "Ismail", "خالد": "Khalid",
    "حسن": "Hassan", "حسين": "Hussein", "سعيد": "Said", "عبد": "Abd", "عبدالله": "Abdallah", "بن": "Ben",
    "ابن": "Ibn", "ابو": "Abou", "فيصل": "Faisal", "سلمان": "Salman", "ناصر": "Nasser", "كريم": "Karim",
    "رشيد": "Rachid", "فاطمه": "Fatima", "مريم": "Meriem", "ليلي": "Leila", "ناديه": "Nadia", "زينب": "Zineb",
    "هشام": "Hicham", "عادل": "Adel", "نبيل": "Nabil", "عبدالعزيز": "Abdelaziz", "عبدالرحمن": "Abderrahmane",
    "الحميد": "elhamid", "الرحمن": "errahmane", "العزيز": "elaziz", "الله": "allah", "اللطيف": "ellatif",
    "المجيد": "elmajid", "الكريم": "elkarim", "الاله": "elilah", "جمال": "Jamal", "كمال": "Kamal",
    "طارق": "Tarik", "سامي": "Sami", "وليد": "Walid", "منصور": "Mansour", "راشد": "Rashid", "حمد": "Hamad",
    "يونس": "Younes", "ادريس": "Driss", "امين": "Amine", "عزيز": "Aziz", "ياسين": "Yassine", "مراد": "Mourad",
}
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "ch", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "a", "و": "ou", "ي": "i", "ء": "", "ڤ": "v",
    "پ": "p", "گ": "g",
}


def to_latin(name: str) -> str | None:
    """A readable Latin form of an Arabic name; Latin names are returned unchanged."""
    if not name:
        return None
    if not has_arabic(name):
        return name
    out = []
    for word in fold(name).split():
        if word in _GIVEN:
            out.append(_GIVEN[word])
            continue
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "El ", word[2:]
        body = "".join(_LETTERS.get(c, "") for c in word)
        body = re.sub(r"(ou){2,}", "ou", body)
        out.append((prefix + body[:1].upper() + body[1:]) if body else prefix.strip())
    text = " ".join(w for w in out if w)
    return text.replace("El ", "El-") if text else None


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
