"""Arabic morphology the patterns need and word lists cannot say: the hooks of the Arabic profile.

Arabic writes "and" (و، ف), some prepositions (ب، ل، ك) and the article (ال) as part of
the next word. The lexicon tries every clitic reading of a token by itself; these
predicates answer the few questions the name, title, organisation and meeting
patterns ask about a word's shape. They are called only for Arabic-script tokens.
"""

from __future__ import annotations

CONJUNCTIONS = "وف"  # "and", "then": written as the word's first letter
PREPOSITIONS = "بل"  # "in/with", "for/to": written as the word's first letter
ARTICLE = "ال"


def starts_with_and(word: str) -> bool:
    """و at the start: "and" (وزير is not: callers check the word is not in a lexicon first)."""
    return word.startswith("و")


def conjoined(word: str) -> bool:
    """A conjunction glued to a word of more than two letters: "وألمانيا", "فالمجلس"."""
    return word[:1] in CONJUNCTIONS and len(word) > 3


def without_conjunction(word: str) -> str:
    return word[1:] if conjoined(word) else word


def definite(word: str) -> bool:
    """The article, or the article after ل ("للشرطة"): a definite noun or adjective."""
    return word.startswith((ARTICLE, "لل"))



def after_preposition(word: str) -> bool:
    """ب or ل first: "بالرباط", "لتونس" (a place after a preposition is no part of a name)."""
    return word[:1] in PREPOSITIONS


def relative_adjective(word: str) -> bool:
    """A nisba adjective ("مالية", "المغربي"): it describes the noun before it, it names nothing."""
    return word.endswith(("يه", "ي"))


def ends_in_ha(word: str) -> bool:
    """ه at the end: a pronoun ("بدوره", in turn) where the lexicon read ة ("دورة", session)."""
    return word.endswith("ه")


def continues_portfolio(word: str, next_word: str) -> bool:
    """Does a word go on a portfolio ("الخارجية وشؤون المغتربين", "الصناعة والثروة المعدنية")?

    An "and" or "for" glued to an indefinite word continues it only when a definite word
    follows (a construct phrase), not before a verb ("وسعا من")."""
    if not word.startswith(("و", ARTICLE, "لل", "بال")):
        return False
    if (word.startswith("و") and not word.startswith("وال")) or (word.startswith("ل") and not word.startswith("لل")):
        return next_word.startswith(ARTICLE)
    return True


def without_glued_and(word: str) -> str:
    """"والاتحاد" → "الاتحاد": "and" glued to a definite word of four letters or more ("والي" stays)."""
    return word[1:] if word.startswith("وال") and len(word) >= 6 else word


def as_read(raw: str, reading: str) -> str:
    """The word as a lexicon read it, in the article's own letters: "للجنة" read as "لجنة" → "لجنة",
    "للشرطة" read as "الشرطة" → "الشرطة", "والاتحاد" read as "الاتحاد" → "الاتحاد"."""
    if reading.startswith(ARTICLE) and raw.startswith("لل") and len(raw) == len(reading):
        return ARTICLE + raw[2:]
    cut = len(raw) - len(reading)
    return raw[cut:] if cut > 0 else raw


def proclitic(word: str) -> str:
    """The "and" (و، ف) or preposition (ب، ل) a word of more than three letters may open with, or ""
    (whether it is one, or the word's own first letter as in وليد، بشار، لحود, the caller decides)."""
    return word[0] if len(word) > 3 and word[0] in CONJUNCTIONS + PREPOSITIONS else ""


def without_pronoun(word: str) -> str | None:
    """The word without a final ه (his/its: "تحياته" → "تحيات", "معاليه" → "معالي"), or None."""
    return word[:-1] if len(word) > 3 and word.endswith("ه") else None


def without_and_or_with(word: str) -> str | None:
    """The word after a glued و ("and") or ب ("with"), or None: "وقمة" → "قمة"."""
    return word[1:] if word[:1] in "وب" else None
