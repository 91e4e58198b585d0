"""Script tests: the one place that knows which characters are Arabic script.

Every layer asks these functions rather than comparing code points itself, so a
new script (or a wider Arabic block) changes here only.
"""

from __future__ import annotations

ARABIC_FIRST, ARABIC_LAST = "\u0600", "\u06ff"


def is_arabic_char(ch: str) -> bool:
    return ARABIC_FIRST <= ch <= ARABIC_LAST


def has_arabic(s: str | None) -> bool:
    """Some character is Arabic script (a label in Arabic, perhaps mixed with digits or Latin)."""
    return any(ARABIC_FIRST <= c <= ARABIC_LAST for c in s or "")


def starts_arabic(s: str | None) -> bool:
    """The first character is Arabic script (a token of the Arabic text)."""
    return bool(s) and ARABIC_FIRST <= s[0] <= ARABIC_LAST


def all_arabic(s: str | None) -> bool:
    """Every character is Arabic script (a whole word, no digits or Latin)."""
    return bool(s) and all(ARABIC_FIRST <= c <= ARABIC_LAST for c in s)


def arabic_word_in(text: str, letters: int = 3) -> bool:
    """``letters`` Arabic letters in a row somewhere in ``text``: an Arabic word, which bytes of another
    encoding read as UTF-8 by chance almost never make."""
    run = 0
    for c in text:
        run = run + 1 if ARABIC_FIRST <= c <= ARABIC_LAST and c.isalpha() else 0
        if run >= letters:
            return True
    return False


def arabic_share(text: str) -> float:
    """The share of the letters that are Arabic script (0.0 without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_FIRST <= c <= ARABIC_LAST) / len(letters)


def script_lang(text: str, fallback: str = "en") -> str:
    """A language tag for a literal by its script: Arabic script is "ar", anything else the fallback."""
    return "ar" if has_arabic(text) else fallback
