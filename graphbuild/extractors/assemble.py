"""Turn the spans on an analysed document into the extraction model (EXTRACTION.md)."""

from __future__ import annotations

import datetime as dt

from .. import ids
from ..lang import arabic
from ..model import City, Country, Extraction, Meeting, Organisation, Participant, Person, Role
from ..reference import cities, countries, organisations
from ..text import fold
from ..translit import to_latin
from .base import AnalysedDoc, Ent
from .meetings import MeetingDraft, in_clause
from .resources import arabic_city_forms


def _days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    n = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    return n if 1 < n < 60 else None


def _span(ad: AnalysedDoc, e: Ent) -> tuple[int, int]:
    return ad.span(e)

def _drop_unnamed_title_orgs(ext: Extraction, unlisted: set[str]) -> None:
    """A body every state has, found only inside people's titles ("رئيس مجلس الوزراء"), has no name of its
    own: the title says it, and as a node it would join every country's council of ministers into one. It is
    no entity, nor anyone's or any meeting's org (``unlisted``: the candidates, none of the gazetteer)."""
    titles = [m for p in ext.persons for r in p.roles for m in r.mentions]
    gone = {o.id for o in ext.organisations if o.id in unlisted and o.mentions
            and all(any(a <= s and e <= b for a, b in titles) for s, e in o.mentions)}
    if not gone:
        return
    ext.organisations = [o for o in ext.organisations if o.id not in gone]
    for o in ext.organisations:
        o.parent = None if o.parent in gone else o.parent
    for p in ext.persons:
        for r in p.roles:
            r.org = None if r.org in gone else r.org
    for m in ext.meetings:
        m.organisations = [o for o in m.organisations if o not in gone]
        for part in m.participants:
            part.org = None if part.org in gone else part.org


GATHERING_REACH = 12  # how far (in tokens) the name of a gathering runs after its meeting word, at most


class Assembler:
    def __call__(self, ad: AnalysedDoc) -> Extraction:
        lang = ad.lang.lang
        ext = Extraction(article=ad.article, sentences=list(ad.doc.sentences), body=ad.layout.body_span)
        self.orgs = self._organisations(ad, ext)
        self._countries(ad, ext)
        self.city_ids = self._cities(ad, ext)
        self.person_ids = self._persons(ad, ext)
        self._meetings(ad, ext)
        state_bodies = ad.lang.word_set("state_bodies")
        _drop_unnamed_title_orgs(ext, {o for o in set(self.orgs) - set(self.org_keys)
                                       if fold(self.orgs[o].name) in state_bodies})
        del lang
        return ext

    # -- organisations ---------------------------------------------------------
    def org_id(self, ad: AnalysedDoc, e: Ent) -> str:
        if e.key:
            return ids.org_id(e.key)
        return ids.unlisted_org_id(self.org_name(ad, e))

    @staticmethod
    def org_name(ad: AnalysedDoc, e: Ent) -> str:
        """An unlisted organisation's name: without the clitics of its first word (the surface keeps them)."""
        if e.data.get("name"):
            return e.data["name"]
        surface = ad.surface(e)
        first = ad.tokens[e.start]
        if first.is_arabic:
            cut = len(first.raw) - len(arabic.without_glued_and(first.raw))
            return surface[cut:]
        return surface

    def _organisations(self, ad: AnalysedDoc, ext: Extraction) -> dict[str, Organisation]:
        table = organisations()
        out: dict[str, Organisation] = {}
        lang = ad.lang.lang
        self.org_keys: dict[str, str] = {}  # a gazetteer organisation's id → its gazetteer key
        for e in ad.get("ORG"):
            oid = self.org_id(ad, e)
            if e.key:
                self.org_keys[oid] = e.key
            o = out.get(oid)
            if o is None:
                entry = table.get(e.key) if e.key else None
                if entry:
                    o = Organisation(oid, entry.name_in(lang), entry.en, entry.wikidata, entry.country,
                                     acronym=entry.acronym, name_fr=entry.names.get("fr"),
                                     name_ar=entry.names.get("ar"),
                                     parent=ids.org_id(entry.parent) if entry.parent else None)
                elif e.data.get("name_en"):
                    o = Organisation(oid, self.org_name(ad, e), e.data["name_en"], None, e.data.get("country"))
                else:
                    o = Organisation(oid, self.org_name(ad, e))
                out[oid] = o
            o.surface.append(ad.surface(e))
            o.mentions.append(_span(ad, e))
            if o.country is None:
                nxt = ad.starting_at("COUNTRY", e.end)
                if nxt is not None and not e.key:
                    o.country = nxt.key
            if o.parent is None and e.data.get("parent_at") is not None:
                body = ad.starting_at("ORG", e.data["parent_at"])
                if body is not None and self.org_id(ad, body) != oid:
                    o.parent = self.org_id(ad, body)
        ext.organisations = list(out.values())
        return out

    # -- countries and cities ------------------------------------------------------
    def _countries(self, ad: AnalysedDoc, ext: Extraction) -> None:
        table = countries()
        lang = ad.lang.lang
        out: dict[str, Country] = {}
        for e in ad.get("COUNTRY"):
            c = out.get(e.key)
            if c is None:
                entry = table[e.key]
                c = Country(e.key, entry.names.get(lang) or entry.names["en"], entry.names["en"], entry.wikidata,
                            name_ar=entry.names["ar"], name_fr=entry.names["fr"])
                out[e.key] = c
            c.surface.append(ad.surface(e))
            c.mentions.append(_span(ad, e))
        ext.countries = list(out.values())

    def _cities(self, ad: AnalysedDoc, ext: Extraction) -> dict[int, str]:
        table = cities()
        out: dict[int, City] = {}
        for e in ad.get("CITY"):
            c = out.get(e.key)
            if c is None:
                entry = table[e.key]
                name = entry.name
                if ad.lang.profile.script == "arabic":  # the spelling the article used, else GeoNames' plainest
                    name = arabic_city_forms().get(tuple(e.data.get("form") or ())) or entry.name_ar or name
                c = City(f"city:{e.key}", name, entry.name, e.key, entry.country,
                         latitude=entry.latitude, longitude=entry.longitude)
                out[e.key] = c
            c.surface.append(ad.surface(e))
            c.mentions.append(_span(ad, e))
        ext.cities = list(out.values())
        return {k: v.id for k, v in out.items()}

    # -- persons -----------------------------------------------------------------
    def _role(self, ad: AnalysedDoc, t: Ent) -> Role:
        d = t.data
        org = d.get("org")
        org_id = self.org_id(ad, org) if org is not None else None
        country = d.get("country")
        if country is None and org_id and org_id in self.orgs:
            country = self.orgs[org_id].country
        parts = [str(d.get("head") or "")]
        if d.get("portfolio"):
            parts.append(f"of {d['portfolio']}")
        if org_id and org_id in self.orgs:
            o = self.orgs[org_id]
            parts.append(f"of {o.name_en or o.name}")
        if country:
            parts.append(f"({countries()[country].names['en']})")
        title = ad.surface(t)
        if title[:1] in "وف" and len(title) > 3 and fold(title[1:3]) in ("ال", "لل"):
            title = title[1:]  # "والأمين العام" → "الأمين العام"
        return Role(title, " ".join(parts).strip(), org_id, country, [_span(ad, t)])

    def _persons(self, ad: AnalysedDoc, ext: Extraction) -> dict[str, str]:
        out: dict[str, Person] = {}
        person_ids: dict[str, str] = {}
        spans_of: dict[int, set[tuple[int, int]]] = {}  # each role's mentions: a person may be named thousands of times
        for e in sorted(ad.get("PERSON"), key=lambda p: (p.data.get("cue") == "short", p.start)):
            key = e.key
            p = out.get(key)
            if p is None:
                name = e.data.get("name") or ad.surface(e)
                pid = ids.local_id(ids.PERSON, ad.article.id, key)
                p = Person(pid, name, to_latin(name))
                out[key] = p
                person_ids[key] = pid
            p.surface.append(ad.surface(e))
            p.mentions.append(_span(ad, e))
            if e.data.get("author"):
                p.is_author = True
            for t in e.data.get("titles") or []:
                role = self._role(ad, t)
                same = next((r for r in p.roles if fold(r.title) == fold(role.title)), None)
                if same:
                    known = spans_of.setdefault(id(same), set(same.mentions))
                    for m in role.mentions:
                        if m not in known:
                            same.mentions.append(m)
                            known.add(m)
                else:
                    p.roles.append(role)
        for name in ad.extra.get("meta_authors", []):
            key = fold(name)
            if not any(fold(p.name) == key for p in out.values()):
                pid = ids.local_id(ids.PERSON, ad.article.id, key)
                out[key] = Person(pid, name, to_latin(name), [name], [], [], True)
                person_ids[key] = pid
        ext.persons = list(out.values())
        self.persons_by_key = out
        return person_ids

    # -- meetings -----------------------------------------------------------------
    def _meetings(self, ad: AnalysedDoc, ext: Extraction) -> None:
        drafts: list[MeetingDraft] = ad.extra.get("meetings", [])
        first_sent = min((t.sent for t in ad.tokens if ad.allowed[t.i]), default=0)
        lead_sents = {first_sent}
        single = sum(1 for d in drafts if not d.other) == 1
        drafts = sorted(drafts, key=lambda d: d.other)  # the meeting(s) the article is about first
        # what every meeting asks of the whole article, found once (an article may hold thousands)
        self.title_tokens = {k for t in ad.get("TITLE") for k in range(t.start, t.end)}
        self.city_ends = {c.end for c in ad.get("CITY")}
        self.dateline = [c for c in ad.get("CITY") if c.data.get("dateline")]
        self.lead_cities = [c for c in ad.get("CITY") if ad.tokens[c.start].sent in lead_sents]
        self.named_orgs: dict[int, set[str]] = {}  # per draft: the bodies its sentences name (not its people's)
        made = [self._meeting(ad, d, n, lead_sents, single) for n, d in enumerate(drafts)]
        by_draft = {id(d): m.id for d, m in zip(drafts, made, strict=True)}
        for d, m in zip(drafts, made, strict=True):
            m.part_of = by_draft.get(id(d.part_of)) if d.part_of is not None else None
            if d.session_of is not None and id(d.session_of) in by_draft:  # the body met at both ranks
                m.organisations = sorted(set(m.organisations) | self.named_orgs.get(id(d.session_of), set()))
        self._share_dates(made)
        ext.meetings.extend(made)

    @staticmethod
    def _share_dates(made: list[Meeting]) -> None:
        """Talks on the sidelines of a session are held while it sits: one of the two dated, the other
        takes its date ("التقى … بتاريخ 2024/5/14 على هامش اجتماعات المجلس")."""
        by_id = {m.id: m for m in made}
        for m in made:
            g = by_id.get(m.part_of) if m.part_of else None
            if g is None or m.status != g.status:
                continue
            if m.date_start is None and g.date_start is not None and g.date_end is None:
                m.date_start, m.date_text = g.date_start, g.date_text
            elif g.date_start is None and m.date_start is not None:
                g.date_start, g.date_text = m.date_start, m.date_text

    def _meeting(self, ad: AnalysedDoc, d: MeetingDraft, n: int, lead: set[int], single: bool) -> Meeting:
        primary = (single or n == 0) and not d.other  # the meeting the article is about
        city = self._venue(d, primary)
        date = d.date
        if date is None and primary:
            lead_dates = ad.in_sentences("DATE", lead)
            date = lead_dates[0] if lead_dates else None
        city_id = self.city_ids.get(city.key) if city is not None else None
        country = cities()[city.key].country if city is not None else self._venue_country(ad, d)
        parts = self._participants(ad, d)
        mcountries = self._meeting_countries(ad, d, parts)
        morgs = self._meeting_organisations(ad, d, parts)
        beside = d.part_of is not None and not (d.city_attached and d.city_first)  # held in the gathering's town
        if country and not d.fixed_persons and not beside and not self._at_seat(city, morgs):
            mcountries.add(country)  # the host; talks held in a third country's capital do not make it a party
        topics = sorted({t.key for t in (ad.get("TOPIC") if single else ad.in_sentences("TOPIC", d.sentences))})
        label = self._label(ad, d.mentions[0], d.named_by)
        dv = date.data.get("value") if date is not None else None
        end = date.data.get("end") if date is not None else None
        if dv and not end and d.duration and d.duration > 1:
            end = (dt.date.fromisoformat(dv) + dt.timedelta(days=d.duration - 1)).isoformat()
        return Meeting(
            id=ids.local_id(ids.MEETING, ad.article.id, str(n), label), label=label, type=d.type,
            ordinal=d.ordinal, city=city_id, country=country,
            date_start=dv, date_end=end, date_text=ad.surface(date) if date is not None else None,
            duration_days=d.duration or _days(dv, end), participants=list(parts.values()),
            organisations=sorted(morgs),
            countries=sorted(mcountries), topics=topics, mentions=[ad.span(m) for m in d.mentions],
            status="mentioned" if d.other else "planned" if d.future else "reported",
        )

    def _at_seat(self, city: Ent | None, orgs: set[str]) -> bool:
        """A body of no country meeting in the town of its seat (the League's council in Cairo, an EU council in
        Brussels): the town's country hosts the body, not the meeting; it takes part only through its people."""
        if city is None:
            return False
        town = cities()[city.key].name
        table = organisations()
        for oid in orgs:
            entry = table.get(self.org_keys.get(oid, ""))
            if entry is not None and entry.country is None and entry.hq == town:
                return True
        return False

    @staticmethod
    def _venue_country(ad: AnalysedDoc, d: MeetingDraft) -> str | None:
        """Without a city: the country the meeting's sentence places it in ("visit to Algeria",
        "في الجزائر", "talks in Morocco"), nearest the meeting word."""
        toks = ad.tokens
        words = ad.lang.word_set("venue_prepositions")
        best = None
        for trig in d.mentions[:1]:
            sent = toks[trig.start].sent
            for c in ad.in_sentence("COUNTRY", sent):
                if c.data.get("in_org"):
                    continue
                first = toks[c.start]
                glued = first.is_arabic and arabic.after_preposition(first.text) and "ب" in words
                if glued or (c.start > 0 and toks[c.start - 1].text in words):
                    if best is None or abs(c.start - trig.start) < abs(best.start - trig.start):
                        best = c
        return best.key if best is not None else None

    def _venue(self, d: MeetingDraft, primary: bool) -> Ent | None:
        """Where: a city right after a mention, else (for a meeting on the sidelines of another) the
        gathering's own city, else the dateline, else one in a mention's sentence, else (for the article's
        own meeting) one in the lead."""
        dateline, lead_cities = self.dateline, self.lead_cities
        city = d.city if d.city_attached and d.city_first else None
        g = d.part_of
        gathering = g.city if g is not None and g.city_attached and g.city is not None else None
        return city or gathering or (dateline[0] if dateline and primary else None) or d.city or (
            lead_cities[0] if lead_cities and primary else None)

    def _participants(self, ad: AnalysedDoc, d: MeetingDraft) -> dict[str, Participant]:
        """The meeting's people, each with the role of the title nearest the mention."""
        parts: dict[str, Participant] = {}
        for p in d.persons:
            person = self.persons_by_key.get(p.key)
            if person is None:
                continue
            near = p.data.get("near")
            role = self._role(ad, near) if near is not None else (person.roles[0] if person.roles else None)
            part = parts.get(person.id)
            if part is None:
                country = role.country if role else None
                if country is None:  # "الرئيس السيسي" here, "الرئيس المصري عبد الفتاح السيسي" in the lead
                    country = next((r.country for r in person.roles if r.country), None)
                if country is None and role is not None and role.org is None:
                    country = self._home_country(ad, role)
                part = Participant(person.id, role.title if role else None, role.org if role else None,
                                   country, [], role.title_en if role else None,
                                   side=d.sides.get(p.key))
                parts[person.id] = part
            part.mentions.append(ad.span(p))
        return parts

    def _home_country(self, ad: AnalysedDoc, role: Role) -> str | None:
        """"نواكشوط - … وزير الخارجية": a minister or president named by a bare title in a story
        datelined in a country is that country's own."""
        if not self.dateline or not role.title_en:
            return None
        head = role.title_en.casefold()
        if not any(head == t or head.startswith(t + " ") for t in ad.lang.word_set("national_titles")):
            return None
        return cities()[self.dateline[0].key].country

    def _meeting_organisations(self, ad: AnalysedDoc, d: MeetingDraft, parts: dict[str, Participant]) -> set[str]:
        """Organisations named in the meeting's sentences (not inside a title), and the participants'."""
        own = {p.org for p in parts.values() if p.org} | {self.org_id(ad, b) for b in d.bodies}
        if d.fixed_persons and not d.own_sentences:
            return own  # one of several encounters in a sentence: its own people's organisations only
        beside = self._gathering_words(ad, d)
        named = {self.org_id(ad, o) for o in ad.in_sentences("ORG", d.sentences)
                 if o.start not in self.title_tokens and in_clause(ad, d, o.start) and o.start not in beside
                 and self._can_take_part(o)
                 and "inside" not in o.data  # the League named inside "the League's Council": the council met
                 and not (self._venue_org(ad, o) and not self._hosts(ad, o, own))}
        self.named_orgs[id(d)] = named | self._bodies_of(named)
        return own | self.named_orgs[id(d)]

    @staticmethod
    def _venue_org(ad: AnalysedDoc, o: Ent) -> bool:
        """"بمقر الأمانة العامة للجامعة", "at the AU Headquarters", "au siège de l'UA": the body's house is
        where the meeting was held; the body is no party to it for that."""
        words = ad.lang.word_set("venue_org_words")
        if not words:
            return False
        toks = ad.tokens
        links = ad.lang.word_set("articles") | ad.lang.word_set("org_connectors")
        k = o.start - 1
        while k >= 0 and o.start - k <= 3 and toks[k].text in links:
            k -= 1  # "the headquarters of the", "siège de l'"
        before = k >= 0 and toks[k].sent == toks[o.start].sent and toks[k].text in words
        after = o.end < len(toks) and toks[o.end].text.casefold() in words
        return before or after

    def _hosts(self, ad: AnalysedDoc, o: Ent, own: set[str]) -> bool:
        """A body whose house the meeting was held in takes part when its own people hold it (INTERPOL's
        Secretary General receiving at the General Secretariat)."""
        oid = self.org_id(ad, o)
        entry = self.orgs.get(oid)
        return oid in own or (entry is not None and entry.parent in own)

    def _bodies_of(self, orgs: set[str]) -> set[str]:
        """The bodies named in the article that the meeting's organs belong to: a session of the League's
        council is the League's too."""
        out: set[str] = set()
        for oid in orgs:
            seen = set()
            o = self.orgs.get(oid)
            while o is not None and o.parent and o.parent not in seen:
                seen.add(o.parent)
                if o.parent in self.orgs:
                    out.add(o.parent)
                o = self.orgs.get(o.parent)
        return out

    def _meeting_countries(self, ad: AnalysedDoc, d: MeetingDraft, parts: dict[str, Participant]) -> set[str]:
        """Countries named in the meeting's sentences (not in a title, an organisation's name, after a city
        or a not-a-venue word), and the participants'."""
        own = {p.country for p in parts.values() if p.country} | set(d.countries)
        if d.fixed_persons and not d.own_sentences:
            return own  # one of several encounters in a sentence: its own people's countries only
        found = set()
        beside = self._gathering_words(ad, d)
        in_sentences = ad.in_sentences("COUNTRY", d.sentences)
        topics = self._topic_countries(ad, in_sentences)
        for c in in_sentences:
            if c.data.get("in_org") or c.start in self.title_tokens or c.start in beside or c.start in topics \
                    or c.start in d.handed_on or not in_clause(ad, d, c.start):
                continue  # … or the counterpart of an encounter split off this meeting
            if c.start in self.city_ends or self._after_not_venue(ad, c):
                continue
            found.add(c.key)
        return found | own

    @staticmethod
    def _topic_countries(ad: AnalysedDoc, named: list[Ent]) -> set[int]:
        """Where the countries a meeting talked about start: after a topic word ("تطورات الأوضاع في ليبيا
        والعراق", "the situation in Sudan and South Sudan"), and the list that follows it; after an agenda cue in
        their sentence ("ويتضمن جدول أعمال الدورة … السودان والصومال")."""
        words = ad.lang.word_set("topic_words")
        if not words:
            return set()
        toks = ad.tokens
        agenda = ad.lang.agenda_cues
        agenda_at: dict[int, int] = {}  # sentence → where its first agenda cue starts
        for k in sorted(ad.starts(agenda)):
            if agenda.match_at(toks, k):
                agenda_at.setdefault(toks[k].sent, k)
        joiners = ad.lang.word_set("and_words") | {",", "،"}
        out: set[int] = set()
        last_end = -1
        for c in sorted(named, key=lambda e: e.start):
            window = range(max(0, c.start - 3), c.start)
            cued = any(toks[k].text in words or any(v in words for v in toks[k].bare_variants) for k in window
                       if toks[k].sent == toks[c.start].sent)
            listed = last_end >= 0 and all(toks[k].text in joiners for k in range(last_end, c.start))
            on_agenda = agenda_at.get(toks[c.start].sent, c.start) < c.start  # "the agenda includes … Sudan"
            if cued or listed or on_agenda:
                out.add(c.start)
                last_end = c.end
            else:
                last_end = -1
        return out

    @staticmethod
    def _can_take_part(o: Ent) -> bool:
        """News agencies report meetings and ministries host them; neither is a party to it."""
        entry = organisations().get(o.key) if o.key else None
        if entry is not None and entry.type in ("media", "ministry"):
            return False
        return o.data.get("source") != "ministry"

    def _after_not_venue(self, ad: AnalysedDoc, c: Ent) -> bool:
        window = [ad.tokens[k].text for k in range(max(0, c.start - 3), c.start)]
        return any(w in ad.lang.not_venue_cues for w in window)

    @staticmethod
    def _label_end(ad: AnalysedDoc, trig: Ent) -> int:
        """Where the name a meeting word begins ends: up to nine words on, to a stop word or punctuation."""
        toks = ad.tokens
        end = trig.end
        while end < len(toks) and end - trig.end < 9 and toks[end].sent == toks[trig.start].sent \
                and any(ch.isalnum() for ch in toks[end].text) and toks[end].text not in ad.lang.name_stop:
            end += 1
        return end

    def _label(self, ad: AnalysedDoc, trig: Ent, named_by: tuple[int, Ent] | None = None) -> str:
        """The meeting word and the words that name it; a meeting with a name of its own ("the ASEAN
        Coordinating Council Meeting") is called by it."""
        toks = ad.tokens
        if named_by is not None:
            start, trig = named_by
            s, e = toks[start].start, toks[self._label_end(ad, trig) - 1].end
            return " ".join(ad.doc.text[s:e].split())
        s, e = toks[trig.start].start, toks[self._label_end(ad, trig) - 1].end
        return " ".join(ad.doc.text[s:e].split())

    def _gathering_words(self, ad: AnalysedDoc, d: MeetingDraft) -> set[int]:
        """The tokens naming the gathering a side meeting was held beside ("on the sidelines of the AU
        summit"): its bodies and countries are the gathering's, not the side meeting's."""
        g = d.part_of
        if g is None:
            return set()
        toks = ad.tokens
        out: set[int] = set()
        for m in g.mentions:
            cue = m.data.get("sidelines")
            if cue is None:
                continue
            end = m.end  # the gathering's name runs to the end of the clause: "… of the African Union,"
            while end < len(toks) and end - m.end < GATHERING_REACH and toks[end].sent == toks[m.start].sent \
                    and any(ch.isalnum() for ch in toks[end].text):
                end += 1
            out.update(range(cue.start, end))
        return out
