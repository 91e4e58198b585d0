"""Titles, persons and their roles, found by the language around names.

People are never looked up in a list: a name is recognised by what precedes or
follows it (an honorific, a title, a given-name cue, a byline), and its extent by
the shape of names (particles such as بن/Ben, capitalisation in Latin script,
ordinary words that end it). Later short mentions (family name alone) are linked
to the full name found earlier.
"""

from __future__ import annotations

from bisect import insort
from functools import cache
from importlib import resources

from ..lang import arabic
from ..reference import cities
from ..text import Token, fold, token_variants
from .base import AnalysedDoc, Ent


@cache
def common_words(lang: str) -> frozenset[str]:
    try:
        text = resources.files("graphbuild").joinpath("data", "lang", f"{lang}_common.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _punct(t: Token) -> bool:
    return not any(c.isalnum() for c in t.text)


class TitleFinder:
    """Title chains: head, modifiers, portfolio, organisation, country (any order after the head)."""

    name = "titles"

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        maybe = ad.starts(lang.titles)
        i = 0
        while i < len(toks):
            if i not in maybe or not ad.allowed[i] or ad.owner[i] in ("ORG", "DATE"):
                i += 1
                continue
            m = lang.titles.match_at(toks, i)
            if not m:
                i += 1
                continue
            start = i
            data: dict = {"head": m.value, "org": None, "country": None, "portfolio": None}
            # a country adjective right before an English title: "Moroccan Foreign Minister"
            if lang.profile.adjective_before_noun and i > 0:
                prev = ad.at("COUNTRY", i - 1)
                if prev and prev.end == i:
                    start, data["country"] = prev.start, prev.key
            j = self._extend(ad, m.end, data)
            ad.add(Ent("TITLE", start, j, None, data), claim=True)
            i = j

    def _extend(self, ad: AnalysedDoc, j: int, data: dict) -> int:
        toks = ad.tokens
        lang = ad.lang
        n = len(toks)
        progress = True
        while progress and j < n:
            progress = False
            k = j
            if toks[k].text in lang.word_set("title_connectors") and k + 1 < n:
                k += 1
            if k < n and toks[k].text in lang.word_set("articles") and k + 1 < n:
                k += 1
            if toks[k].text in lang.word_set("country_connectors") and k + 1 < n and ad.starting_at("COUNTRY", k + 1):
                k += 1
            mod = lang.title_modifiers.match_at(toks, k) if k == j else None
            if mod:
                j, progress = mod.end, True
                continue
            port = lang.portfolios.match_at(toks, k)
            org = ad.starting_at("ORG", k)
            if org and data["org"] is None and (port is None or org.end >= port.end):
                data["org"] = org  # "للشرطة القضائية" is an organisation, not the portfolio "الشرطة"
                j, progress = org.end, True
                continue
            if port and data["portfolio"] is None and data["org"] is None:
                data["portfolio"] = port.value
                j, progress = port.end, True
                while j + 1 < n and toks[j].text in lang.word_set("and_words"):  # "of Investment and Foreign Trade"
                    more = lang.portfolios.match_at(toks, j + 1)
                    if not more:
                        break
                    data["portfolio"] = f"{data['portfolio']} and {more.value}"
                    j = more.end
                continue
            country = ad.starting_at("COUNTRY", k)
            if country and data["country"] is None:
                data["country"] = country.key
                j, progress = country.end, True
                continue
            if country and k > j and toks[k - 1].text in lang.word_set("country_connectors") \
                    and str(data["head"]) in lang.word_set("accredited_titles"):
                j, progress = country.end, True  # "السفيرة الأميركية في لبنان": where she serves, not whose
                continue
            if not lang.profile.cased and k == j and data["portfolio"] and data["org"] is None and self._ar_tail(ad, k):
                j, progress = k + 1, True  # "الصناعة والثروة المعدنية", "الخارجية وشؤون المغتربين"
                continue
            if k == j and toks[k].text in lang.word_set("portfolio_openers") and data["org"] is None:
                j, progress = self._affairs(ad, k + 1), True  # "نائب الوزير لشؤون التعدين"
        return j

    def _affairs(self, ad: AnalysedDoc, k: int) -> int:
        """The end of the affairs a portfolio opener names ("لشؤون الدول الأفريقية"): up to three words,
        the first any, the others definite, none a cue of a name."""
        toks = ad.tokens
        start = k
        while k < len(toks) and k - start < 3 and toks[k].is_arabic and ad.owner[k] in (None, "COUNTRY") \
                and toks[k].sent == toks[k - 1].sent and not self._name_cue(ad, k) \
                and (k == start or arabic.definite(toks[k].text)):
            k += 1
        return k

    @staticmethod
    def _name_cue(ad: AnalysedDoc, k: int) -> bool:
        lang = ad.lang
        return bool(lang.honorifics.match_at(ad.tokens, k) or lang.titles.match_at(ad.tokens, k)
                    or lang.given_names.match_at(ad.tokens, k)) or ad.tokens[k].text in lang.name_stop

    @staticmethod
    def _ar_tail(ad: AnalysedDoc, k: int) -> bool:
        t = ad.tokens[k]
        lang = ad.lang
        if ad.owner[k] is not None or not t.is_arabic:
            return False
        if lang.titles.match_at(ad.tokens, k) or lang.triggers.match_at(ad.tokens, k) \
                or lang.given_names.match_at(ad.tokens, k) or t.text in lang.name_stop:
            return False
        if lang.honorifics.match_at(ad.tokens, k) or t.text in lang.particles:
            return False
        nxt = ad.tokens[k + 1].text if k + 1 < len(ad.tokens) else ""
        return arabic.continues_portfolio(t.text, nxt)


def name_of(ad: AnalysedDoc, s: int, e: int) -> tuple[str, str]:
    """The key and the name of tokens s..e, without a glued "and" or preposition that is not the name's
    ("وياسين المنصوري" → "ياسين المنصوري", "لكوفي أنان" → "كوفي أنان"; وليد، لحود keep theirs)."""
    toks = ad.tokens
    words = [t.text for t in toks[s:e]]
    start = toks[s].start
    first = toks[s]
    clitic = arabic.proclitic(first.text) if first.is_arabic else ""
    given = ad.lang.word_set("given_names")
    if clitic and first.text not in given and first.text not in ad.lang.particles and first.raw[:1] == clitic and (
            first.text[1:] in given or arabic.starts_with_and(first.text)) \
            and clitic + first.text not in _words_of(ad):  # فالديسي keeps its ف; "ووانجيرو": وانجيرو is the name
        words[0] = first.text[1:]
        start += 1
    return " ".join(words), ad.doc.text[start:toks[e - 1].end]


def _words_of(ad: AnalysedDoc) -> frozenset[str]:
    words = ad.extra.get("words")
    if words is None:
        words = ad.extra["words"] = frozenset(t.text for t in ad.tokens)
    return words


class PersonFinder:
    """PERSON spans from honorifics, titles, given-name cues, appositions and bylines."""

    name = "persons"
    MAX_NAME = 5

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        self.common = common_words(lang.lang)
        self._title_starts = {e.start for e in ad.ents.get("TITLE", [])}
        cues = self._cue_positions(ad)
        found: list[Ent] = []
        self._found = found  # the names read so far, in text order (for a family name read again)
        i = 0
        while i < len(toks):
            if i not in cues or not ad.allowed[i] or (ad.owner[i] not in (None, "TITLE", "CITY")
                                                      and not ad.starting_at("TITLE", i)):  # "Kenyan President …"
                i += 1
                continue
            ent = self._at(ad, i)
            if ent and self.named_after(ad, i):
                i = ent.end  # "ملعب محمد الخامس", "stade Mohammed V": a place named after someone
                continue
            if ent:
                found.append(ent)
                found += self._listed_after(ad, ent)
                i = max([found[-1].end] + [t.end for e in (ent, found[-1]) for t in e.data["titles"]])
            else:
                i += 1
        found += self._statistical(ad, found)
        self.link_family_names(found)
        ad.remove(*_overlapping(ad.get("CITY") + ad.get("COUNTRY"), found))  # the 'city' was part of a name
        for ent in found:
            ad.add(ent)
        self._authors(ad)
        self._short_mentions(ad)

    # -- cues ----------------------------------------------------------------
    def _cue_positions(self, ad: AnalysedDoc) -> set[int]:
        """Every position where ``_at`` can find a name (a superset): an honorific, a title or a given
        name starts there, a capital (Latin script), a name particle follows, or a title comes
        within a name's length after it (apposition). ``_at`` is asked nowhere else."""
        toks = ad.tokens
        lang = ad.lang
        cues = set(self._starts(ad)[0]) | self._starts(ad)[1] | self._title_starts
        if lang.profile.cased:
            return cues | {t.i for t in toks if t.is_upper_initial}
        cues |= {t.i - 1 for t in toks[1:] if t.text in lang.particles}
        for start in self._title_starts:
            cues.update(range(max(0, start - self.MAX_NAME - 2), start - 1))
        return cues

    def _at(self, ad: AnalysedDoc, i: int) -> Ent | None:
        """The person whose name is cued at token ``i``: by an honorific, a title, or the name itself."""
        if i in self._starts(ad)[0] and ad.lang.honorifics.match_at(ad.tokens, i):
            return self._after_honorific(ad, i)
        title = ad.starting_at("TITLE", i)
        if title:
            return self._after_title(ad, title)
        if ad.owner[i] not in (None, "CITY"):
            return None
        return self._bare_name(ad, i)

    def _titles_from(self, ad: AnalysedDoc, j: int, before: Ent | None = None) -> tuple[list[Ent], int]:
        """The chain of titles starting at ``j`` ("Minister of State, Minister of …"), after the title ``before``
        when there is one, and where it ends."""
        titles: list[Ent] = []
        while j < len(ad.tokens) and (t := ad.starting_at("TITLE", j)):
            prev = titles[-1] if titles else before
            if prev is not None and _serves_abroad(ad, t) and not _serves_abroad(ad, prev):
                break  # "استقبل رئيس الحكومة سفير أستراليا X": the host's title, then the guest's
            titles.append(t)
            j = t.end
        return titles, j

    def _after_honorific(self, ad: AnalysedDoc, i: int) -> Ent | None:
        toks = ad.tokens
        lang = ad.lang
        j = lang.honorifics.match_at(toks, i).end
        while j < len(toks) and (toks[j].text == "." or (h2 := lang.honorifics.match_at(toks, j))):
            j = j + 1 if toks[j].text == "." else h2.end  # "H.E. Mr. Abdullah …"
        titles, j = self._titles_from(ad, j)
        name = self.read_name(ad, j, min_len=1, after_title=bool(titles))
        return self._person(ad, name, titles, cue="honorific") if name else None

    def _after_title(self, ad: AnalysedDoc, title: Ent) -> Ent | None:
        toks = ad.tokens
        lang = ad.lang
        more, j = self._titles_from(ad, title.end, title)
        titles = [title] + more
        if j < len(toks) and toks[j].text == "," and (lang.profile.cased or (
                j + 1 < len(toks) and toks[j + 1].sent == toks[j].sent and (
                    self._given_name(ad, j + 1) or self._closed_apposition(ad, j + 1)))):
            j += 1  # "Interior Minister, Hichem Fourati", "سفير المملكة، يوسف العلمي" (a given name next)
        if j < len(toks) and (h := lang.honorifics.match_at(toks, j)):
            j = h.end
        if self.title_place_at(ad, j):
            return None  # "والي نواكشوط الغربية", "سفير الرباط": the place is the title's
        if given := self._country_as_given_name(ad, titles[-1], j):
            return self._person(ad, given, titles, cue="title")
        name = self.read_name(ad, j, min_len=lang.profile.min_name_words_after_title, after_title=True)
        if not name and lang.profile.cased:
            # "Minister for the Environment and Energy Security, Stefano Rinaldi": the title ran on
            comma = next((k for k in range(j, min(j + 4, len(toks))) if toks[k].text == ","), None)
            joiners = lang.word_set("and_words") | lang.word_set("title_connectors")
            if comma is not None and all(toks[k].is_upper_initial or toks[k].text in joiners
                                         for k in range(j, comma)):
                name = self.read_name(ad, comma + 1, min_len=2, after_title=True)
        return self._person(ad, name, titles, cue="title") if name else None

    def _listed_after(self, ad: AnalysedDoc, ent: Ent) -> list[Ent]:
        """The names of a list that goes on after ``ent`` with a glued "and" ("سلمى بن عاشور وحمادي الشعري
        وآنا باولا فيريرا"): each a name of two words or more, with no cue of its own."""
        out: list[Ent] = []
        toks = ad.tokens
        last = ent
        while not ad.lang.profile.cased and last.end < len(toks) and toks[last.end].is_arabic \
                and arabic.conjoined(toks[last.end].text) and ad.owner[last.end] in (None, "CITY") \
                and toks[last.end].sent == toks[last.end - 1].sent:
            name = self.read_name(ad, last.end, min_len=2, strict=True)
            if not name or self.named_after(ad, name[0]):
                break
            last = self._person(ad, name, [], cue="list")
            out.append(last)
        return out

    BIG_CITY = 500_000  # a town this large right after a title is the title's place, not a family name

    def title_place_at(self, ad: AnalysedDoc, j: int) -> bool:
        """Does a big town open what follows a title at ``j`` ("والي نواكشوط الغربية")? Then it is the
        title's place, not a family name (without capitals to tell them apart)."""
        return not ad.lang.profile.cased and j < len(ad.tokens) and self._big_city_at(ad, j) \
            and not self._given_name(ad, j)

    def _big_city_at(self, ad: AnalysedDoc, j: int) -> bool:
        city = ad.starting_at("CITY", j)
        entry = cities().get(city.key) if city is not None else None
        return entry is not None and entry.population >= self.BIG_CITY

    def _country_as_given_name(self, ad: AnalysedDoc, title: Ent, j: int) -> tuple[int, int] | None:
        """The name opened by a country's name right after a title that has its country already, with
        a name going on after it ("رئيسة الوزراء الإيطالية جورجيا ميلوني"): a given name, not a second
        country."""
        toks = ad.tokens
        if ad.lang.profile.cased or not title.data.get("country") or j + 1 >= len(toks):
            return None
        country = ad.starting_at("COUNTRY", j)
        if country is None or country.end != j + 1 or country.key == title.data["country"] \
                or arabic.after_preposition(toks[j].text) or toks[j + 1].sent != toks[j].sent \
                or ad.starting_at("COUNTRY", j + 1):
            return None
        rest = self.read_name(ad, j + 1, min_len=1, strict=True)
        return (j, rest[1]) if rest is not None and rest[1] - rest[0] <= 2 else None

    def _closed_apposition(self, ad: AnalysedDoc, j: int) -> bool:
        """A name between commas after a title ("ووزير الداخلية الإسباني، لويس مارين،"): the title's."""
        name = self.read_name(ad, j, min_len=2, after_title=True, strict=True)
        if not name or name[1] >= len(ad.tokens) or ad.tokens[name[1]].text not in (",", "."):
            return False
        conjunctions = ad.lang.word_set("conjunction_prefixes")
        return not any(self._is_common(ad.tokens[k].text, conjunctions) for k in range(*name))  # not "حفظه الله"

    def _bare_name(self, ad: AnalysedDoc, i: int) -> Ent | None:
        """A name with no honorific or title before it: a given name or a capital opens it; without
        capitals (Arabic), a name particle inside it or a title right after it."""
        toks = ad.tokens
        lang = ad.lang
        if self._venue_word(ad, i):
            return None  # "في قصر الحسينية رئيس الوزراء": a palace before a title, not a name
        if self._strong_given_name(ad, i) or (lang.profile.cased and toks[i].is_upper_initial):
            name = self.read_name(ad, i, min_len=2)
            if name:
                after = self._titles_after(ad, name[1])
                if not lang.profile.cased or after or self._latin_name_ok(ad, name):
                    return self._person(ad, name, after, cue="name")
        if lang.profile.cased:
            return None
        if i + 2 < len(toks) and toks[i + 1].text in lang.particles \
                and toks[i + 1].text not in lang.word_set("compound_name_heads") \
                and self._left_boundary(ad, i) and toks[i].text not in self.common:
            name = self.read_name(ad, i, min_len=3)  # "سلوى بن عمار", "أحمد ولد محمد"
            if name:
                return self._person(ad, name, self._titles_after(ad, name[1]), cue="particle")
        if not self._title_starts.isdisjoint(range(i + 2, i + self.MAX_NAME + 3)):
            name = self.read_name(ad, i, min_len=2, strict=True)  # only where a title may follow the name
            if name:
                after = self._titles_after(ad, name[1])
                if after and self._left_boundary(ad, i) and not self._family_name_again(ad, name):
                    return self._person(ad, name, after, cue="apposition")
        return None

    def _family_name_again(self, ad: AnalysedDoc, name: tuple[int, int]) -> bool:
        """A word and the family name of someone named before ("كما اطلع البيسري رئيس الحكومة" after
        "الياس البيسري"): that person again, after a verb, not a new name."""
        i, j = name
        if j - i != 2 or self._given_name(ad, i):
            return False
        last = ad.tokens[j - 1].text
        return any(p.key.split()[-1] == last and len(p.key.split()) >= 2 for p in self._found)

    def _starts(self, ad: AnalysedDoc) -> tuple[set[int], set[int]]:
        """Where an honorific or a given name may start (asked at every token: kept for the document)."""
        if getattr(self, "_starts_of", None) is not ad:
            self._starts_of = ad
            self._starts_found = (ad.starts(ad.lang.honorifics), ad.starts(ad.lang.given_names))
        return self._starts_found

    def _given_name(self, ad: AnalysedDoc, i: int) -> bool:
        m = ad.lang.given_names.match_at(ad.tokens, i)
        return bool(m)

    def _strong_given_name(self, ad: AnalysedDoc, i: int) -> bool:
        """A given name that may open a name on its own (not علي/على, سالم … which are also words)."""
        if i not in self._starts(ad)[1]:
            return False
        m = ad.lang.given_names.match_at(ad.tokens, i)
        if not m:
            return False
        if " ".join(m.key) in ad.lang.word_set("weak_given_names"):
            # weak names still open a name when a particle follows: "علي بن …", "سالم ولد …"
            nxt = ad.tokens[m.end].text if m.end < len(ad.tokens) else ""
            return nxt in ad.lang.particles
        return True

    def _left_boundary(self, ad: AnalysedDoc, i: int) -> bool:
        if i == 0:
            return True
        prev = ad.tokens[i - 1]
        return _punct(prev) or prev.sent != ad.tokens[i].sent or prev.text in ad.lang.name_stop \
            or prev.text in self.common

    def titles_around(self, ad: AnalysedDoc, i: int, j: int) -> list[Ent]:
        """The titles of a name found elsewhere (tokens i..j): one right before it ("الرئيس التونسي، X"), the
        chain right after it; none another person holds already."""
        self.common = common_words(ad.lang.lang)
        held = ad.referenced("PERSON", "titles")
        return [t for t in self.titles_before(ad, i)[-1:] + self._titles_after(ad, j) if not held.get(id(t))]

    @staticmethod
    def titles_before(ad: AnalysedDoc, i: int) -> list[Ent]:
        """The titles that end right before token ``i``, or before a comma there, in text order."""
        before = ad.ending_at("TITLE", i)
        if i > 0 and ad.tokens[i - 1].text == ",":
            before = sorted(before + ad.ending_at("TITLE", i - 1), key=lambda t: (t.start, t.end))
        return before

    def _titles_after(self, ad: AnalysedDoc, j: int) -> list[Ent]:
        toks = ad.tokens
        if j < len(toks) and toks[j].text == ",":
            j += 1
        if j < len(toks) and toks[j].text in ad.lang.word_set("articles"):
            j += 1
        out = []
        while j < len(toks) and (t := ad.starting_at("TITLE", j)):
            out.append(t)
            j = t.end
        if not out:
            return out
        if self._joined_title(ad, out[0]) and self._name_after(ad, j):
            return []  # "X، ووزير الداخلية الإسباني، Y": "and the Spanish minister" is another person
        if j < len(toks) and self._name_starts(ad, j):
            return []  # "X, the Secretary General Y": the title belongs to the name after it
        if not ad.lang.profile.cased and j < len(toks) and toks[j].sent == toks[j - 1].sent and self.read_name(
                ad, j, min_len=ad.lang.profile.min_name_words_after_title, after_title=True, strict=True):
            return []  # "جورجيا ميلوني الرئيس التونسي قيس سعيد": a title opens the name after it
        if j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].sent == toks[j].sent and (
                self._name_starts(ad, j + 1) or (not ad.lang.profile.cased and self._closed_apposition(ad, j + 1))):
            return []  # "X, Spain's minister, Y,": an apposition of the name after it
        return out

    def _name_after(self, ad: AnalysedDoc, j: int) -> bool:
        """Does a name follow a title chain ending at ``j`` (maybe after a comma, an honorific)?"""
        toks = ad.tokens
        if j < len(toks) and toks[j].text == "," and j + 1 < len(toks) and toks[j + 1].sent == toks[j].sent:
            j += 1
        if j < len(toks) and (h := ad.lang.honorifics.match_at(toks, j)):
            j = h.end
        return j < len(toks) and (self._name_starts(ad, j) or bool(
            self.read_name(ad, j, min_len=ad.lang.profile.min_name_words_after_title, after_title=True)))

    @staticmethod
    def _joined_title(ad: AnalysedDoc, title: Ent | None) -> bool:
        """A title read after a glued "and" ("ووزير الداخلية", "والرئيس"): it opens the next item of a list."""
        if title is None:
            return False
        tok = ad.tokens[title.start]
        if not tok.is_arabic or not arabic.conjoined(tok.text):
            return False
        firsts = ad.lang.titles.first_keys()
        return tok.text not in firsts and any(v in firsts for v in token_variants(tok.text[1:], bare=True))

    def _name_starts(self, ad: AnalysedDoc, j: int) -> bool:
        t = ad.tokens[j]
        if t.is_arabic and arabic.starts_with_and(t.text) and t.text not in ad.lang.word_set("given_names"):
            return False  # "... الدولية والسيد محمد": a new person joined by "and"
        if ad.lang.honorifics.match_at(ad.tokens, j) or self._strong_given_name(ad, j):
            return True
        return not t.is_arabic and t.is_upper_initial and t.text not in ad.lang.name_stop

    def _latin_name_ok(self, ad: AnalysedDoc, name: tuple[int, int]) -> bool:
        """A bare capitalised sequence is a name only with a given-name cue ("Nasser Bourita")."""
        s, e = name
        return e - s >= 2 and self._given_name(ad, s)

    # -- name extent -----------------------------------------------------------
    def read_name(self, ad: AnalysedDoc, i: int, min_len: int = 2, after_title: bool = False,
                  strict: bool = False) -> tuple[int, int] | None:
        """The extent of the name starting at token ``i``, or None: it runs while the words look like
        a name (capitals, particles; without capitals, no common word) and ends before a title, a
        trigger, a date word, punctuation or another sentence."""
        toks = ad.tokens
        lang = ad.lang
        n = len(toks)
        if i >= n:
            return None
        sent = toks[i].sent
        k = i
        force_next = False  # after a particle (بن, de) or عبد, the next word belongs to the name
        while k < n and k - i < self.MAX_NAME:
            t = toks[k]
            if t.sent != sent or not ad.allowed[k] or _punct(t) or any(ch.isdigit() for ch in t.text):
                if force_next:
                    k -= 1
                break
            if not force_next and not self._may_continue(ad, i, k, after_title, strict):
                break
            force_next = False
            if t.text in lang.particles or t.text in lang.word_set("compound_name_heads"):
                force_next = True
                k += 1
                continue
            k += 1
            if not lang.profile.cased and t.text.startswith(lang.profile.definite_prefix or "\0") \
                    and k - i >= 2 and toks[k - 2].text not in lang.particles:
                break  # "محمد الأمين": a definite word after the given name ends the name
        end = k
        while end > i and toks[end - 1].text in lang.particles:
            end -= 1
        body = lang.word_set("body_words")
        if any(toks[x].is_upper_initial and toks[x].text in body for x in range(i, min(k + 1, n))):
            return None  # "Minister for External Affairs", "the AU High-Level Panel": a body's name
        if end - i < min_len or self._not_a_name(ad, i, end):
            return None
        return (i, end)

    def _may_continue(self, ad: AnalysedDoc, i: int, k: int, after_title: bool, strict: bool) -> bool:
        """May token ``k`` belong to the name that starts at ``i``?"""
        toks = ad.tokens
        lang = ad.lang
        t = toks[k]
        if (t.text in lang.name_stop and not self._given_between(ad, i, k)) or not self._soft_owner(ad, k):
            return False
        if lang.titles.match_at(toks, k) or lang.triggers.match_at(toks, k) \
                or lang.months.match_at(toks, k) or lang.weekdays.match_at(toks, k):
            return False
        if lang.profile.cased:
            if not t.is_upper_initial and t.text not in lang.particles:
                return False
            return not (t.text in lang.word_set("not_name_words") or (k > i and lang.honorifics.match_at(toks, k)))
        if k > i and t.text.startswith(tuple(lang.raw.get("phrase_prefixes") or ())):
            return False  # "أحمد بالتجربة": a preposition or "and" with the article starts a new phrase
        particles = lang.particles | lang.word_set("compound_name_heads")
        words_before = sum(1 for x in toks[i:k] if x.text not in particles)
        if t.is_arabic and self._opens_phrase(ad, k, words_before, after_title):
            return False
        is_given = self._given_name(ad, k)
        after_comma = k > 0 and toks[k - 1].text == "," and not (t.is_arabic and arabic.starts_with_and(t.text))
        if k == i and after_title and not is_given and not after_comma and (
                t.text[:1] in lang.word_set("conjunction_prefixes")
                or t.text.startswith(tuple(lang.raw.get("definite_prefixes") or ()))):
            return False  # "وزير الخارجية وشؤون المغتربين": the title goes on, no name here (after a
            # comma it does not, but for a glued "and": "الإسباني، فرناندو …" is a name)
        if not (k == i and after_title) and lang.honorifics.match_at(toks, k):
            return False  # (a complete title vouches for the first word: حسام، أمل …)
        definite = lang.profile.definite_prefix
        if (strict or k > i) and t.text in self.common and not is_given \
                and not (k > i and definite and t.text.startswith(definite) and k - i == 1):
            return False
        return True

    def _given_between(self, ad: AnalysedDoc, i: int, k: int) -> bool:
        """A word that ends names but is also a given name, between two given names: the name's ("محمود علي
        يوسف": علي folds with على, "on")."""
        given = ad.lang.word_set("given_names")
        return k > i and ad.tokens[k].text in given and self._given_name(ad, k - 1) \
            and k + 1 < len(ad.tokens) and ad.tokens[k + 1].text in given

    def _opens_phrase(self, ad: AnalysedDoc, k: int, words_before: int, after_title: bool) -> bool:
        """Does the Arabic word at ``k``, opening with a glued "and" or preposition, begin another phrase?

        A glued "and" after two words of a name, or before a given name or an ordinary word, opens the
        next item of a list ("رانيا فريد شوقي ورجاء الجداوي", "إسماعيل وأمته"), and right after a title,
        before a given name that is also a word, the title's own phrase goes on ("الرئيس التونسي وعلى
        الشعب"); a glued preposition before an ordinary word opens a phrase ("شيراك لثنيه", "تميم
        بمقترح", "الرئيس بحل البرلمان"). Names that open with that letter (وليد، بشار، لحود) stay names.
        """
        lang = ad.lang
        word = ad.tokens[k].text
        clitic = arabic.proclitic(word)
        given = lang.word_set("given_names")
        if not clitic or word in given or word in lang.particles:
            return False
        rest = word[1:]
        if clitic in lang.word_set("conjunction_prefixes"):
            if not words_before:
                return after_title and rest in lang.word_set("weak_given_names")
            return rest in given or self._ordinary(ad, rest) or words_before >= 2
        return rest not in given and self._ordinary(ad, rest)

    def _ordinary(self, ad: AnalysedDoc, word: str) -> bool:
        """A common word or a word that ends names, maybe with "his" after it ("تحياته", "معاليه")."""
        lang = ad.lang
        bare = arabic.without_pronoun(word)
        return any(w in self.common or w in lang.name_stop for w in (word, bare) if w)

    def named_after(self, ad: AnalysedDoc, i: int) -> bool:
        """Is the name cued at ``i`` the name of a place or body ("ملعب محمد الخامس", "جامعة الملك سعود",
        "stade Mohammed V", "rue Hassan II")? The word before it says so."""
        if i == 0 or ad.tokens[i - 1].sent != ad.tokens[i].sent:
            return False
        return self._venue_word(ad, i - 1)

    @staticmethod
    def _venue_word(ad: AnalysedDoc, i: int) -> bool:
        """Is token ``i`` the head of a place's name ("قصر", "stade")?"""
        heads = ad.lang.word_set("venue_heads")
        return bool(heads) and any(v.lower() in heads for v in ad.tokens[i].bare_variants)

    def _not_a_name(self, ad: AnalysedDoc, i: int, end: int) -> bool:
        toks = ad.tokens
        lang = ad.lang
        if not lang.profile.cased:
            # "قطاع الشؤون": ordinary words after a title, not a name
            conjunctions = lang.word_set("conjunction_prefixes")
            return all(self._is_common(toks[x].text, conjunctions) and not self._given_name(ad, x)
                       for x in range(i, end))
        if end < len(toks) and toks[end].is_upper_initial and toks[end].text in lang.word_set("not_name_words"):
            return True  # "Mohammed V Stadium", "Jean Monnet Foundation": a place or body named after someone
        return all(toks[x].text in lang.particles for x in range(i, end))

    def _is_common(self, word: str, conjunctions: frozenset[str]) -> bool:
        words = [word] + ([word[1:]] if word[:1] in conjunctions else [])
        words += [bare for w in words if (bare := arabic.without_pronoun(w))]
        return any(w in self.common for w in words)

    @staticmethod
    def _soft_owner(ad: AnalysedDoc, k: int) -> bool:
        """Tokens a name may run through: free ones, and 'cities' with no preposition (رشيد، سالم)."""
        owner = ad.owner[k]
        if owner is None:
            return True
        if owner != "CITY":
            return False
        t = ad.tokens[k]
        return not (t.is_arabic and arabic.after_preposition(t.text)) and not (
            k > 0 and ad.tokens[k - 1].text in ad.lang.word_set("place_prepositions"))

    # -- assembly ----------------------------------------------------------------
    def _person(self, ad: AnalysedDoc, name: tuple[int, int], titles: list[Ent], cue: str) -> Ent:
        s, e = name
        if cue == "name" and s > 0 and ad.tokens[s - 1].text in ad.lang.word_set("name_prefixes") \
                and ad.free(s - 1) and (ad.tokens[s - 1].is_arabic or ad.tokens[s - 1].is_upper_initial):
            s -= 1  # "Sidi Mohamed Ould Ahmedou": the prefix belongs to the given name
        after = self._titles_after(ad, e) if cue != "name" else []
        all_titles = titles + [t for t in after if t not in titles]
        key, text = name_of(ad, s, e)
        near = titles[-1] if titles else (after[0] if after else None)
        return Ent("PERSON", s, e, key, {"titles": all_titles, "cue": cue, "name": text, "near": near})

    def _authors(self, ad: AnalysedDoc) -> None:
        lang = ad.lang
        for bs, be in ad.layout.byline:
            idx = [t.i for t in ad.tokens if bs <= t.start < be]
            idx = [k for k in idx if ad.tokens[k].text not in lang.author_cues and ad.tokens[k].text != ":"]
            # cut at a separator: "Par Karim B. | Le Quotidien"
            words = []
            for k in idx:
                if _punct(ad.tokens[k]) and ad.tokens[k].text not in (".",):
                    break
                words.append(k)
            words = [k for k in words if not _punct(ad.tokens[k])]
            if 1 <= len(words) <= 4:
                key = " ".join(ad.tokens[k].text for k in words)
                text = ad.doc.text[ad.tokens[words[0]].start:ad.tokens[words[-1]].end]
                ad.add(Ent("PERSON", words[0], words[-1] + 1, key, {"titles": [], "cue": "byline",
                                                                     "name": text, "author": True}),
                       claim=False)
        for name in ad.article.authors:
            ad.extra.setdefault("meta_authors", []).append(name)

    def _statistical(self, ad: AnalysedDoc, found: list[Ent]) -> list[Ent]:
        """The model's names (``ad.extra["ner_persons"]``) where the rules had none: a proposal that
        reads a rule name further to the right lengthens it; one that meets no rule name is added,
        without a leading title, with the titles around it linked."""
        added: list[Ent] = []
        taken: set[int] = set()  # the tokens of the names added here
        over: dict[int, list[int]] = {}  # token → the rule names over it (by their place in ``found``)
        for n, e in enumerate(found):
            for k in range(e.start, e.end):
                over.setdefault(k, []).append(n)
        for p in ad.extra.get("ner_persons", ()):
            overlapping = [found[n] for n in sorted({n for k in range(p.start, p.end) for n in over.get(k, ())})]
            if overlapping:
                e = overlapping[0]
                if len(overlapping) == 1 and p.start <= e.start and p.end > e.end and all(
                        ad.owner[k] is None and self._name_word(ad, ad.tokens[k]) for k in range(e.end, p.end)):
                    n = next(n for n in over[e.start] if found[n] is e)
                    for k in range(e.end, p.end):
                        insort(over.setdefault(k, []), n)
                    e.end = p.end
                    e.key = " ".join(t.text for t in ad.tokens[e.start:e.end])
                    e.data["name"] = ad.doc.text[ad.tokens[e.start].start:ad.tokens[e.end - 1].end]
                continue
            i = self._skip_titles(ad, p.start, p.end - 1)
            if i is None or any(ad.owner[k] not in (None, "CITY") for k in range(i, p.end)):
                continue
            if any(k in taken for k in range(i, p.end)):
                continue
            before = self.titles_before(ad, i)
            after = self._titles_after(ad, p.end)
            key = " ".join(t.text for t in ad.tokens[i:p.end])
            name = ad.doc.text[ad.tokens[i].start:ad.tokens[p.end - 1].end]
            added.append(Ent("PERSON", i, p.end, key, {"titles": before + after, "cue": "ner", "name": name,
                                                        "near": (before or after or [None])[-1 if before else 0]}))
            taken.update(range(i, p.end))
        return added

    @staticmethod
    def _name_word(ad: AnalysedDoc, t: Token) -> bool:
        """Capitalised, a particle, or glued to one ("al-Kadhimi")."""
        particles = ad.lang.particles
        return t.is_upper_initial or t.text in particles or any(
            p.endswith("-") and t.text.startswith(p) for p in particles)

    @staticmethod
    def _skip_titles(ad: AnalysedDoc, i: int, j: int) -> int | None:
        """Past a leading honorific or title ("M. Fourati", "président de la République") of a proposal."""
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

    @staticmethod
    def link_family_names(found: list[Ent]) -> None:
        """"M. Fourati", "M. Ben Hassine", "السيد الدخيسي": a shorter name joins the one full name ending with it.

        Names a statistical backend proposed as one bare word, and that end no full name, are dropped.
        """
        ending: dict[tuple[str, ...], set[str]] = {}  # the last words of a name → the longer names ending so
        for k in {e.key for e in found}:
            words = k.split()
            for n in range(1, len(words)):
                ending.setdefault(tuple(words[-n:]), set()).add(k)
        for e in found:
            longer = ending.get(tuple(e.key.split()), set())
            if len(longer) == 1:
                e.key = next(iter(longer))
        found[:] = [e for e in found if not (e.data.get("cue") == "ner" and " " not in e.key)]

    def _short_mentions(self, ad: AnalysedDoc) -> None:
        """Family-name mentions (الدخيسي, Mr. Fourati) link to the full name found earlier."""
        toks = ad.tokens
        persons = [p for p in ad.get("PERSON") if not p.data.get("author")]
        by_last: dict[str, set[str]] = {}
        for p in persons:
            parts = p.key.split()
            if len(parts) >= 2:
                by_last.setdefault(parts[-1], set()).add(p.key)
        covered = set()
        offices: dict[tuple, set[str]] = {}
        for p in ad.get("PERSON"):
            covered.update(range(p.start, p.end))
            for t in p.data.get("titles") or []:
                offices.setdefault(_office_of(t), set()).add(p.key)
        for i, t in enumerate(toks):
            if i in covered or not ad.allowed[i] or ad.owner[i] is not None:
                continue
            keys = by_last.get(t.text)
            if not keys or len(keys) != 1 or len(t.text) < 3:
                continue
            if ad.lang.profile.cased and not t.is_upper_initial:
                continue
            if not ad.lang.profile.cased and t.text in self.common:
                continue
            full = next(iter(keys))
            after = [t for t in self._titles_after(ad, i + 1) if not (offices.get(_office_of(t), set()) - {full})]
            # (not an office someone else holds: "اطلع البيسري رئيس الحكومة" briefs the head of government)
            ad.add(Ent("PERSON", i, i + 1, full, {"titles": after, "cue": "short", "name": t.raw,
                                                   "near": after[0] if after else None}))


class ListedTitles:
    """A plural title, then country adjectives each with a name ("الرؤساء المصري X والتشادي Y", "des
    Présidents égyptien, X, tchadien Y"): each name holds the title for its own country. Runs once every
    finder of names (rules, model, tagger) has written."""

    name = "listed_titles"

    def __call__(self, ad: AnalysedDoc) -> None:
        plural = {fold(k): v for k, v in (ad.lang.raw.get("plural_titles") or {}).items()}
        if not plural:
            return
        toks = ad.tokens
        joiners = ad.lang.word_set("and_words") | ad.lang.word_set("articles") | {","}
        for i, t in enumerate(toks):
            gloss = next((plural[v] for v in (t.text, *t.variants) if v in plural), None)
            if gloss is None or not ad.allowed[i]:
                continue
            j, n = i + 1, len(toks)
            while j < n and toks[j].sent == t.sent:
                while j < n and toks[j].text in joiners and toks[j].sent == t.sent:
                    j += 1
                country = ad.starting_at("COUNTRY", j) if j < n else None
                if country is None:
                    break
                k = country.end + (1 if country.end < n and toks[country.end].text == "," else 0)
                person = next((p for x in (k, k + 1) if x < n and (p := ad.starting_at("PERSON", x))), None)
                if person is None:  # a name the finders missed: the list may go on after it
                    nxt = _next_listed(ad, k + 1, joiners) if k + 1 < n else k
                    if nxt <= k + 1 or not ad.starting_at("COUNTRY", nxt):
                        break
                    j = nxt
                    continue
                title = ad.add(Ent("TITLE", i, i + 1, None, {"head": gloss, "org": None, "country": country.key,
                                                            "portfolio": None, "plural": True}), claim=False)
                person.data["titles"] = list(person.data.get("titles") or []) + [title]
                person.data["near"] = person.data.get("near") or title
                j = _next_listed(ad, person.end, joiners)


def _next_listed(ad: AnalysedDoc, j: int, joiners: frozenset[str]) -> int:
    """Past what a listed name may carry before the next item ("X, président en exercice de l'UA, tchadien
    Y"): to the next country adjective within a few words, or where the list stops."""
    toks = ad.tokens
    for k in range(j, min(len(toks), j + 16)):
        if toks[k].sent != toks[j - 1].sent or ad.starting_at("PERSON", k):
            return k
        if ad.starting_at("COUNTRY", k) and (toks[k - 1].text in joiners or ad.lang.profile.cased is False):
            return k
    return j


def _office_of(title: Ent) -> tuple:
    """What a title says, whatever its clitics: head, organisation, country, portfolio."""
    org = title.data.get("org")
    return (title.data.get("head"), org.key if org is not None else None, title.data.get("country"),
            title.data.get("portfolio"))


def _overlapping(spans: list[Ent], others: list[Ent]) -> list[Ent]:
    """The ``spans`` that share a token with one of ``others`` (through a token index: both may be long)."""
    by_token: dict[int, list[Ent]] = {}
    for e in spans:
        for k in range(e.start, e.end):
            by_token.setdefault(k, []).append(e)
    hit: dict[int, Ent] = {}
    for o in others:
        for k in range(o.start, o.end):
            for e in by_token.get(k, ()):
                hit.setdefault(id(e), e)
    return list(hit.values())


def _serves_abroad(ad: AnalysedDoc, t: Ent) -> bool:
    """An ambassador's or envoy's title naming the country sent from ("سفير أستراليا"): a title of its own."""
    return bool(t.data.get("country")) and str(t.data.get("head")) in ad.lang.word_set("accredited_titles")
