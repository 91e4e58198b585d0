"""Meetings: triggers, grouped into events with their place, date, ordinal and people.

A trigger (اجتماع، summit, s'est entretenu …) opens or continues a meeting.
Later mentions ("هذا الاجتماع", "the talks") join the current meeting unless
they bring a conflicting ordinal, place or date. Participants are the people
named in the sentences that mention the meeting, minus those named as absent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..lang import arabic
from ..reference import organisations
from ..text import fold
from .base import AnalysedDoc, Ent
from .lexicon import Match, PhraseMatcher

T = TypeVar("T")


@dataclass
class MeetingDraft:
    mentions: list[Ent] = field(default_factory=list)
    type: str = "meeting"
    ordinal: int | None = None
    city: Ent | None = None
    date: Ent | None = None
    duration: int | None = None
    sentences: set[int] = field(default_factory=set)
    future: bool = False
    persons: list[Ent] = field(default_factory=list)
    other: bool = False  # a past or next meeting of the series, mentioned in passing
    city_attached: bool = False  # the city is right after a trigger, not just in the sentence
    city_first: bool = False  # … right after the first mention
    fixed_persons: bool = False  # the people are the encounter's own (one of several listed), not the sentence's
    own_sentences: bool = False  # … but its sentences report it alone: their countries and bodies are its own
    countries: list[str] = field(default_factory=list)  # countries of a counterpart named without a person
    bodies: list[Ent] = field(default_factory=list)  # the body of a counterpart named by its title alone
    part_of: MeetingDraft | None = None  # the meeting on whose sidelines this one was held
    sides: dict[str, str] = field(default_factory=dict)  # person key → "host" | "guest" (who received whom)
    named: set[str] = field(default_factory=set)  # keys of the people named in its sentences, kept by _group
    gathering: bool = False  # named after "on the sidelines of": the summit or session others were held beside
    recalled: bool = False  # an earlier meeting the story is dated by: its clause is the rest of its sentence
    level: str | None = None  # the rank the body sat at ("على مستوى المندوبين"): two ranks, two meetings
    handed_on: set[int] = field(default_factory=set)  # where the countries of encounters split off it start
    name: str | None = None  # a meeting's own name ("the ASEAN Coordinating Council Meeting"): two names, two meetings
    named_by: tuple[int, Ent] | None = None  # where that name starts, and the meeting word that ends it
    session_of: MeetingDraft | None = None  # the same body's session at another rank, named before this one

    def has_mention(self, key: str) -> bool:
        """Is one of its meeting words of type ``key``? Kept as a set, extended as mentions are appended
        (asked per draft for each "on the sidelines of": a scan of every draft's mentions was quadratic)."""
        known = self.__dict__.get("_keys")  # not a field: no part of comparisons or the draft's repr
        if known is None or known[0] is not self.mentions or known[1] > len(self.mentions):
            known = (self.mentions, 0, set())
        keys = known[2]
        keys.update(m.key for m in self.mentions[known[1]:])
        self.__dict__["_keys"] = (self.mentions, len(self.mentions), keys)
        return key in keys


VERB_LIST_REACH = 8  # how many words after a meeting verb the first of a list of people met may start
COUNTERPART_REACH = 6  # how far (in tokens) after "with" or a meeting verb the person met is named
SEQUENCE_BEFORE = 12  # how far (in tokens) before a meeting word a sequencing word ("then", "ثم") is read
HELD_AFTER = 8  # how far (in tokens) after a meeting word a held-in phrase ("qui s'est tenu à") is read
LEVEL_AFTER = 10  # how far (in tokens) after a meeting word the rank it sits at ("at the level of …") is read
FUTURE_BEFORE, FUTURE_AFTER = 10, 12  # how far (in tokens) a future cue reaches a meeting word before / after it
QUOTES = frozenset('"\'«»“”')  # a number may stand in quotes after the article: الـ«153»
CALL = "call"  # the meeting type of a phone or video call
ENCOUNTER_TYPES = ("talks", "meeting", CALL)  # meeting types that a list of counterparts splits, one each


class TriggerFinder:
    name = "triggers"

    @staticmethod
    def _sitting_organ(ad: AnalysedDoc, i: int) -> bool:
        """An organ whose name is a meeting word, in session ("المجلس الوزاري" of the GCC named by its
        generic name; "أعمال المجلس الوزاري لمجلس التعاون", "the session of the …"): the organ and its
        sitting are both named, so the trigger stands. Named alone ("الجمعية العامة للأمم المتحدة فشلت"),
        it is only the body."""
        org = ad.starting_at("ORG", i)
        if org is None or not org.key:
            return False
        if org.data.get("source") == "organ":
            return True
        entry = organisations().get(org.key)
        if entry is None or entry.parent is None:
            return False
        sitting = ad.lang.word_set("sitting_words")
        return any(sitting.intersection(ad.tokens[k].bare_variants)
                   for k in range(max(0, i - 3), i) if ad.tokens[k].sent == ad.tokens[i].sent)

    def __call__(self, ad: AnalysedDoc) -> None:
        toks = ad.tokens
        lang = ad.lang
        # sport words inside an organisation's name ("Ligue arabe") say nothing about the sentence
        hits: dict[int, set[str]] = {}
        for t in toks:
            if t.text in lang.sport_cues and ad.owner[t.i] != "ORG":
                hits.setdefault(t.sent, set()).add(t.text)
        # two different sport words make a sport sentence; one ("the 2030 World Cup") does not
        sport_sents = {sent for sent, words in hits.items() if len(words) >= 2}
        maybe = ad.starts(lang.triggers)
        editions: set[tuple[str, ...]] = set()  # trigger words used here for the edition of a fair
        counted_end = -10
        recalled_in: set[int] = set()  # sentences whose rest recalls an earlier meeting ("أياما بعد زيارة … ولقائه")
        for i, t in enumerate(toks):
            if i not in maybe or not ad.allowed[i] or (ad.owner[i] in ("ORG", "TITLE", "PERSON")
                                                       and not self._sitting_organ(ad, i)):
                continue
            if ad.at("TRIGGER", i):
                continue
            m = lang.triggers.match_at(toks, i)
            if not m or t.sent in sport_sents:
                continue
            if self._edition_of_event(ad, m.end):
                editions.add(m.key)
                continue
            if self._blocked(ad, i, m.end) or lang.non_triggers.match_at(toks, i):
                continue
            if m.value == CALL and self._medium_of(ad, i):
                continue  # "a summit which will be held via videoconference": how the summit meets
            ordinal = self._ordinal(ad, m.end) if lang.profile.ordinal_after_noun else self._ordinal_before(ad, i)
            if m.key in editions and ordinal is None:
                continue  # "الدورة" again, after "الدورة 39 لمعرض الكتاب": the same fair
            if (i > 0 and _count(toks[i - 1].text) > 1 and ordinal is None) or \
                    (i - counted_end <= 1 and t.is_arabic and arabic.starts_with_and(t.text)):
                counted_end = m.end + 1  # "40 لقاء فكريا وندوة": a count of events, and what it lists
                continue
            if toks[m.end - 1].is_arabic and arabic.ends_in_ha(m.key[-1]) and arabic.ends_in_ha(toks[m.end - 1].raw):
                continue  # بدوره (in turn) is not دورة (session): triggers end in ta marbuta
            if m.end - m.start == 1 and lang.generic_triggers.intersection(t.variants) \
                    and not self._generic_holds(ad, i, m.end):
                continue  # "لقاءات مباشرة بين الكتاب والقراء": a programme of events
            anaphoric = i > 0 and toks[i - 1].text in lang.word_set("demonstratives")
            recalled = t.sent in recalled_in or self._recalled(ad, i)
            if recalled:
                recalled_in.add(t.sent)
            other = self._other(ad, i, m.end) or recalled
            ad.add(Ent("TRIGGER", i, m.end, m.value, {"anaphoric": anaphoric, "ordinal": ordinal, "other": other,
                                                     "recalled": recalled,
                                                     "sidelines": self._sidelines_before(ad, i)}),
                   claim=False)

    @staticmethod
    def _recalled(ad: AnalysedDoc, i: int) -> bool:
        """"وتأتي الزيارة أياما قليلة بعد زيارة الوزير للجزائر", "days after his visit to Paris": the meeting word
        names an earlier meeting the story is dated by."""
        cues = ad.lang.recall_cues
        starts = ad.starts(cues)
        return any(k in starts and (m := cues.match_at(ad.tokens, k)) and m.end in (i, i - 1)
                   for k in range(max(0, i - 5), i))

    @staticmethod
    def _medium_of(ad: AnalysedDoc, i: int) -> bool:
        """A call word after "via", "par", "por", "عبر" once a meeting has been named: how that meeting is held,
        or how someone took part in it ("intervino por videoconferencia"), not a call of its own."""
        toks = ad.tokens
        if i == 0 or toks[i - 1].sent != toks[i].sent or toks[i - 1].text not in ad.lang.word_set("medium_cues"):
            return False
        return bool(ad.get("TRIGGER"))  # the triggers are found in text order: any is before

    def _generic_holds(self, ad: AnalysedDoc, i: int, j: int) -> bool:
        """A plural meeting word ("لقاءات", "اجتماعات") is meetings when it says with whom ("لقاءات مع نظرائه",
        within two words), of which body ("اجتماعات مجلس الجامعة"), or beside what ("على هامش اجتماعات")."""
        toks = ad.tokens
        withs = ad.lang.word_set("with_words")
        near = [k for k in range(j, min(len(toks), j + 3)) if toks[k].sent == toks[i].sent]
        return (any(toks[k].text in withs for k in near) or (bool(near) and ad.starting_at("ORG", near[0]) is not None)
                or self._sidelines_before(ad, i) is not None)

    @staticmethod
    def _sidelines_before(ad: AnalysedDoc, i: int) -> Ent | None:
        """"على هامش انعقاد الدورة", "on the sidelines of the G20 Summit", "en marge du sommet": the cue
        just before a trigger (up to three words between) says the trigger names the gathering around
        which another encounter was held. The cue's span, or None."""
        toks = ad.tokens
        cues = ad.lang.sidelines_cues
        starts = ad.starts(cues)
        for k in range(i - 1, max(-1, i - 9), -1):
            if toks[k].sent != toks[i].sent:
                return None
            m = cues.match_at(toks, k) if k in starts else None
            if m and i - 3 <= m.end <= i:
                return Ent("SIDELINES", k, m.end, "sidelines")
        return None

    @staticmethod
    def _blocked(ad: AnalysedDoc, i: int, j: int) -> bool:
        """"meeting the objectives", "قمة جبل": the next word says this is no meeting — unless an official
        follows ("met her Rwandan counterpart", "met the Minister of Trade")."""
        blocked = ad.lang.word_set("trigger_blockers")
        nxt = ad.tokens[j].text if j < len(ad.tokens) else ""
        if nxt not in blocked and arabic.without_and_or_with(nxt) not in blocked:
            return False
        verb = " ".join(ad.tokens[k].text for k in range(i, j)) in ad.lang.word_set("verb_triggers")
        return not verb or not any(ad.owner[k] in ("PERSON", "TITLE") for k in range(j + 1, min(len(ad.tokens), j + 3))
                       if ad.tokens[k].sent == ad.tokens[j].sent)

    @staticmethod
    def _edition_of_event(ad: AnalysedDoc, j: int) -> bool:
        """"الدورة التاسعة والثلاثين لمعرض تونس للكتاب", "the 39th edition of the book fair": the
        session of a fair, a festival or a tournament is no meeting (but "a meeting at the fair" is)."""
        events = ad.lang.word_set("event_blockers")
        links = ad.lang.word_set("articles") | ad.lang.word_set("org_connectors")  # "the 39th edition of the"
        toks = ad.tokens
        k = j
        while k < min(len(toks), j + 5) and toks[k].sent == toks[j - 1].sent:
            t = toks[k]
            if t.text.isdigit() or t.text in links \
                    or t.text in ad.lang.word_set("ordinal_skip") or _tens(ad, t.text):
                k += 1
                continue
            ordinal = ad.lang.ordinals.match_at(toks, k)
            if ordinal:
                k = ordinal.end
                continue
            return any(v in events for v in t.variants)
        return False

    @staticmethod
    def _other(ad: AnalysedDoc, i: int, j: int) -> bool:
        """"الدورة السابقة", "the previous meeting": another meeting of the series, mentioned in passing."""
        words = ad.lang.word_set("other_meeting_words")
        # a date before the meeting word keeps its own "next" ("يوم الخميس المقبل الاجتماع": held next Thursday);
        # one after it dates another meeting of the series ("la réunion de mai dernier")
        return any(ad.tokens[k].text in words and not (k < i and ad.owner[k] == "DATE")
                   for k in range(max(0, j - 3), min(len(ad.tokens), j + 2)))

    def _ordinal(self, ad: AnalysedDoc, j: int) -> int | None:
        """Ordinal after an Arabic trigger: الرابع، الـ93، 93، الثالثة والتسعين."""
        toks = ad.tokens
        lang = ad.lang
        n = len(toks)
        if j >= n:
            return None
        t = toks[j]
        if t.text in lang.word_set("ordinal_skip") and j + 1 < n:
            j += 1  # "الدورة العادية التاسعة والثلاثين"
            t = toks[j]
        if t.text in lang.word_set("articles") and j + 1 < n:
            j += 1
            t = toks[j]
        if t.text in QUOTES and j + 1 < n:
            j += 1  # "الدورة الـ«153»"
            t = toks[j]
        if t.text.isascii() and t.text.isdigit() and len(t.text) <= 3:
            return int(t.text)
        if t.text.startswith("ال") and t.text[2:].isascii() and t.text[2:].isdigit():
            return int(t.text[2:])
        m = lang.ordinals.match_at(toks, j)
        if not m:
            return None
        value = int(m.value)
        k = m.end
        if k < n:
            tens = toks[k].text
            for v in (tens, tens[1:] if tens.startswith("و") else tens):
                v2 = v[2:] if v.startswith("ال") else v
                if v2 in lang.ordinal_tens:
                    if lang.ordinal_tens[v2] != 10 or value < 10:
                        value += lang.ordinal_tens[v2]
                    k += 1
                    break
        hundreds = lang.ordinal_hundreds.match_at(toks, k) if k < n else None
        return value + int(hundreds.value) if hundreds else value

    def _ordinal_before(self, ad: AnalysedDoc, i: int) -> int | None:
        """Ordinal before a Latin trigger: 4th meeting, 93rd session, 42e session, quatrième réunion."""
        toks = ad.tokens
        lang = ad.lang
        k = i - 1
        suffixes = lang.word_set("ordinal_suffixes")
        while k >= 0 and toks[k].raw[:1].isupper() and k > i - 4 and not lang.ordinals.match_at(toks, k) \
                and _roman_ordinal(toks[k].raw, suffixes) is None:
            k -= 1  # "4th Ministerial Meeting"
        if k < 0:
            return None
        t = toks[k]
        m = lang.ordinals.match_at(toks, k)
        if m and m.end <= i:
            return int(m.value)
        digits = "".join(ch for ch in t.text if "0" <= ch <= "9")
        suffix = t.text[len(digits):]
        if digits and t.text.startswith(digits) and suffix in lang.word_set("ordinal_suffixes"):
            return int(digits)
        return _roman_ordinal(t.raw, suffixes)


class MeetingAssembler:
    """Groups triggers into meetings and attaches place, date, duration and participants."""

    name = "meetings"

    def __call__(self, ad: AnalysedDoc) -> None:
        drafts = self._group(ad)
        absent = self._absent_people(ad)
        recall_at: dict[int, int] = {}  # sentence → where the recalled meeting's clause starts
        for t in ad.get("TRIGGER"):
            if t.data.get("recalled"):
                recall_at.setdefault(ad.tokens[t.start].sent, t.start)
        ad.extra["recall_at"] = recall_at
        for d in drafts:
            d.recalled = d.other and all(m.data.get("recalled") for m in d.mentions)
            d.persons = [p for p in ad.in_sentences("PERSON", d.sentences)  # the encounters split below keep theirs
                         if not p.data.get("author") and p.start not in absent and in_clause(ad, d, p.start)]
        drafts = [d for d in drafts if self._keep(ad, d)]
        for d in drafts:
            d.persons += self._named_by_title(ad, d, {p.key for p in d.persons})
            d.sides = self._sides(ad, d)
        listed: set[int] = set()  # where the lists already split begin: two meeting words before one list
        drafts = [x for d in drafts for y in self._by_counterpart(ad, d) for x in self._encounters(ad, y, listed)]
        ordinals = Counter(d.ordinal for d in drafts if not d.other and d.ordinal)  # of the main meetings
        for d in drafts:
            if not d.other and self._passing(d, ordinals):
                d.other = True
                ordinals[d.ordinal] -= 1 if d.ordinal else 0
        main = [d for d in drafts if not d.other]
        if len(main) == 1:
            self._add_named_officials(ad, main[0], absent)
        ad.extra["meetings"] = self._without_sport(ad, drafts)

    def _group(self, ad: AnalysedDoc) -> list[MeetingDraft]:
        """Triggers in text order: each continues a compatible meeting of the article or opens one;
        "the previous session" and the like gather in meetings of their own, marked ``other``."""
        drafts: list[MeetingDraft] = []  # in the order they were opened (the first is the article's own)
        recent: list[MeetingDraft] = []  # the same, in the order later mentions look for them (last first)
        for trig in ad.get("TRIGGER"):
            sent = ad.tokens[trig.start].sent
            local = self._local(ad, trig, sent)
            if trig.data.get("other"):
                d = next((x for x in drafts if x.other and sent in x.sentences), None)
                if d is None:
                    d = MeetingDraft(type=trig.key, other=True)
                    drafts.append(d)
                self._merge(ad, d, local, trig, sent)
                continue
            if trig.data.get("sidelines") is not None:
                self._sidelines(ad, drafts, recent, trig, local, sent)
                continue
            main = [d for d in recent if not d.other]
            if main and trig.data["anaphoric"]:
                target = main[-1]
            else:
                calls = [d for d in main if d.type == CALL or _calls_right_after(d, trig)] if trig.key == CALL else []
                target = next((d for d in reversed(calls or main)  # "the issues touched upon in the call": the call
                               if self._compatible(d, local) and not self._new_host(ad, d, trig, sent)
                               and not self._next_encounter(ad, d, trig, sent)
                               and not self._other_medium(ad, d, trig, sent)
                               and not self._beside_gathering(ad, d, trig, sent)), None)
            opened = target is None
            if target is None:
                target = MeetingDraft(type=trig.key)
                target.part_of = next((d for d in reversed(main) if self._beside_gathering(ad, d, trig, sent)), None)
                drafts.append(target)
                recent.append(target)
            self._merge(ad, target, local, trig, sent)
            if opened and local["level"]:
                self._other_rank(target, main, local["level"])
        return drafts

    @staticmethod
    def _other_rank(d: MeetingDraft, main: list[MeetingDraft], level: str) -> None:
        """"الدورة 153 على مستوى المندوبين … وتعقد الدورة على مستوى وزراء الخارجية": a session opened at another
        rank than one named before is the same body's, with its number."""
        sibling = next((x for x in reversed(main) if x is not d and x.type == d.type and x.level
                        and x.level != level), None)
        if sibling is not None:
            d.session_of = sibling
            d.ordinal = d.ordinal or sibling.ordinal

    def _sidelines(self, ad: AnalysedDoc, drafts: list[MeetingDraft], recent: list[MeetingDraft], trig: Ent,
                   local: dict, sent: int) -> None:
        """A trigger after "on the sidelines of" names the gathering (the summit, the council's session);
        the encounter of the sentence (a meeting named before it, or "X … with Y" without a meeting word)
        is one of its own, ``part_of`` the gathering, and the mentions that follow go to the encounter."""
        main = [d for d in recent if not d.other]
        here = [d for d in main if sent in d.sentences and not d.gathering]
        gathering = next((d for d in reversed(main) if d not in here and d.has_mention(trig.key)
                          and self._compatible(d, local)), None)
        if gathering is None:
            gathering = MeetingDraft(type=trig.key)
            drafts.append(gathering)
            recent.append(gathering)
        gathering.gathering = True
        self._merge(ad, gathering, local, trig, sent)
        encounter = here[-1] if here else None
        if encounter is None:
            mention = self._encounter_before(ad, trig, sent)
            if mention is None:
                return
            encounter = MeetingDraft(type=mention.key)
            self._merge(ad, encounter, {**local, "ordinal": None}, mention, sent)
            drafts.append(encounter)
        encounter.part_of = gathering
        if encounter in recent:
            recent.remove(encounter)
        recent.append(encounter)

    @staticmethod
    def _encounter_before(ad: AnalysedDoc, trig: Ent, sent: int) -> Ent | None:
        """"بحث الوزير X مع الأمين العام Y … على هامش الدورة", "X held talks with Y on the sidelines of": two
        people named before the cue, "with" between them, and no meeting word: talks, mentioned by the cue."""
        cue: Ent = trig.data["sidelines"]
        people = [p for p in ad.in_sentence("PERSON", sent) if p.end <= cue.start and not p.data.get("author")]
        withs = ad.lang.word_set("with_words")
        if len({p.key for p in people}) < 2 or not any(
                ad.tokens[k].text in withs for k in range(people[0].end, people[-1].start)):
            return None
        return Ent("TRIGGER", cue.start, cue.end, "talks", {})

    @staticmethod
    def _beside_gathering(ad: AnalysedDoc, d: MeetingDraft, trig: Ent, sent: int) -> bool:
        """"On the sidelines of the summit, X met Y": a meeting word after the gathering's, in its sentence,
        is the encounter held beside it, not the gathering. Mentions are merged in text order, so those of
        ``sent`` (the sentence being read) end the list: the scan stops at an earlier sentence's."""
        if not d.gathering:
            return False
        for m in reversed(d.mentions):
            if ad.tokens[m.start].sent != sent:
                return False
            if m.data.get("sidelines") is not None and m.start < trig.start:
                return True
        return False

    @staticmethod
    def _named_by_title(ad: AnalysedDoc, d: MeetingDraft, present: set[str]) -> list[Ent]:
        """"كما استقبل رئيس الحكومة …", "the Prime Minister then received …": a title without a name in the
        meeting's sentences is the person named earlier with the same title (one person only)."""
        out: list[Ent] = []
        for t in _bare_titles_in(ad, d.sentences):
            person = _holder(ad, t, lambda p: p.key not in present, before=t.start)
            if person is not None:
                out.append(person)
                present.add(person.key)
        return out

    def _sides(self, ad: AnalysedDoc, d: MeetingDraft) -> dict[str, str]:
        """"X received Y", "استقبل X Y", "X a reçu Y": X hosted, Y was the guest. The host is the
        subject of the verb (after it where the verb opens the clause, as in Arabic, unless someone is
        named before it); the people after it are the guests."""
        toks = ad.tokens
        verbs = ad.lang.word_set("reception_verbs")
        sides: dict[str, str] = {}
        keys, ids = {p.key for p in d.persons}, {id(p) for p in d.persons}
        for trig in d.mentions:
            if not _is_verb(ad, trig, verbs):
                continue
            actors = self._actors(ad, toks[trig.start].sent, d, keys, ids)
            before = [(pos, p) for pos, p in actors if pos < trig.start]
            after = [(pos, p) for pos, p in actors if pos >= trig.end]
            if before:
                host = before[-1][1]
            elif ad.lang.profile.verb_first and after:
                host = after.pop(0)[1]
            else:
                continue
            sides.setdefault(host.key, "host")
            for _, p in after:
                if p.key != host.key:
                    sides.setdefault(p.key, "guest")
        return sides

    @staticmethod
    def _actors(ad: AnalysedDoc, sent: int, d: MeetingDraft, keys: set[str], ids: set[int]) -> list[tuple[int, Ent]]:
        """The meeting's people (``d.persons``: their ``keys`` and ``ids``) named in a sentence, each at the
        position it is named there (a bare title that stands for a person named earlier counts at the title)."""
        found = [(min([p.start] + [t.start for t in p.data.get("titles") or [] if t.end <= p.start]), p)
                 for p in ad.in_sentence("PERSON", sent) if p.key in keys and not p.data.get("author")]
        for t in _bare_titles_in(ad, {sent}):
            person = _holder(ad, t, lambda p: id(p) in ids, among=d.persons)
            if person is not None:
                found.append((t.start, person))
        return sorted(found, key=lambda x: x[0])

    # -- one meeting per encounter -----------------------------------------------------
    def _encounters(self, ad: AnalysedDoc, d: MeetingDraft, listed: set[int]) -> list[MeetingDraft]:
        """"X held talks with A, B and C", "لقاءات مع نظرائه من الجزائر وتونس": one trigger, several
        counterparts in a list after it — one meeting per counterpart, each with X; held "on the
        sidelines of" another meeting of the article, each is part of it."""
        if d.other:
            return [d]
        out: list[MeetingDraft] = []
        split: set[int] = set()
        for trig in d.mentions:
            if trig.data.get("sidelines") is not None:
                continue  # "على هامش الدورة، لقاءات مع …": the list is the encounters', not the gathering's
            subject, counterparts = self._counterparts(ad, trig)
            if len(counterparts) < 2 or counterparts[0].start in listed:
                continue
            listed.add(counterparts[0].start)
            if trig.key in ENCOUNTER_TYPES:
                split.add(id(trig))  # the talks were these encounters
            elif not all(c.label == "COUNTRY" or _body_title(c) for c in counterparts):
                continue  # "the session … with the ministers of A and B": one session
            # else "the session was an opportunity for meetings with counterparts from A, B": the session
            # stays, and each meeting with a counterpart is one more
            d.handed_on.update(c.start for c in counterparts if c.label == "COUNTRY")
            for item in counterparts:
                kind = trig.key if trig.key in ENCOUNTER_TYPES else "meeting"
                sub = MeetingDraft(mentions=[trig], type=kind, city=d.city, date=d.date, duration=None,
                                   sentences={ad.tokens[trig.start].sent}, future=d.future,
                                   city_attached=d.city_attached, city_first=d.city_first, fixed_persons=True,
                                   sides=dict(d.sides))
                sub.persons = [p for p in (subject, item) if p is not None and p.label == "PERSON"]
                if item.label == "COUNTRY":
                    sub.countries = [item.key]
                elif item.label == "TITLE" and item.data.get("country"):
                    sub.countries = [item.data["country"]]
                elif _body_title(item):
                    sub.bodies = [item.data["org"]]  # "… and with the Chairperson of the AU Commission"
                out.append(sub)
        d.mentions = [m for m in d.mentions if id(m) not in split]
        if not out:
            return [d]
        host = d if d.mentions else None
        sidelines = host is not None and any(self._on_sidelines(ad, s.mentions[0]) for s in out)
        for sub in out:
            sub.part_of = d.part_of or (host if sidelines else None)
        return ([d] if host else []) + out

    def _by_counterpart(self, ad: AnalysedDoc, d: MeetingDraft) -> list[MeetingDraft]:
        """"… يستقبل من طرف الرئيس X … سيجري مباحثات مع نظيره Y", "X received A … the talks with B": meeting
        words of one draft, each with its own counterpart (named right after the verb, or after "with"), are
        distinct sessions with different people — one meeting each (of the visit, when the draft is one);
        the draft keeps the rest."""
        if d.other or d.gathering or d.ordinal or d.fixed_persons or (
                d.type not in (*ENCOUNTER_TYPES, "visit") and d.name is None):
            return [d]
        found: dict[str, tuple[Ent, list[Ent]]] = {}  # counterpart key → (counterpart, its meeting words)
        for trig in d.mentions:
            if trig.key not in ENCOUNTER_TYPES:
                continue
            other = self._counterpart(ad, trig)
            if other is not None:
                found.setdefault(other.key, (other, []))[1].append(trig)
        with_someone = {id(t) for _, trigs in found.values() for t in trigs}
        gathering = d.name is not None and any(id(m) not in with_someone for m in d.mentions)
        if len(found) < 2 and not (gathering and found):
            return [d]
        # a visit, or a named gathering ("visited Japan to attend the G20 Foreign Ministers' Meeting … met with
        # Minister X"), stays besides the encounters held during it
        hosting = d.type == "visit" or gathering
        kept = [d] if hosting else []
        out: list[MeetingDraft] = []
        for n, (other, trigs) in enumerate(found.values()):
            if not kept and n == 0:
                kept = [d]  # the first encounter is the draft itself
                continue
            sent = ad.tokens[trigs[0].start].sent
            subject = self._subject(ad, trigs[0], sent, exclude=set(found))
            sub = MeetingDraft(mentions=trigs, type=trigs[0].key, city=d.city, date=d.date, future=d.future,
                               sentences={ad.tokens[t.start].sent for t in trigs}, city_attached=d.city_attached,
                               fixed_persons=True, part_of=d if hosting else d.part_of)
            sub.persons = [p for p in (subject, other) if p is not None]
            keys = {p.key for p in sub.persons}
            sub.sides = {k: v for k, v in d.sides.items() if k in keys}
            gone = {id(t) for t in trigs}
            d.mentions = [m for m in d.mentions if id(m) not in gone]
            out.append(sub)
        if gathering and d.type != "visit":  # the gathering keeps its own sentences, the talks theirs
            d.sentences = {ad.tokens[m.start].sent for m in d.mentions}
            for sub in out:
                sub.own_sentences = not any(sub.sentences & x.sentences for x in [d, *out] if x is not sub)
        return kept + out

    @staticmethod
    def _subject(ad: AnalysedDoc, trig: Ent, sent: int, exclude: set[str]) -> Ent | None:
        """Who holds the meeting: the person named nearest before the meeting word in its sentence (not one
        met in another of its encounters, ``exclude``), or the holder of a title named alone nearer still
        ("وأضاف البلاغ أن وزير الخارجية سيجري مباحثات …")."""
        before = [p for p in ad.in_sentence("PERSON", sent)
                  if p.end <= trig.start and not p.data.get("author") and p.key not in exclude]
        titles = [t for t in _bare_titles_in(ad, {sent}) if t.end <= trig.start]
        if titles and (not before or titles[-1].start > before[-1].start):
            holder = _holder(ad, titles[-1], lambda p: not p.data.get("author"), before=titles[-1].start)
            if holder is not None:
                return holder
        return before[-1] if before else None

    @staticmethod
    def _counterpart(ad: AnalysedDoc, trig: Ent) -> Ent | None:
        """The person a meeting word names as met: after "with" (within a dozen words, titles between), or
        right after a meeting verb ("يستقبل من طرف الرئيس X", "received Minister X")."""
        toks = ad.tokens
        sent = toks[trig.start].sent
        after = [p for p in ad.in_sentence("PERSON", sent) if p.start >= trig.end and not p.data.get("author")]
        if _is_verb(ad, trig, ad.lang.word_set("verb_triggers")):
            met = next((p for p in after if p.start <= trig.end + COUNTERPART_REACH), None)
            if met is not None:
                return met
        withs = ad.lang.word_set("with_words")
        for k in range(trig.end, min(len(toks), trig.end + 12)):
            if toks[k].sent != sent or ad.at("TRIGGER", k):
                return None  # the next meeting word's "with", not this one's
            if toks[k].text in withs:
                return next((p for p in after if k < p.start <= k + COUNTERPART_REACH), None)
        return None

    @staticmethod
    def _on_sidelines(ad: AnalysedDoc, trig: Ent) -> bool:
        toks = ad.tokens
        sent = toks[trig.start].sent
        cues = ad.lang.sidelines_cues
        k = next(k for k in range(trig.start, -1, -1) if k == 0 or toks[k - 1].sent != sent)
        while k < len(toks) and toks[k].sent == sent:
            if cues.match_at(toks, k):
                return True
            k += 1
        return False

    def _counterparts(self, ad: AnalysedDoc, trig: Ent) -> tuple[Ent | None, list[Ent]]:
        """The person before a trigger (its subject) and the counterparts listed after "with": people
        (with their titles), officials named by title alone, or countries after "counterparts" — each
        of a country of its own, or no list at all (a working meeting with two executives is one)."""
        toks = ad.tokens
        sent = toks[trig.start].sent
        start = next((k for k in range(trig.end, min(len(toks), trig.end + 12))
                      if toks[k].sent == sent and toks[k].text in ad.lang.word_set("with_words")), None)
        first_within, after_verb = 4, False
        if start is None and _is_verb(ad, trig, ad.lang.word_set("verb_triggers")):
            start, first_within, after_verb = trig.end - 1, VERB_LIST_REACH, True  # "a reçu, hier, A … et B …"
        if start is None or trig.data.get("ordinal"):
            return None, []  # no list, or a meeting of a series ("the fifth trilateral meeting")
        subject = self._subject(ad, trig, sent, exclude=set())
        items = self._listed(ad, start + 1, sent, first_within)
        if after_verb and subject is None and items and items[0].label == "PERSON":
            subject = items.pop(0)  # "استقبل الوزير X … نظيره Y": the verb first, then who received
        known = [c for c in (self._country_of(ad, e) for e in items) if c]
        if len(known) < 2 or len(set(known)) != len(known):
            return subject, []  # counterparts of two countries at least, never two of one
        return subject, items

    def _listed(self, ad: AnalysedDoc, k: int, sent: int, first_within: int = 4) -> list[Ent]:
        """The items of a list starting near token ``k``: each begins within two words of the end of the
        one before (a comma, "and", an article; titles do not count), the first within ``first_within``."""
        toks = ad.tokens
        persons = ad.in_sentence("PERSON", sent)
        starts: dict[int, Ent] = {}
        for p in persons:
            first = min([p.start] + [t.start for t in p.data.get("titles") or [] if t.end <= p.start])
            starts.setdefault(first, p)
        owned = {j for p in persons for t in [p, *(p.data.get("titles") or [])] for j in range(t.start, t.end)}
        for t in ad.in_sentence("TITLE", sent):
            if t.start not in owned and (t.data.get("country") or t.data.get("org") is not None):
                starts.setdefault(t.start, t)  # "… and the Chairperson of the AU Commission": its body's
        in_title = {j for t in ad.in_sentence("TITLE", sent) for j in range(t.start, t.end)}
        countries = {c.start: c for c in ad.in_sentence("COUNTRY", sent) if c.start not in owned}
        counterparts = ad.lang.word_set("counterpart_words")
        joiners = ad.lang.word_set("and_words") | ad.lang.word_set("articles") | {","}
        items: list[Ent] = []
        gap, limit, after_counterpart = 0, first_within, False
        while k < len(toks) and toks[k].sent == sent and gap <= limit:
            ent = starts.get(k) or (countries.get(k) if after_counterpart else None)
            if ent is not None:
                items.append(ent)
                k, gap, limit = ent.end, 0, 2
                continue
            if _ends_list(toks[k].text):
                break
            if toks[k].text in counterparts:
                after_counterpart, gap, limit = True, -1, 4  # "… with his counterparts from Algeria, Tunisia"
            honorific = ad.lang.honorifics.match_at(toks, k)
            if honorific:  # "SEM", "معالي": part of the name that follows
                k = honorific.end
                continue
            k, gap = k + 1, gap + (k not in in_title and toks[k].text not in joiners)
        return items

    @staticmethod
    def _country_of(ad: AnalysedDoc, e: Ent) -> str | None:
        if e.label == "COUNTRY":
            return e.key
        titles = [e] if e.label == "TITLE" else list(e.data.get("titles") or [])
        return next((t.data.get("country") for t in titles if t.data.get("country")), None)

    def _add_named_officials(self, ad: AnalysedDoc, d: MeetingDraft, absent: set[int]) -> None:
        """One meeting in the article: the officials it names (with a title) took part, unless the
        text says they were absent or only mentions them (a message from, on the instructions of …)."""
        named = {p.key for p in d.persons}
        absent_keys = {p.key for p in ad.get("PERSON") if p.start in absent}
        royal = ad.lang.word_set("royal_titles")
        for p in ad.get("PERSON"):
            if p.key in named or p.key in absent_keys or p.data.get("author") or not p.data.get("titles"):
                continue
            if any(str(t.data.get("head")) in royal for t in p.data["titles"]):
                continue  # kings and emirs are named as patrons far more often than they attend
            if self._mention_only(ad, p) or not in_clause(ad, d, p.start):
                continue  # … or named in the clause of an earlier meeting the story recalls
            d.persons.append(p)
            named.add(p.key)

    def _without_sport(self, ad: AnalysedDoc, drafts: list[MeetingDraft]) -> list[MeetingDraft]:
        """In a sport report, meetings cued only by weak triggers ("لقاء", a match) are matches."""
        weak = ad.lang.word_set("weak_triggers")
        sport_hits = sum(1 for t in ad.tokens if ad.allowed[t.i] and t.text in ad.lang.sport_cues
                         and ad.owner[t.i] != "ORG")
        if sport_hits < 3:
            return drafts
        return [d for d in drafts if not all(" ".join(ad.tokens[k].text for k in range(m.start, m.end))
                                             in weak or self._bare(ad, m) in weak for m in d.mentions)]

    def _keep(self, ad: AnalysedDoc, d: MeetingDraft) -> bool:
        # a meeting needs something concrete: people, a place, a date or an ordinal
        return bool(d.persons or d.city or d.date or d.ordinal or len(d.mentions) > 1)

    @staticmethod
    def _passing(d: MeetingDraft, main_ordinals: Counter[int]) -> bool:
        """"the host of the fifth meeting": a bare ordinal next to the main meeting's is another of the series
        (``main_ordinals``: how many main meetings have each ordinal, counted once, not per meeting)."""
        return (not d.persons and not d.date and not d.city_attached and d.ordinal is not None and
                (main_ordinals[d.ordinal - 1] > 0 or main_ordinals[d.ordinal + 1] > 0))

    @staticmethod
    def _future_near(ad: AnalysedDoc, trig: Ent) -> bool:
        """Is the trigger in the future ("will meet", "سيعقد الاجتماع", "the summit to be held next week")? A
        future cue counts for the meeting words near it with no other between them, not for the whole
        sentence: "met on Monday … ahead of the summit that will open on Wednesday" reports the meeting."""
        cues = ad.lang.future_cues

        def build() -> dict[int, list[int]]:
            by_sent: dict[int, list[int]] = {}
            for i in sorted(ad.starts(cues)):
                if cues.match_at(ad.tokens, i):
                    by_sent.setdefault(ad.tokens[i].sent, []).append(i)
            return by_sent

        near = [i for i in _memo(ad, "future_cues", build).get(ad.tokens[trig.start].sent, ())
                if trig.start - FUTURE_BEFORE <= i < trig.end + FUTURE_AFTER]
        if not near:
            return False
        others = [t.start for t in ad.in_sentence("TRIGGER", ad.tokens[trig.start].sent) if t.start != trig.start]
        return any(not any(min(i, trig.start) < o < max(i, trig.start) for o in others) for i in near)

    def _local(self, ad: AnalysedDoc, trig: Ent, sent: int) -> dict:
        cities = [c for c in ad.in_sentence("CITY", sent) if not self._not_venue(ad, c)]
        attached = [c for c in cities if trig.end <= c.start <= trig.end + 8]
        dates = ad.in_sentence("DATE", sent)
        durations = ad.in_sentence("DURATION", sent)
        near_date = min(dates, key=lambda c: abs(c.start - trig.start)) if dates else None
        level = self._level(ad, trig, sent)
        future = self._future_near(ad, trig) or (  # "يلتقي … يوم غد", "meets … tomorrow": still to come
            near_date is not None and near_date.data.get("kind") == "relative" and near_date.data.get("offset", 0) > 0
            and trig.start - FUTURE_BEFORE <= near_date.start < trig.end + FUTURE_AFTER
            and (level is not None or not self._named_before(ad, trig)))
        return {
            "ordinal": trig.data.get("ordinal"),
            "level": level,
            "city": min(cities, key=lambda c: abs(c.start - trig.start)) if cities else None,
            "city_attached": attached[0] if attached else self._held_in(ad, trig, sent, cities),
            "date": near_date,
            "duration": durations[0].data["days"] if durations else None,
            "future": future,
            "name": (named := _event_name(ad, trig, sent)) and named[0],
            "named_by": named and (named[1], trig),
        }

    @staticmethod
    def _held_in(ad: AnalysedDoc, trig: Ent, sent: int, cities: list[Ent]) -> Ent | None:
        """"le sommet … qui s'est tenu à Addis-Abeba", "القمة … المنعقدة في الرباط": the town after a held-in
        phrase that follows the meeting word in its clause (no other meeting word between) is its venue."""
        m = _cue_after(ad, trig, sent, ad.lang.held_cues, HELD_AFTER)
        return next((c for c in cities if m.end <= c.start <= m.end + 1), None) if m else None

    @staticmethod
    def _level(ad: AnalysedDoc, trig: Ent, sent: int) -> str | None:
        """The rank a meeting word's body sits at, read after it ("الدورة … على مستوى المندوبين الدائمين",
        "la session au niveau des ministres"): the first word after the cue, without its article."""
        toks = ad.tokens
        m = _cue_after(ad, trig, sent, ad.lang.level_cues, LEVEL_AFTER,
                       lambda m: m.end < len(toks) and toks[m.end].sent == sent)
        return toks[m.end].bare_variants[-1].lower() if m else None

    @staticmethod
    def _named_before(ad: AnalysedDoc, trig: Ent) -> bool:
        """"القمة" again after "انطلقت القمة": the definite meeting word of a meeting named before points back
        to it ("the summit will adopt tomorrow …" is that summit, not another)."""
        return _definite(ad, trig) and any(t.key == trig.key and t.start < trig.start for t in ad.get("TRIGGER"))

    @staticmethod
    def _bare(ad: AnalysedDoc, m: Ent) -> str:
        from ..text import token_variants

        return token_variants(ad.tokens[m.start].text, bare=True)[-1]

    def _not_venue(self, ad: AnalysedDoc, city: Ent) -> bool:
        window = [ad.tokens[k].text for k in range(max(0, city.start - 4), city.start)]
        cues = ad.lang.not_venue_cues
        return any(w in cues or (len(w) > 3 and w[1:] in cues) for w in window)

    @staticmethod
    def _new_host(ad: AnalysedDoc, d: MeetingDraft, trig: Ent, sent: int) -> bool:
        """"… then received X": a meeting verb whose people are all new opens another meeting."""
        if not _is_verb(ad, trig, ad.lang.word_set("verb_triggers")):
            return False
        here = _sentence_keys(ad, sent)
        before = d.named
        return bool(here) and bool(before) and not (here & before)

    @staticmethod
    def _other_medium(ad: AnalysedDoc, d: MeetingDraft, trig: Ent, sent: int) -> bool:
        """A phone call, then a reception whose sentence names someone the call did not have ("أجرى اتصالا
        هاتفيا بالرئيس X … خلال استقبال سموه لها"): a call and a meeting in person are two encounters; so are
        two calls, the second named anew ("a call", not "the call") with someone new."""
        if sent in d.sentences or not (_sentence_keys(ad, sent) - d.named):
            return False
        if d.type == CALL and trig.key == CALL:
            return not _definite(ad, trig)  # "تلقى … اتصالا هاتفيا من Y" after the call from X: a second call
        return (d.type == CALL) != (trig.key == CALL)

    @staticmethod
    def _next_encounter(ad: AnalysedDoc, d: MeetingDraft, trig: Ent, sent: int) -> bool:
        """"Later the same day, X chaired a meeting with Y", "كما استقبل الوزير …", "il a par ailleurs reçu …":
        a sequencing word just before a meeting word whose sentence names someone the meeting has not met
        opens another encounter."""
        if sent in d.sentences or not (_sentence_keys(ad, sent) - d.named) or _definite(ad, trig):
            return False  # "كما تليت خلال الجلسة رسالة من …": the session already reported
        cues, toks = ad.lang.sequence_cues, ad.tokens
        starts = ad.starts(cues)
        for k in range(trig.start - 1, max(-1, trig.start - SEQUENCE_BEFORE - 1), -1):
            if toks[k].sent != sent or ad.at("TRIGGER", k):
                return False
            if k in starts and cues.match_at(toks, k):
                return True
        return False

    def _compatible(self, d: MeetingDraft, local: dict) -> bool:
        if local["future"] and not d.future and d.mentions:
            return False  # "… and will meet again in Madrid": a planned meeting is not the one reported
        if local["ordinal"] and d.ordinal and local["ordinal"] != d.ordinal:
            return False
        if local["name"] and d.name and local["name"] != d.name:
            return False  # "the A Ministers' Meeting, the B Council Meeting and the C Summit": three meetings
        if local["level"] and d.level and local["level"] != d.level:
            return False  # the delegates' session, then the ministers' one
        if local["city_attached"] and d.city and d.city_attached and local["city_attached"].key != d.city.key:
            return False
        dv = d.date.data.get("value") if d.date else None
        lv = local["date"].data.get("value") if local["date"] else None
        if dv and lv and dv != lv and not _within(lv, dv, d.date.data.get("end"), d.duration or local["duration"]):
            return False
        return True

    def _merge(self, ad: AnalysedDoc, d: MeetingDraft, local: dict, trig: Ent, sent: int) -> None:
        if trig.key == CALL and d.type != CALL and len(d.mentions) == 1 and _calls_right_after(d, trig) \
                and _is_verb(ad, d.mentions[0], ad.lang.word_set("verb_triggers")):
            d.type = CALL  # "received a phone call from": the verb names no audience
        d.mentions.append(trig)
        if sent not in d.sentences:
            d.sentences.add(sent)
            d.named |= _sentence_keys(ad, sent)
        d.ordinal = d.ordinal or local["ordinal"]
        d.level = d.level or local["level"]
        if local["name"] and not d.name:
            d.name, d.named_by = local["name"], local["named_by"]
        if local["city_attached"] is not None and not d.city_attached:
            d.city, d.city_attached = local["city_attached"], True
            d.city_first = not d.mentions[:-1]  # the city came with the first mention
        d.city = d.city or local["city"]
        d.date = d.date or local["date"]
        d.duration = d.duration or local["duration"]
        d.future = d.future or local["future"]

    @staticmethod
    def _mention_only(ad: AnalysedDoc, p: Ent) -> bool:
        """"on the instructions of King X", "a message from President Y": named, not present."""
        cues = ad.lang.mention_only_cues
        start = min([p.start] + [t.start for t in p.data.get("titles") or []])
        for k in range(max(0, start - 5), start):
            if ad.tokens[k].sent == ad.tokens[p.start].sent and cues.match_at(ad.tokens, k):
                return True
        return False

    def _absent_people(self, ad: AnalysedDoc) -> set[int]:
        out = set()
        toks = ad.tokens
        for p in ad.get("PERSON"):
            lo = max(0, p.start - 4)
            hi = min(len(toks), p.end + 4)
            for k in range(lo, hi):
                if toks[k].sent == toks[p.start].sent and ad.lang.absence_cues.match_at(toks, k):
                    out.add(p.start)
                    break
        return out


def _within(day: str, start: str, end: str | None, duration: int | None) -> bool:
    """Is ``day`` one of the days of a meeting that starts on ``start`` (a range, or a stated duration)?"""
    import datetime as dt

    try:
        first, when = dt.date.fromisoformat(start), dt.date.fromisoformat(day)
        last = dt.date.fromisoformat(end) if end else first + dt.timedelta(days=max((duration or 1) - 1, 0))
    except ValueError:
        return False
    return first <= when <= last


def in_clause(ad: AnalysedDoc, d: MeetingDraft, start: int) -> bool:
    """Is token ``start`` in the meeting's part of its sentence? A recalled meeting ("أياما بعد زيارة …") has the
    rest of the sentence from its meeting word, the others the sentence before it."""
    at = ad.extra.get("recall_at", {}).get(ad.tokens[start].sent)
    return (at is not None and start > at) == d.recalled


def _cue_after(ad: AnalysedDoc, trig: Ent, sent: int, cues: PhraseMatcher, reach: int,
               accept: Callable[[Match], bool] = lambda m: True) -> Match | None:
    """The first phrase of ``cues`` (that ``accept`` takes) within ``reach`` tokens after a meeting word, in its
    sentence and before the next meeting word: what the clause says of that meeting."""
    toks = ad.tokens
    starts = ad.starts(cues)
    for k in range(trig.end, min(len(toks), trig.end + reach)):
        if toks[k].sent != sent or ad.at("TRIGGER", k):
            return None
        if k in starts and (m := cues.match_at(toks, k)) and accept(m):
            return m
    return None


NAME_JOINERS = frozenset("()'’-&")  # what may sit inside a meeting's name between its capitalised words


def _event_name(ad: AnalysedDoc, trig: Ent, sent: int) -> tuple[str, int] | None:
    """The name a capitalised meeting word closes ("ASEAN Foreign Ministers' Meeting", "the 30th APSC
    Council Meeting"): its capitalised words before it, in a script with capitals and outside the
    headline (written in title case), with the token it starts at; None for a plain meeting word."""
    toks = ad.tokens
    title = ad.layout.title
    if not ad.lang.profile.cased or not toks[trig.start].is_upper_initial or (
            title is not None and title[0] <= toks[trig.start].start < title[1]):
        return None
    k, words = trig.start - 1, []
    while k >= 0 and toks[k].sent == sent and (toks[k].is_upper_initial or toks[k].text in NAME_JOINERS
                                               or toks[k].text in ("'s", "’s")):
        words.append(toks[k])
        k -= 1
    named = [t for t in words if t.is_upper_initial]
    if not named or (len(named) == 1 and (k < 0 or toks[k].sent != sent)):
        return None  # "Meeting" opening a sentence, or one capitalised word before it there
    articles = ad.lang.word_set("articles")
    while words and (not words[-1].is_upper_initial or words[-1].text in articles):
        words.pop()  # the name opens on a capital, not on a joiner or a sentence's "La"
    if not words:
        return None
    return " ".join(t.text for t in reversed(words)) + " " + fold(ad.surface(trig)), words[-1].i


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_ordinal(word: str, suffixes: frozenset[str]) -> int | None:
    """"XVIIIe Sommet", "XXth Congress": a number in capital Roman numerals (two at least: never "Le", "Ce")
    and an ordinal ending."""
    k = 0
    while k < len(word) and word[k] in ROMAN:
        k += 1
    if k < 2 or fold(word[k:]) not in suffixes:
        return None
    value = 0
    for a, b in zip(word[:k], [*word[1:k], ""], strict=True):
        value += -ROMAN[a] if b and ROMAN[b] > ROMAN[a] else ROMAN[a]
    return value if 0 < value < 200 else None


def _body_title(e: Ent) -> bool:
    """A title naming a body and no country ("رئيس مفوضية الاتحاد الإفريقي"): the counterpart is that body's."""
    return e.label == "TITLE" and not e.data.get("country") and e.data.get("org") is not None


def _calls_right_after(d: MeetingDraft, trig: Ent) -> bool:
    """Is ``trig`` within two words of the draft's last meeting word ("received a phone call")?"""
    return bool(d.mentions) and 0 <= trig.start - d.mentions[-1].end <= 2


def _definite(ad: AnalysedDoc, trig: Ent) -> bool:
    """"the meeting", "la réunion", "الجلسة": a meeting word with its article points back to one named before."""
    first = ad.tokens[trig.start]
    prefixes = tuple(ad.lang.raw.get("definite_prefixes") or ())
    return (bool(prefixes) and first.text.startswith(prefixes)) or (
        trig.start > 0 and ad.tokens[trig.start - 1].text in ad.lang.word_set("articles"))


def _is_verb(ad: AnalysedDoc, trig: Ent, verbs: frozenset[str]) -> bool:
    """Is the trigger one of these verbs, alone or with a glued "and" ("واستقبل")?"""
    words = " ".join(ad.tokens[k].text for k in range(trig.start, trig.end))
    return words in verbs or (words[:1] in arabic.CONJUNCTIONS and words[1:] in verbs)


def _bare_titles(ad: AnalysedDoc) -> list[Ent]:
    """Titles that no person's name goes with ("كما استقبل رئيس الحكومة …"); found once per article,
    since the assembly asks per meeting and per trigger, and adds no person or title."""
    def build() -> list[Ent]:
        owned = {t.start for p in ad.get("PERSON") for t in p.data.get("titles") or []}
        return [t for t in ad.get("TITLE") if t.start not in owned]

    return _memo(ad, "bare_titles", build)


def _memo(ad: AnalysedDoc, name: str, build: Callable[[], T]) -> T:
    """A fact of the article that the meeting assembly asks for many times, found on first asking."""
    memo = ad.extra.setdefault("meeting_memo", {})
    if name not in memo:
        memo[name] = build()
    return memo[name]


def _sentence_keys(ad: AnalysedDoc, sent: int) -> frozenset[str]:
    """The keys of the people named in a sentence (asked per trigger and per draft: kept per sentence)."""
    keys: dict[int, frozenset[str]] = _memo(ad, "sentence_keys", dict)
    found = keys.get(sent)
    if found is None:
        found = keys[sent] = frozenset(p.key for p in ad.in_sentence("PERSON", sent))
    return found


def _bare_titles_in(ad: AnalysedDoc, sentences: set[int]) -> list[Ent]:
    """The bare titles of these sentences, in text order."""
    def build() -> dict[int, list[Ent]]:
        by_sent: dict[int, list[Ent]] = {}
        for t in _bare_titles(ad):
            by_sent.setdefault(ad.tokens[t.start].sent, []).append(t)
        return by_sent

    by_sent = _memo(ad, "bare_titles_by_sentence", build)
    return [t for sent in sorted(sentences) for t in by_sent.get(sent, ())]


def _holder(ad: AnalysedDoc, title: Ent, admit: Callable[[Ent], bool], before: int | None = None,
            among: list[Ent] | None = None) -> Ent | None:
    """The first person ``admit`` accepts (named before token ``before``; one of ``among``, when given)
    with the same title, if all such people are one person. Read from an index of the article's titled
    people, stopping at a second person: asked per bare title, a scan of every person made long articles
    quadratic; with ``among`` (a meeting's people), only those are looked at."""
    first: Ent | None = None
    people = _titled(ad).get(_office(title), ())
    if among is not None:
        place = _titled_places(ad, _office(title))
        chosen = {id(p): (place[id(p)], p) for p in among if id(p) in place}
        people = [p for _, p in sorted(chosen.values(), key=lambda x: x[0])]
    for p in people:
        if before is not None and p.start >= before:
            break
        if not admit(p) or not any(_same_title(title, x) for x in _offices_held(p)):
            continue
        if first is None:
            first = p
        elif p.key != first.key:
            return None
    return first


def _office(t: Ent) -> tuple[object, object, object]:
    """What ``_same_title`` compares besides the country: head, portfolio, organisation."""
    org = t.data.get("org")
    return t.data.get("head"), t.data.get("portfolio"), org.key if org else None


def _titled(ad: AnalysedDoc) -> dict[tuple[object, object, object], list[Ent]]:
    """The article's people by the offices of their titles, each list in text order."""
    def build() -> dict[tuple[object, object, object], list[Ent]]:
        out: dict[tuple[object, object, object], list[Ent]] = {}
        for p in ad.get("PERSON"):
            for office in dict.fromkeys(_office(x) for x in _offices_held(p)):
                out.setdefault(office, []).append(p)
        return out

    return _memo(ad, "titled", build)


def _offices_held(p: Ent) -> list[Ent]:
    """The titles that say what a person is: of a chain before the name, its first and its last
    ("مستشار رئيس الحكومة السفير X" is an adviser and an ambassador, not the head of government), and
    those after the name."""
    titles = p.data.get("titles") or []
    before = [t for t in titles if t.end <= p.start]
    return list({id(t): t for t in before[:1] + before[-1:] + [t for t in titles if t.end > p.start]}.values())


def _titled_places(ad: AnalysedDoc, office: tuple[object, object, object]) -> dict[int, int]:
    """id of a person → its place in ``_titled``'s list for ``office``."""
    places: dict[tuple[object, object, object], dict[int, int]] = _memo(ad, "titled_places", dict)
    found = places.get(office)
    if found is None:
        found = places[office] = {id(p): k for k, p in enumerate(_titled(ad).get(office, ()))}
    return found


def _same_title(a: Ent, b: Ent) -> bool:
    """Two mentions of one office: the same head, portfolio, organisation and country (when given)."""
    da, db = a.data, b.data
    org_a, org_b = da.get("org"), db.get("org")
    return (da.get("head") == db.get("head") and da.get("portfolio") == db.get("portfolio")
            and (org_a.key if org_a else None) == (org_b.key if org_b else None)
            and (da.get("country") is None or db.get("country") is None or da.get("country") == db.get("country")))


def _ends_list(word: str) -> bool:
    """A full stop, a colon or a bracket ends a list of counterparts; commas and words go on."""
    return word in (".", ":", ";", "(", ")", "!", "?", "؟", "؛")


def _tens(ad: AnalysedDoc, word: str) -> bool:
    """"والثلاثين": the tens of a compound ordinal."""
    for v in (word, word[1:] if word.startswith("و") else word):
        if (v[2:] if v.startswith("ال") else v) in ad.lang.ordinal_tens:
            return True
    return False


def _count(word: str) -> int:
    """The number a token of ASCII digits spells (1..), else 0 ("❷" is a digit, but no count)."""
    return int(word) if word.isascii() and word.isdigit() else 0
