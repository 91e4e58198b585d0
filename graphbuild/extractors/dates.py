"""Dates: absolute (12 نونبر 2024, March 4, 4 mars), weekdays and relative days.

Relative expressions resolve against the article's publication date when it is
known; otherwise the span is kept with its text and no value.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import HEADER_DATE
from .base import AnalysedDoc, Ent

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _int(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _day(text: str) -> int | None:
    """The day of a date token: "14", or "1er" (French writes the first of the month so)."""
    return _int(text) if not text.endswith("er") else _int(text[:-2])


def _date(y: int | None, m: int, d: int | None) -> str | None:
    if y is None or d is None:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def published_date(ad: AnalysedDoc) -> dt.date | None:
    p = ad.article.published
    if not p:
        return None
    try:
        return dt.date.fromisoformat(p[:10])
    except ValueError:
        return None


_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$|^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


class PageDate:
    """The article's own date, where only the page says it: a header line above the body ("الأحد 4 مايو
    2025 - 10:30", "السبت 06-09-2014 17:41", "Publié le 1er mai 2025"), the opening words of the first
    body line (a dateline), or a date right after "today" in the lead ("اليوم السبت 14 فبراير 2026").
    It becomes the article's ``published`` date (an explicit one always wins), against which
    "yesterday", "Thursday" and dates without a year resolve. Dates elsewhere are the news, not its day."""

    name = "page_date"
    DATELINE_TOKENS = 6  # "الرباط 12 مايو 2025 (و م ع) -": where a dateline's date sits in the first line

    def __call__(self, ad: AnalysedDoc) -> None:
        if ad.article.published:
            return
        toks = ad.tokens
        after_title = ad.layout.title[1] if ad.layout.title else 0
        lead = self._first_paragraph(ad.doc.text, after_title)  # the short lines above it: the page header
        lead_end = next((b for a, b in ad.doc.sentences if b > lead), lead)
        finder = DateFinder()
        first_lead = next((k for k, t in enumerate(toks) if t.start >= lead), len(toks))
        for i, t in enumerate(toks):
            if t.start >= lead_end:
                break
            in_head = i < first_lead + self.DATELINE_TOKENS
            after_today = i > 0 and self._after_today(ad, i)
            if not (in_head or after_today):
                continue
            value = numeric_date(t.text)
            if value is None:
                ent = finder._absolute(ad, i, None)
                value = ent.data.get("value") if ent is not None else None
            if value:
                ad.article.published = value
                return

    @staticmethod
    def _first_paragraph(text: str, start: int, words: int = 15) -> int:
        """Where the first line after ``start`` with more than ``words`` words begins (the lead)."""
        at = start
        for line in text[start:].splitlines(keepends=True):  # any line break: CR, CRLF, LF, U+2028 …
            if len(line.split()) > words:
                return at
            at += len(line)
        return len(text)

    @staticmethod
    def _after_today(ad: AnalysedDoc, i: int) -> bool:
        """A relative day of offset 0 ("today", "اليوم"), maybe with a weekday, just before token ``i``."""
        toks = ad.tokens
        for k in range(max(0, i - 3), i):
            m = ad.lang.relative_days.match_at(toks, k)
            if m and int(m.value) == 0 and m.end <= i and (m.end == i or ad.lang.weekdays.match_at(toks, m.end)):
                return True
        return False



def numeric_date(word: str) -> str | None:
    """"14/5/2024", "2024/5/14", "12-1-2023", "14.05.2024": day, month and year in one word (ISO date)."""
    m = _NUMERIC.match(word)
    if not m:
        return None
    d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
    return _date(int(y), int(mo), int(d))


class DateFinder:
    name = "dates"

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        pub = published_date(ad)
        # a date starts on a number, a month, a relative day or a weekday: look nowhere else
        maybe = ad.starts(lang.months) | ad.starts(lang.relative_days) | ad.starts(lang.weekdays)
        i = 0
        while i < len(toks):
            if not ad.allowed[i] or ad.owner[i] is not None or (
                    i not in maybe and _int(toks[i].text) is None and not "0" <= toks[i].text[:1] <= "9"):
                i += 1
                continue
            ent = self._absolute(ad, i, pub) or self._relative(ad, i, pub) or self._weekday(ad, i, pub)
            if ent:
                ad.add(ent)
                i = ent.end
            else:
                i += 1
        del lang

    def _absolute(self, ad: AnalysedDoc, i: int, pub: dt.date | None) -> Ent | None:
        toks = ad.tokens
        lang = ad.lang
        n = len(toks)
        numeric = self._numeric_at(ad, i)
        if numeric is not None:
            return numeric
        day = _day(toks[i].text)
        rng = self._range(ad, i, pub)
        if rng:
            return rng
        if day is not None and 1 <= day <= 31 and i + 1 < n:
            j = i + 1
            if toks[j].text in ("er",):  # 1er mars
                j += 1
            m = lang.months.match_at(toks, j) if j < n else None
            if m:
                year, end = self._year(ad, m.end)
                year = year if year is not None else (pub.year if pub else None)
                return Ent("DATE", i, end, None, {"value": _date(year, m.value, day), "kind": "absolute"})
        m = lang.months.match_at(toks, i)
        if m and m.end < n:  # March 4, 2025
            day = _int(toks[m.end].text)
            if day is not None and 1 <= day <= 31:
                year, end = self._year(ad, m.end + 1)
                year = year if year is not None else (pub.year if pub else None)
                return Ent("DATE", i, end, None, {"value": _date(year, m.value, day), "kind": "absolute"})
        return None

    @staticmethod
    def _numeric_at(ad: AnalysedDoc, i: int) -> Ent | None:
        """"بتاريخ 2024/5/14", "12-1-2023": a numeric date written as one word, however it was tokenised."""
        toks = ad.tokens
        k, word = i, toks[i].raw
        while k + 1 < len(toks) and k - i < 4 and toks[k + 1].start == toks[k].end:
            k += 1
            word += toks[k].raw
        value = numeric_date(word)
        if not value:
            return None
        field = HEADER_DATE.match(ad.doc.text)
        if field is not None and toks[i].start < field.end():
            return None  # the page's "date YYYY-MM-DD" field: the article's day (published), not the news
        return Ent("DATE", i, k + 1, None, {"value": value, "kind": "absolute"})

    def _range(self, ad: AnalysedDoc, i: int, pub: dt.date | None) -> Ent | None:
        """"من 14 إلى 16 ماي 2025", "14-16 May", "du 30 juin au 1er juillet"."""
        toks = ad.tokens
        n = len(toks)
        d1 = _int(toks[i].text)
        if d1 is None or not 1 <= d1 <= 31 or i + 2 >= n:
            return None
        j = i + 1
        m1 = ad.lang.months.match_at(toks, j)
        if m1:
            j = m1.end
        if j >= n or toks[j].text not in ad.lang.word_set("range_words"):
            return None
        j += 1
        second = self._absolute_simple(ad, j, pub)
        if second is None:
            return None
        end_value, end_tok, month, year = second
        start_month = m1.value if m1 else month
        y1 = year if year is not None else (pub.year if pub else None)
        if y1 is not None and start_month > month:
            y1 -= 1  # "30 ديسمبر إلى 2 يناير 2025"
        start_value = _date(y1, start_month, d1)
        if start_value is None:
            return None
        return Ent("DATE", i, end_tok, None, {"value": start_value, "end": end_value, "kind": "range"})

    def _absolute_simple(self, ad: AnalysedDoc, i: int, pub: dt.date | None):
        toks = ad.tokens
        day = _int(toks[i].text) if i < len(toks) else None
        if day is None or not 1 <= day <= 31 or i + 1 >= len(toks):
            return None
        j = i + 1
        if toks[j].text == "er":
            j += 1
        m = ad.lang.months.match_at(toks, j) if j < len(toks) else None
        if not m:
            return None
        year, end = self._year(ad, m.end)
        y = year if year is not None else (pub.year if pub else None)
        return _date(y, m.value, day), end, m.value, year

    def _year(self, ad: AnalysedDoc, j: int) -> tuple[int | None, int]:
        toks = ad.tokens
        k = j + 1 if j < len(toks) and toks[j].text == "," else j
        if k < len(toks) and toks[k].text.isascii() and toks[k].text.isdigit() and len(toks[k].text) == 4:
            return int(toks[k].text), k + 1
        return None, j

    def _relative(self, ad: AnalysedDoc, i: int, pub: dt.date | None) -> Ent | None:
        m = ad.lang.relative_days.match_at(ad.tokens, i)
        if not m:
            return None
        if m.end < len(ad.tokens) and ad.lang.ordinals.match_at(ad.tokens, m.end):
            return None  # "اليوم الأول": the first day, not today
        value = (pub + dt.timedelta(days=int(m.value))).isoformat() if pub else None
        return Ent("DATE", i, m.end, None, {"value": value, "kind": "relative", "offset": int(m.value)})

    def _weekday(self, ad: AnalysedDoc, i: int, pub: dt.date | None) -> Ent | None:
        toks = ad.tokens
        lang = ad.lang
        m = lang.weekdays.match_at(toks, i)
        if not m:
            return None
        end = m.end
        direction = 0
        if end < len(toks) and toks[end].text in lang.past_words:
            direction, end = -1, end + 1
        elif end < len(toks) and toks[end].text in lang.future_words:
            direction, end = 1, end + 1
        elif i > 0 and toks[i - 1].text in lang.past_words:
            direction = -1
        elif i > 0 and toks[i - 1].text in lang.future_words:
            direction = 1
        elif any(lang.future_cues.match_at(toks, t.i) for t in toks[max(0, i - 12):i]
                 if t.sent == toks[i].sent):
            direction = 1  # "will meet on Sunday", "سيعقد يوم الأحد": the coming one
        # "الاثنين 12 ماي" : weekday followed by an absolute date — let the date carry the value
        if end < len(toks):
            nxt = self._absolute(ad, end, pub)
            if nxt:
                nxt.start = i
                return nxt
        start = i - 1 if i > 0 and toks[i - 1].text in lang.word_set("weekday_prefix") else i
        value = None
        if pub:
            wd = int(m.value)
            if direction > 0:
                delta = (wd - pub.weekday()) % 7 or 7
            else:
                delta = -((pub.weekday() - wd) % 7)
                if direction < 0 and delta == 0:
                    delta = -7
            value = (pub + dt.timedelta(days=delta)).isoformat()
        return Ent("DATE", start, end, None, {"value": value, "kind": "weekday", "direction": direction})


class DurationFinder:
    """"على مدى يومين", "two-day", "de deux jours", "three days" → DURATION spans."""

    name = "durations"

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        words = lang.duration_words
        self_words = lang.word_set("duration_self")
        for i, t in enumerate(toks):
            if not ad.allowed[i]:
                continue
            value = None
            end = i + 1
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            hyphen = t.text.split("-") if "-" in t.text else None
            if t.text in self_words and t.text in words:
                value = words[t.text]
            elif t.text in words and nxt in lang.day_words:
                value, end = words[t.text], i + 2
            elif t.text.isascii() and t.text.isdigit() and nxt in lang.day_words:
                value, end = int(t.text), i + 2
            elif hyphen and len(hyphen) == 2 and hyphen[1] in lang.day_words and \
                    (hyphen[0] in words or (hyphen[0].isascii() and hyphen[0].isdigit())):
                value = words.get(hyphen[0]) or int(hyphen[0])
            if value is None:
                continue
            window = [toks[k].text for k in range(max(0, i - 3), i)]
            if any(w in lang.duration_cues for w in window) or hyphen:
                ad.add(Ent("DURATION", i, end, None, {"days": value}), claim=False)
