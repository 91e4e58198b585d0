"""A deterministic synthetic corpus of news articles about meetings, in Arabic, English and French.

    python benchmarks/generate.py --n 1000 --seed 1 --out corpus.jsonl

One JSON object a line: ``{"id", "title", "published", "lang", "text"}``. The same
``--n`` and ``--seed`` always give a byte-identical file: everything random comes from
one ``random.Random(seed)`` passed around, and every gazetteer list is sorted first.

Names of organisations, countries and cities come from the package's own gazetteers
(``graphbuild/data/organisations.yaml``, CLDR country names through Babel, GeoNames
cities from data/cities.tsv), loaded with ``graphbuild.reference``. Person
names are invented: a given name from a small pool and a family name built from
syllables, so they belong to nobody. Articles mix bilateral talks, summits with several
countries, phone calls, receptions, announced meetings and negatives (football, stock
market, weather), with ordinals, absolute and relative dates, and the noise of real
pages: breadcrumbs, bylines, "Read more" lines, share lines, non-breaking spaces,
tatweel, and truncated endings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from random import Random

LANG_WEIGHTS = (("ar", 4), ("en", 3), ("fr", 3))
KINDS = (("bilateral", 22), ("reception", 14), ("call", 12), ("summit", 16), ("announced", 10),
         ("football", 10), ("market", 9), ("weather", 7))
BASE_DATE = dt.date(2024, 1, 1)
NBSP = "\u00a0"
TATWEEL = "\u0640"

# ---------------------------------------------------------------------------
# invented people: given-name pools and family names from syllables

GIVEN = {
    "ar": {"m": ["محمد", "أحمد", "يوسف", "عمر", "خالد", "حسن", "كريم", "سمير", "نبيل", "طارق", "عادل", "هشام",
                 "إدريس", "أنس", "ياسين", "مراد", "رشيد", "جمال", "وليد", "فيصل", "ناصر", "إبراهيم", "مصطفى"],
           "f": ["فاطمة", "ليلى", "نادية", "أمينة", "سلمى", "مريم", "زينب", "سعاد", "رشيدة", "لطيفة", "إيمان",
                 "ياسمين", "هناء", "رانيا", "أمل", "وفاء", "منى"]},
    "en": {"m": ["Mohamed", "Ahmed", "Youssef", "Omar", "Khalid", "Hassan", "Karim", "Samir", "Nabil", "Tarek",
                 "Adel", "Hicham", "Driss", "Anas", "Yassine", "Mourad", "Rachid", "Jamal", "Walid", "Faisal",
                 "Nasser", "Ibrahim", "Javier", "Pablo", "Luis", "Miguel", "Peter", "David", "Thomas", "Marco",
                 "Luca", "Olivier", "Nicolas", "Laurent", "Andrew", "Richard"],
           "f": ["Fatima", "Leila", "Nadia", "Amina", "Salma", "Mariam", "Zineb", "Souad", "Rachida", "Latifa",
                 "Imane", "Yasmine", "Rania", "Amal", "Elena", "Carmen", "Isabel", "Sarah", "Anne", "Sophie",
                 "Catherine", "Emma"]},
}
GIVEN["fr"] = GIVEN["en"]
SYL_LATIN = ["bel", "ka", "mor", "ra", "ta", "lu", "din", "sa", "mi", "ren", "vo", "zal", "ner", "ha", "dou", "fi",
             "gar", "lem", "to", "ri", "an", "bou", "sel", "mar", "ti", "que", "nas", "ro", "vi", "del"]
SUFFIX_LATIN = ["i", "a", "o", "ani", "ini", "ez", "elli", "ar", "ouni", "ari", "en", "ov", "ine", "as", ""]
PARTICLE_LATIN = ["El ", "Ben ", "Ould ", "Al-", "Ait ", "de ", "van "]
SYL_AR = ["بر", "كا", "مو", "سا", "طا", "نو", "ري", "ها", "دا", "لي", "زو", "فا", "قا", "جو", "عا", "صا", "شا",
          "غا", "نا", "را", "تو", "با"]
SUFFIX_AR = ["ي", "وني", "ري", "يني", "دي", "مي"]


@dataclass
class Person:
    given: str
    family: str
    gender: str  # m | f

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"


def invent_person(rng: Random, lang: str) -> Person:
    gender = "f" if rng.random() < 0.3 else "m"
    given = rng.choice(GIVEN[lang][gender])
    if lang == "ar":
        family = "ال" + "".join(rng.choice(SYL_AR) for _ in range(rng.randint(1, 2))) + rng.choice(SUFFIX_AR)
    else:
        family = "".join(rng.choice(SYL_LATIN) for _ in range(rng.randint(2, 3))) + rng.choice(SUFFIX_LATIN)
        family = family.capitalize()
        if rng.random() < 0.12:
            family = rng.choice(PARTICLE_LATIN) + family
    return Person(given, family, gender)


# ---------------------------------------------------------------------------
# gazetteers, from the package

@dataclass
class Gazetteer:
    countries: list[str]                          # ISO codes with names in ar/en/fr
    names: dict[str, dict[str, str]]              # iso → lang → name
    adjectives: dict[str, dict[str, list[str]]]   # iso → lang → [masc, fem, …]
    actors: list[str]                             # countries with adjectives in all three languages
    cities: dict[str, list[tuple[str, str]]]      # iso → [(latin name, arabic name)], biggest first
    orgs: list[dict[str, list[str]]]              # international bodies: lang → surface forms
    national_orgs: dict[str, list[dict[str, list[str]]]] = field(default_factory=dict)


def load_gazetteer() -> Gazetteer:
    from graphbuild import reference as resources

    names = {}
    for iso, entry in sorted(resources.countries().items()):
        if all(entry.names.get(lang) for lang in ("ar", "en", "fr")):
            names[iso] = dict(entry.names)
    adjectives: dict[str, dict[str, list[str]]] = {}
    tsv = importlib_resources.files("graphbuild").joinpath("data", "country_adjectives.tsv").read_text("utf-8")
    for line in tsv.splitlines()[1:]:
        iso, lang, form, kind = line.split("\t")
        if kind == "adj" and iso in names:
            adjectives.setdefault(iso, {}).setdefault(lang, []).append(form)
    actors = sorted(iso for iso, by_lang in adjectives.items()
                    if all(len(by_lang.get(lang, [])) >= (1 if lang == "en" else 2) for lang in ("ar", "en", "fr")))
    cities: dict[str, list[tuple[int, int, str, str]]] = {}
    for gid, c in sorted(resources.cities().items()):
        if c.country in names and _good_arabic(c.name_ar) and c.name.isascii() and c.population >= 100_000:
            cities.setdefault(c.country, []).append((-c.population, gid, c.name, c.name_ar))
    city_lists = {iso: [(n, a) for _, _, n, a in sorted(v)[:6]] for iso, v in sorted(cities.items())}
    actors = [iso for iso in actors if iso in city_lists]
    rows = resources.load_yaml(
        importlib_resources.files("graphbuild").joinpath("data", "organisations.yaml").read_text("utf-8")) or []
    orgs, national = [], {}
    for r in rows:
        forms = {}
        for lang in ("ar", "en", "fr"):
            main = r.get(lang) or (r.get("en") if lang != "ar" else None)
            aliases = [str(a) for a in ((r.get("aliases") or {}).get(lang) or [])]
            forms[lang] = [str(main)] * 3 + aliases if main else aliases
        if not all(forms.values()):
            continue
        if r.get("type") in ("international", "regional") and not r.get("country"):
            orgs.append(forms)
        elif r.get("country") in names:
            national.setdefault(r["country"], []).append(forms)
    return Gazetteer(sorted(names), names, adjectives, actors, city_lists, orgs,
                     {k: national[k] for k in sorted(national)})


def _good_arabic(name: str | None) -> bool:
    """GeoNames' first Arabic-script alternate name is sometimes Uyghur (ئالجىر) or broken (د مشق): skip those."""
    if not name:
        return False
    words = name.split()
    return all(len(w) > 1 for w in words) and not name.startswith("ئ") and "ى" not in name[:-1] \
        and not any(ch in name for ch in "ەۆێڵڕ")


# ---------------------------------------------------------------------------
# per-language wording

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
           "ديسمبر"],
}
MONTHS_MAGHREB = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر",
                  "دجنبر"]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
}
ORDINAL_WORDS = {
    "en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
           "eleventh", "twelfth"],
    "fr": ["première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
           "neuvième", "dixième", "onzième", "douzième"],
    "ar": ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
           "العاشرة"],
}
# (en title, en portfolio, fr portfolio, ar portfolio, topic words en/fr/ar)
PORTFOLIOS = [
    ("foreign", "Foreign Affairs", "des Affaires étrangères", "الخارجية"),
    ("interior", "the Interior", "de l'Intérieur", "الداخلية"),
    ("energy", "Energy", "de l'Énergie", "الطاقة"),
    ("trade", "Trade", "du Commerce", "التجارة"),
    ("health", "Health", "de la Santé", "الصحة"),
    ("agriculture", "Agriculture", "de l'Agriculture", "الفلاحة"),
    ("finance", "Finance", "des Finances", "المالية"),
    ("tourism", "Tourism", "du Tourisme", "السياحة"),
    ("transport", "Transport", "des Transports", "النقل"),
    ("defence", "Defence", "de la Défense", "الدفاع"),
    ("justice", "Justice", "de la Justice", "العدل"),
    ("water", "Water", "de l'Eau", "المياه"),
]
TOPICS = {
    "en": ["migration", "trade", "investment", "renewable energy", "security", "counter-terrorism", "water",
           "health", "agriculture", "tourism", "climate change", "organised crime", "cybersecurity", "education"],
    "fr": ["la migration", "le commerce", "l'investissement", "les énergies renouvelables", "la sécurité",
           "la lutte contre le terrorisme", "l'eau", "la santé", "l'agriculture", "le tourisme",
           "le changement climatique", "la criminalité organisée", "la cybersécurité", "l'éducation"],
    "ar": ["الهجرة", "التجارة", "الاستثمار", "الطاقات المتجددة", "الأمن", "مكافحة الإرهاب", "المياه", "الصحة",
           "الفلاحة", "السياحة", "التغير المناخي", "الجريمة المنظمة", "الأمن السيبراني", "التعليم"],
}
READ_MORE = {"en": ["Read more: ", "Read also: ", "Related: "],
             "fr": ["Lire aussi : ", "Lire aussi\u00a0: ", "À lire : "],
             "ar": ["اقرأ أيضا: ", "اقرأ أيضاً: ", "إقرأ أيضا: "]}
SHARE = {"en": "Share this: Facebook Twitter WhatsApp Copy link", "fr": "Partager : Facebook Twitter WhatsApp",
         "ar": "شارك: فيسبوك تويتر واتساب نسخ الرابط"}
CRUMBS = {"en": ["Home > World > ", "News > Politics > ", "Home > Business > "],
          "fr": ["Accueil » Monde » ", "Accueil » Politique » ", "Accueil » Économie » "],
          "ar": ["الرئيسية » سياسة » ", "الرئيسية » دولي » ", "الرئيسية » اقتصاد » "]}
AGENCY = {"en": "(SNW)", "fr": "(ASN)", "ar": "(و.أ.ت)"}
CURRENCY = {"en": "billion dollars", "fr": "milliards de dollars", "ar": "مليار دولار"}


# ---------------------------------------------------------------------------
# the writer

class Writer:
    """Writes one article; every choice comes from ``self.rng``."""

    def __init__(self, rng: Random, gaz: Gazetteer):
        self.rng = rng
        self.gaz = gaz

    # -- small pieces -------------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def country_name(self, iso: str, lang: str) -> str:
        return self.gaz.names[iso][lang]

    def adj(self, iso: str, lang: str, fem: bool = False) -> str:
        forms = self.gaz.adjectives[iso][lang]
        masc = forms[0]
        if not fem or lang == "en":
            return masc
        if lang == "ar":
            return masc + "ة" if masc + "ة" in forms else masc
        for f in (masc + "e", masc + "ne"):
            if f in forms:
                return f
        return masc

    def city(self, iso: str, lang: str) -> str:
        latin, arabic = self.gaz.cities[iso][min(int(self.rng.expovariate(1.2)), len(self.gaz.cities[iso]) - 1)]
        return arabic if lang == "ar" else latin

    def name(self, p: Person, lang: str, honorific: bool = True) -> str:
        sep = NBSP if self.rng.random() < 0.06 else " "
        full = f"{p.given}{sep}{p.family}"
        if honorific and lang == "fr" and self.rng.random() < 0.4:
            return ("Mme" if p.gender == "f" else "M.") + NBSP + full
        if honorific and lang == "en" and self.rng.random() < 0.15:
            return ("Ms. " if p.gender == "f" else "Mr. ") + full
        if honorific and lang == "ar" and self.rng.random() < 0.2:
            return ("السيدة " if p.gender == "f" else "السيد ") + full
        return full

    def short(self, p: Person, lang: str) -> str:
        if lang == "fr":
            return ("Mme " if p.gender == "f" else "M. ") + p.family
        if lang == "en" and self.rng.random() < 0.5:
            return ("Ms. " if p.gender == "f" else "Mr. ") + p.family
        return p.family

    def minister(self, p: Person, iso: str, port: tuple, lang: str) -> str:
        """A person with a minister's title, in one of the usual orders."""
        r = self.rng.random()
        fem = p.gender == "f"
        if lang == "en":
            if r < 0.5:
                return f"{self.adj(iso, 'en')} {port[0].capitalize()} Minister {self.name(p, lang, False)}"
            if r < 0.8:
                return f"{self.name(p, lang)}, {self.country_name(iso, 'en')}'s minister of {port[1]},"
            return f"{self.name(p, lang)}, the {self.adj(iso, 'en')} {port[0]} minister,"
        if lang == "fr":
            article = "la" if fem else "le"
            if r < 0.6:
                return f"{article} ministre {self.adj(iso, 'fr', fem)} {port[2]}, {self.name(p, lang)},"
            return f"{self.name(p, lang)}, ministre {port[2]} {self._fr_of(iso)},"
        title = ("وزيرة " if fem else "وزير ") + port[3]
        if r < 0.6:
            return f"{title} {self.adj(iso, 'ar', fem)} {self.name(p, lang, False)}"
        return f"{self.name(p, lang)}، {title} {self.adj(iso, 'ar', fem)}،"

    def _fr_of(self, iso: str) -> str:
        name = self.country_name(iso, "fr")
        return f"d'{name}" if name[:1].lower() in "aeiouéèêîôâ" else f"de {name}"

    def date_phrase(self, lang: str, published: dt.date) -> tuple[str, dt.date]:
        """An absolute or relative date, and the day it means."""
        r = self.rng.random()
        if r < 0.4:
            day = published - dt.timedelta(days=self.rng.randint(0, 4))
            return self._absolute(day, lang), day
        if r < 0.65:
            day = published - dt.timedelta(days=1)
            return {"en": "yesterday", "fr": "hier",
                    "ar": f"أمس {WEEKDAYS['ar'][day.weekday()]}"}[lang], day
        if r < 0.8:
            return {"en": "this morning", "fr": "ce matin", "ar": "صباح اليوم"}[lang], published
        day = published - dt.timedelta(days=self.rng.randint(1, 5))
        wd = WEEKDAYS[lang][day.weekday()]
        return {"en": f"on {wd}", "fr": wd, "ar": f"يوم {wd}"}[lang], day

    def _absolute(self, day: dt.date, lang: str) -> str:
        if lang == "en":
            return f"on {day.day} {MONTHS['en'][day.month - 1]} {day.year}" if self.rng.random() < 0.5 \
                else f"on {MONTHS['en'][day.month - 1]} {day.day}, {day.year}"
        if lang == "fr":
            d = "1er" if day.day == 1 else str(day.day)
            return f"le {d}{NBSP if self.rng.random() < 0.3 else ' '}{MONTHS['fr'][day.month - 1]} {day.year}"
        months = MONTHS_MAGHREB if self.rng.random() < 0.35 else MONTHS["ar"]
        return f"يوم {WEEKDAYS['ar'][day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"

    def ordinal(self, n: int, lang: str, noun: str) -> str:
        """'the 5th session', 'la cinquième session', 'الدورة الخامسة' (noun already in the language)."""
        words = self.rng.random() < 0.5 and n <= len(ORDINAL_WORDS[lang])
        if lang == "en":
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"the {ORDINAL_WORDS['en'][n - 1] if words else f'{n}{suffix}'} {noun}"
        if lang == "fr":
            return f"la {ORDINAL_WORDS['fr'][n - 1] if words else (f'{n}e' if n > 1 else '1re')} {noun}"
        return f"{noun} {ORDINAL_WORDS['ar'][n - 1]}" if words else f"{noun} الـ{n}"

    def topics(self, lang: str, k: int) -> str:
        picked = self.rng.sample(TOPICS[lang], k)
        if lang == "en":
            return ", ".join(picked[:-1]) + " and " + picked[-1]
        if lang == "fr":
            return ", ".join(picked[:-1]) + " et " + picked[-1]
        return "، ".join(picked[:-1]) + " و" + picked[-1]

    def join_countries(self, isos: list[str], lang: str) -> str:
        names = [self.country_name(i, lang) for i in isos]
        if lang == "ar":
            return "، ".join(names[:-1]) + " و" + names[-1]
        return ", ".join(names[:-1]) + (" and " if lang == "en" else " et ") + names[-1]

    def org(self, lang: str) -> str:
        return self.pick(self.pick(self.gaz.orgs)[lang])

    def headline(self, lang: str) -> str:
        """A headline for a 'Read more' line: a short unrelated story."""
        iso = self.pick(self.gaz.actors)
        city = self.city(iso, lang)
        return self.pick({
            "en": [f"Heavy rain expected in {city} this weekend", f"{city} hosts regional book fair",
                   f"Fuel prices unchanged in {self.country_name(iso, 'en')}", f"New metro line opens in {city}"],
            "fr": [f"Fortes pluies attendues à {city} ce week-end", f"{city} accueille un salon du livre",
                   f"Carburant : les prix inchangés ({self.country_name(iso, 'fr')})",
                   f"Une nouvelle ligne de tram à {city}"],
            "ar": [f"أمطار غزيرة مرتقبة في {city} نهاية الأسبوع", f"{city} تحتضن معرضا للكتاب",
                   f"استقرار أسعار المحروقات في {self.country_name(iso, 'ar')}", f"افتتاح خط ترامواي جديد في {city}"],
        }[lang])

    def tatweel(self, text: str) -> str:
        words = text.split(" ")
        cands = [i for i, w in enumerate(words) if len(w) >= 4 and all("\u0621" <= c <= "\u064a" for c in w)
                 and w[-2] not in "اأإآدذرزوؤءة" and w[-1] not in "ة"]
        if cands:
            i = self.pick(cands)
            w = words[i]
            words[i] = w[:-1] + TATWEEL * self.rng.randint(1, 3) + w[-1]
        return " ".join(words)

    # -- article kinds ---------------------------------------------------------------
    def two_countries(self) -> tuple[str, str]:
        a, b = self.rng.sample(self.gaz.actors, 2)
        return a, b

    def bilateral(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        host, guest = self.two_countries()
        port = self.pick(PORTFOLIOS)
        pa, pb = invent_person(self.rng, lang), invent_person(self.rng, lang)
        city = self.city(host, lang)
        when, _ = self.date_phrase(lang, published)
        k = self.rng.randint(2, 3)
        if lang == "en":
            title = (f"{self.country_name(host, 'en')} and {self.country_name(guest, 'en')} discuss {port[0]} "
                     f"cooperation")
            lead = (f"{self.minister(pa, host, port, lang)} held talks in {city} {when} with {_pron(pa)} "
                    f"{self.adj(guest, 'en')} counterpart {self.name(pb, lang)}, who is on a working visit, "
                    f"focusing on {self.topics(lang, k)}.")
            more = [f"{self.short(pa, lang)} told reporters after the meeting that relations between the two "
                    f"countries were \"at their best level in years\".",
                    f"{self.short(pb, lang)} said {self.country_name(guest, 'en')} valued the role of "
                    f"{self.country_name(host, 'en')} in regional stability."]
        elif lang == "fr":
            title = f"{self.country_name(host, 'fr')}-{self.country_name(guest, 'fr')} : entretiens sur la coopération"
            lead = (f"{_cap(self.minister(pa, host, port, lang))} s'est entretenu {when} à {city} avec son "
                    f"homologue {self.adj(guest, 'fr', pb.gender == 'f')}, {self.name(pb, lang)}, en visite de "
                    f"travail, pour des discussions portant sur {self.topics(lang, k)}.")
            more = [f"{self.short(pa, lang)} a souligné que les relations entre les deux pays étaient "
                    f"«{NBSP}au beau fixe{NBSP}».",
                    f"De son côté, {self.short(pb, lang)} a salué le rôle {self._fr_of(host)} dans la stabilité "
                    f"régionale."]
        else:
            title = f"مباحثات {self.adj(host, 'ar', True)} {self.adj(guest, 'ar', True)} حول تعزيز التعاون"
            verb = "أجرت" if pa.gender == "f" else "أجرى"
            lead = (f"{verb} {self.minister(pa, host, port, lang).rstrip('،')}، {when} ب{city}، مباحثات مع "
                    f"{'نظيرتها' if pa.gender == 'f' else 'نظيره'} {self.adj(guest, 'ar', pb.gender == 'f')} "
                    f"{self.name(pb, lang, False)}، الذي يقوم بزيارة عمل، تناولت {self.topics(lang, k)}.")
            more = [f"وقال {pb.family}، في ندوة صحافية مشتركة عقب اللقاء، إن العلاقات بين البلدين \"تعيش مرحلة "
                    f"غير مسبوقة\".",
                    f"من جانبه، أكد {pa.family} أن {self.country_name(host, 'ar')} تعتبر "
                    f"{self.country_name(guest, 'ar')} شريكا أساسيا."]
        return title, [lead] + more

    def reception(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        host, guest = self.two_countries()
        port = self.pick(PORTFOLIOS)
        pa, pb = invent_person(self.rng, lang), invent_person(self.rng, lang)
        extra = invent_person(self.rng, lang)
        city = self.city(host, lang)
        when, _ = self.date_phrase(lang, published)
        if lang == "en":
            title = f"{self.adj(host, 'en')} minister receives {self.adj(guest, 'en')} ambassador"
            lead = (f"{self.minister(pa, host, port, lang)} received {when} at the ministry's headquarters in {city} "
                    f"the ambassador of {self.country_name(guest, 'en')}, {self.name(pb, lang)}, in the presence "
                    f"of the secretary general of the ministry, {self.name(extra, lang)}.")
            more = [f"The meeting reviewed cooperation in {self.topics(lang, 2)}, the ministry said in a statement."]
        elif lang == "fr":
            title = (f"{self.country_name(host, 'fr')} : {self.short(pa, lang)} reçoit l'ambassadeur "
                     f"{self._fr_of(guest)}")
            lead = (f"{_cap(self.minister(pa, host, port, lang))} a reçu {when} au siège du ministère à "
                    f"{city} l'ambassadeur {self._fr_of(guest)}, {self.name(pb, lang)}, en présence du secrétaire "
                    f"général du ministère, {self.name(extra, lang)}.")
            more = [f"L'audience a porté sur {self.topics(lang, 2)}, indique un communiqué du ministère."]
        else:
            title = self.tatweel(f"{'وزيرة' if pa.gender == 'f' else 'وزير'} {port[3]} "
                                 f"{self.adj(host, 'ar', pa.gender == 'f')} "
                                 f"{'تستقبل' if pa.gender == 'f' else 'يستقبل'} سفير {self.country_name(guest, 'ar')}")
            verb = "استقبلت" if pa.gender == "f" else "استقبل"
            lead = (f"{verb} {self.minister(pa, host, port, lang).rstrip('،')}، {when} بمقر الوزارة في {city}، سفير "
                    f"{self.country_name(guest, 'ar')} {self.name(pb, lang, False)}، بحضور الكاتب العام للوزارة "
                    f"{self.name(extra, lang, False)}.")
            more = [f"وتناول اللقاء سبل تطوير التعاون في مجالات {self.topics(lang, 2)}، حسب بلاغ للوزارة."]
        return title, [lead] + more

    def call(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        host, guest = self.two_countries()
        port = self.pick(PORTFOLIOS)
        pa, pb = invent_person(self.rng, lang), invent_person(self.rng, lang)
        when, _ = self.date_phrase(lang, published)
        if lang == "en":
            title = f"{self.adj(host, 'en')} and {self.adj(guest, 'en')} ministers speak by phone"
            lead = (f"{self.minister(pa, host, port, lang)} received a phone call {when} from {_pron(pa)} "
                    f"{self.adj(guest, 'en')} counterpart {self.name(pb, lang)}.")
            more = [f"The two ministers reviewed bilateral relations and ways to strengthen them in "
                    f"{self.topics(lang, 2)}."]
        elif lang == "fr":
            title = f"{self.short(pa, lang)} reçoit un appel téléphonique de son homologue {self.adj(guest, 'fr')}"
            lead = (f"{_cap(self.minister(pa, host, port, lang))} a reçu {when} un appel téléphonique de son "
                    f"homologue {self.adj(guest, 'fr', pb.gender == 'f')}, {self.name(pb, lang)}, indique un "
                    f"communiqué du ministère.")
            more = [f"Les deux ministres ont passé en revue l'état des relations bilatérales, notamment sur "
                    f"{self.topics(lang, 2)}."]
        else:
            title = self.tatweel(f"اتصال هاتفي بين وزيري {port[3]} {self.adj(host, 'ar')} و{self.adj(guest, 'ar')}")
            verb = "تلقت" if pa.gender == "f" else "تلقى"
            lead = (f"{verb} {self.minister(pa, host, port, lang).rstrip('،')}، {when}، اتصالا هاتفيا من "
                    f"{'نظيرتها' if pa.gender == 'f' else 'نظيره'} {self.adj(guest, 'ar', pb.gender == 'f')} "
                    f"{self.name(pb, lang, False)}.")
            more = [f"وجرى خلال الاتصال استعراض العلاقات الثنائية وسبل تعزيزها في مجالات {self.topics(lang, 2)}."]
        return title, [lead] + more

    def summit(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        k = self.rng.randint(3, 7)
        isos = self.rng.sample(self.gaz.actors, k)
        host = isos[0]
        city = self.city(host, lang)
        n = self.rng.randint(1, 40)
        org = self.org(lang)
        when, _ = self.date_phrase(lang, published)
        days = self.rng.randint(1, 3)
        port = self.pick(PORTFOLIOS)
        people = [(invent_person(self.rng, lang), iso) for iso in isos[:self.rng.randint(2, min(k, 5))]]
        absent = invent_person(self.rng, lang) if self.rng.random() < 0.3 else None
        if lang == "en":
            noun = self.pick(["session", "summit", "ministerial meeting", "conference"])
            title = f"{org} {noun} opens in {city}"
            lead = (f"{_cap(self.ordinal(n, lang, noun))} of the {org} opened in {city} {when}, bringing "
                    f"together ministers from {self.join_countries(isos, lang)} for {days} day{'s' * (days > 1)}.")
            more = [f"The meeting was attended by {self.minister(p, iso, port, lang).rstrip(',')}."
                    for p, iso in people]
            if absent:
                more.append(f"{self.name(absent, lang)}, the {self.adj(isos[-1], 'en')} minister, did not attend.")
        elif lang == "fr":
            noun = self.pick(["session", "réunion", "conférence", "réunion ministérielle"])
            title = f"Ouverture à {city} de la {noun} de {org}"
            lead = (f"{_cap(self.ordinal(n, lang, noun))} de {org} s'est ouverte {when} à {city}, avec la "
                    f"participation de ministres de {self.join_countries(isos, lang)}, pour une durée de "
                    f"{['un', 'deux', 'trois'][days - 1]} jour{'s' * (days > 1)}.")
            more = [f"Ont notamment pris part à la réunion {self.minister(p, iso, port, lang).rstrip(',')}."
                    for p, iso in people]
            if absent:
                more.append(f"En l'absence du ministre {self.adj(isos[-1], 'fr')}, {self.name(absent, lang)}, "
                            f"son pays était représenté par un délégué.")
        else:
            noun = self.pick(["الدورة", "القمة", "الدورة العادية"])
            title = self.tatweel(f"انطلاق أشغال {noun} في {city} بمشاركة {k} دول")
            nth = self.ordinal(min(n, 10) if n > 10 and self.rng.random() < 0.5 else n, lang, noun)
            lead = (f"انطلقت {when} في {city} أشغال {nth} "
                    f"لـ{org}، بمشاركة وزراء من {self.join_countries(isos, lang)}، وتستمر "
                    f"{['يوما واحدا', 'يومين', 'ثلاثة أيام'][days - 1]}.")
            more = [f"{'وشاركت' if p.gender == 'f' else 'وشارك'} في الاجتماع "
                    f"{self.minister(p, iso, port, lang).rstrip('،')}."
                    for p, iso in people]
            if absent:
                more.append(f"وتغيب عن الاجتماع {self.name(absent, lang, False)} لالتزامات مسبقة.")
        return title, [lead] + more

    def announced(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        host, guest = self.two_countries()
        port = self.pick(PORTFOLIOS)
        pa, pb = invent_person(self.rng, lang), invent_person(self.rng, lang)
        city = self.city(host, lang)
        n = self.rng.randint(2, 12)
        day = published + dt.timedelta(days=self.rng.randint(2, 20))
        absolute = self.rng.random() < 0.5
        if lang == "en":
            when = self._absolute(day, lang) if absolute else "next week"
            title = f"{self.country_name(host, 'en')} to host joint committee with {self.country_name(guest, 'en')}"
            lead = (f"{self.minister(pa, host, port, lang)} and {self.adj(guest, 'en')} {port[0].capitalize()} "
                    f"Minister {self.name(pb, lang, False)} will meet in {city} {when} for "
                    f"{self.ordinal(n, lang, 'session')} of the joint committee.")
            more = [f"The meeting is expected to focus on {self.topics(lang, 2)}."]
        elif lang == "fr":
            when = self._absolute(day, lang) if absolute else "la semaine prochaine"
            title = (f"La commission mixte {self.country_name(host, 'fr')}-{self.country_name(guest, 'fr')} "
                     f"se réunira à {city}")
            lead = (f"{_cap(self.minister(pa, host, port, lang))} et son homologue "
                    f"{self.adj(guest, 'fr', pb.gender == 'f')}, {self.name(pb, lang)}, se réuniront {when} à {city} "
                    f"pour {self.ordinal(n, lang, 'session')} de la commission mixte.")
            more = [f"Cette session devrait porter sur {self.topics(lang, 2)}."]
        else:
            when = self._absolute(day, lang) if absolute else "الأسبوع المقبل"
            title = self.tatweel(f"{city} تحتضن اجتماع اللجنة المشتركة {self.adj(host, 'ar', True)} "
                                 f"{self.adj(guest, 'ar', True)}")
            lead = (f"يعقد {self.minister(pa, host, port, lang)} و{'نظيرته' if pa.gender == 'f' else 'نظيره'} "
                    f"{self.adj(guest, 'ar', pb.gender == 'f')} {self.name(pb, lang, False)} {when} في {city} "
                    f"{self.ordinal(min(n, 10), lang, 'الدورة')} للجنة المشتركة.")
            more = [f"ومن المرتقب أن يتناول الاجتماع قضايا {self.topics(lang, 2)}."]
        return title, [lead] + more

    def football(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        iso = self.pick(self.gaz.actors)
        ca, cb = self.city(iso, "en"), self.city(iso, lang)
        coach = invent_person(self.rng, lang)
        ga, gb = self.rng.randint(0, 4), self.rng.randint(0, 4)
        day = WEEKDAYS[lang][self.rng.randint(0, 6)]
        if lang == "en":
            a, b = f"Athletic {ca}", f"{cb} United"
            title = f"{a} and {b} draw in derby" if ga == gb else f"{a} beat {b} in derby"
            body = [f"{a} met their old rivals {b} on {day} at the municipal stadium in front of 40,000 fans, "
                    f"in a derby that ended {ga}-{gb}.",
                    f"The coach, {self.name(coach, lang, False)}, told a news conference after the match that his "
                    f"players would meet again next week for the cup."]
        elif lang == "fr":
            a, b = f"Olympique de {ca}", f"Union sportive de {cb}"
            title = f"Derby : {a} et {b} se neutralisent" if ga == gb else f"Derby : {a} s'impose"
            body = [f"La rencontre entre {a} et {b}, disputée {day} au stade municipal, s'est terminée sur le "
                    f"score de {ga} à {gb} devant des supporters enthousiastes.",
                    f"L'entraîneur {self.name(coach, lang, False)} a déclaré en conférence de presse que son équipe "
                    f"se retrouverait la semaine prochaine pour la 22e journée du championnat."]
        else:
            a, b = f"نادي {cb}", f"الاتحاد الرياضي {self.city(iso, 'ar')}"
            title = self.tatweel(f"ديربي مثير بين {a} و{b}")
            body = [f"انتهت مباراة الديربي التي جمعت بين {a} و{b}، يوم {day} بالملعب البلدي، بنتيجة {ga} مقابل {gb}.",
                    f"وقال المدرب {self.name(coach, lang, False)} في ندوة صحافية عقب المباراة إن اللقاء المقبل "
                    f"في الدوري سيكون حاسما."]
        return title, body

    def market(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        iso = self.pick(self.gaz.actors)
        city = self.city(iso, lang)
        pct = f"{self.rng.randint(0, 3)}.{self.rng.randint(0, 99):02d}"
        n = self.rng.randint(2, 5)
        if lang == "en":
            title = f"{city} stock exchange ends week {'higher' if self.rng.random() < 0.5 else 'lower'}"
            body = [f"The {city} stock exchange closed the week up {pct} percent, after "
                    f"{self.ordinal(n, lang, 'session')} "
                    f"of gains, meeting analysts' expectations.",
                    f"Trading volume reached {self.rng.randint(100, 900)} million, the exchange said in a statement."]
        elif lang == "fr":
            title = f"La Bourse de {city} termine la semaine en {'hausse' if self.rng.random() < 0.5 else 'baisse'}"
            body = [f"La Bourse de {city} a clôturé la semaine sur une variation de {pct.replace('.', ',')} %, "
                    f"après {self.ordinal(n, lang, 'séance')} consécutive, atteignant les objectifs des analystes.",
                    f"Le volume des échanges a atteint {self.rng.randint(100, 900)} millions, selon un communiqué."]
        else:
            title = self.tatweel(f"بورصة {city} تنهي الأسبوع على {'ارتفاع' if self.rng.random() < 0.5 else 'انخفاض'}")
            body = [f"أنهت بورصة {city} تداولات الأسبوع بتغير نسبته {pct} في المائة، خلال "
                    f"{self.ordinal(n, lang, 'الجلسة')} "
                    f"على التوالي.",
                    f"وبلغ حجم التداول {self.rng.randint(100, 900)} مليون، حسب بلاغ للبورصة."]
        return title, body

    def weather(self, lang: str, published: dt.date) -> tuple[str, list[str]]:
        iso = self.pick(self.gaz.actors)
        c1, c2 = self.city(iso, lang), self.city(iso, lang)
        t = self.rng.randint(12, 46)
        if lang == "en":
            title = f"Heatwave expected in {self.country_name(iso, 'en')}"
            body = [f"Temperatures will reach {t} degrees in {c1} and {c2} tomorrow, the national weather service "
                    f"said, where warm winds meet humid air from the sea."]
        elif lang == "fr":
            title = f"Vague de chaleur : {self.country_name(iso, 'fr')} en alerte"
            body = [f"Les températures atteindront {t} degrés à {c1} et à {c2} demain, selon la météorologie "
                    f"nationale, à la rencontre des vents chauds et de l'air humide."]
        else:
            title = self.tatweel(f"موجة حر مرتقبة في {self.country_name(iso, 'ar')}")
            body = [f"توقعت مصلحة الأرصاد الجوية أن تصل درجات الحرارة غدا إلى {t} درجة في {c1} و{c2} بسبب التقاء "
                    f"الرياح الحارة بالهواء الرطب."]
        return title, body

    def fillers(self, lang: str, k: int) -> list[str]:
        """``k`` different background sentences (trade figures, agreements, quotes, context)."""
        a, b = self.two_countries()
        x, y = self.rng.randint(2, 40), self.rng.randint(3, 60)
        spokes, leader = invent_person(self.rng, lang), invent_person(self.rng, lang)
        year = self.rng.randint(2015, 2023)
        city = self.city(a, lang)
        pool = {
            "en": [f"Trade between {self.country_name(a, 'en')} and {self.country_name(b, 'en')} reached {x} "
                   f"{CURRENCY['en']} last year, according to official figures.",
                   f"Both sides agreed to speed up projects in {self.topics('en', 2)} and to keep regular "
                   f"consultations.",
                   "Officials said a memorandum of understanding would be signed before the end of the year.",
                   f"The two countries signed a framework agreement in {city} in {year}, covering "
                   f"{self.topics('en', 3)}.",
                   f"\"We want to double our exchanges within {self.rng.randint(3, 10)} years,\" the spokesperson, "
                   f"{self.name(spokes, 'en', False)}, said in a statement.",
                   f"Investment flows rose by {y} percent over the period, the central bank said.",
                   f"Analysts expect the talks to pave the way for a visit by the head of government of "
                   f"{self.country_name(b, 'en')} later this year.",
                   "The talks were held behind closed doors and no joint statement was issued.",
                   f"The visit follows a message from President {self.name(leader, 'en', False)} of "
                   f"{self.country_name(b, 'en')}, who praised the \"strategic partnership\" between the two nations.",
                   f"According to the ministry, {self.rng.randint(2, 9)} agreements in {self.topics('en', 2)} are "
                   f"being prepared and could be signed at the next meeting of the joint committee.",
                   f"Opposition lawmakers in {city} criticised the cost of the programme, estimated at {y} million "
                   f"dollars, and asked for a parliamentary debate."],
            "fr": [f"Les échanges entre {self.country_name(a, 'fr')} et {self.country_name(b, 'fr')} ont atteint {x} "
                   f"{CURRENCY['fr']} l'an dernier, selon les chiffres officiels.",
                   f"Les deux parties ont convenu d'accélérer les projets concernant {self.topics('fr', 2)}.",
                   "Un protocole d'accord devrait être signé avant la fin de l'année, selon une source proche du "
                   "dossier.",
                   f"Les deux pays avaient signé un accord-cadre à {city} en {year}, couvrant {self.topics('fr', 3)}.",
                   f"«{NBSP}Nous voulons doubler nos échanges d'ici {self.rng.randint(3, 10)} ans{NBSP}», a déclaré "
                   f"le porte-parole, {self.name(spokes, 'fr', False)}, dans un communiqué.",
                   f"Les flux d'investissement ont progressé de {y} % sur la période, selon la banque centrale.",
                   "Aucune déclaration commune n'a été publiée à l'issue des discussions, tenues à huis clos.",
                   f"Cette visite fait suite à un message du président {self.name(leader, 'fr', False)}, qui a salué "
                   f"«{NBSP}le partenariat stratégique{NBSP}» entre les deux pays.",
                   f"Selon le ministère, {self.rng.randint(2, 9)} accords sont en préparation et pourraient être "
                   f"signés lors de la prochaine réunion de la commission mixte.",
                   f"À {city}, des députés de l'opposition ont critiqué le coût du programme, estimé à {y} millions "
                   f"de dollars, et réclamé un débat au Parlement."],
            "ar": [f"وبلغت المبادلات التجارية بين {self.country_name(a, 'ar')} و{self.country_name(b, 'ar')} {x} "
                   f"{CURRENCY['ar']} خلال السنة الماضية، حسب أرقام رسمية.",
                   f"واتفق الطرفان على تسريع إنجاز المشاريع المشتركة في مجالات {self.topics('ar', 2)}.",
                   "ومن المنتظر توقيع مذكرة تفاهم قبل نهاية السنة الجارية، وفق مصدر مطلع.",
                   f"وكان البلدان قد وقعا اتفاقا إطاريا في {city} سنة {year} يشمل {self.topics('ar', 3)}.",
                   f"وقال الناطق الرسمي {self.name(spokes, 'ar', False)} في بلاغ إن البلدين \"يطمحان إلى مضاعفة "
                   f"المبادلات خلال {self.rng.randint(3, 10)} سنوات\".",
                   f"وارتفعت تدفقات الاستثمار بنسبة {y} في المائة خلال الفترة نفسها، حسب البنك المركزي.",
                   "وجرت المباحثات خلف أبواب مغلقة ولم يصدر عنها بيان مشترك.",
                   f"وتأتي هذه الزيارة عقب رسالة من الرئيس {self.name(leader, 'ar', False)} أشاد فيها بـ\"الشراكة "
                   f"الاستراتيجية\" بين البلدين.",
                   f"وحسب الوزارة، يجري التحضير لـ{self.rng.randint(2, 9)} اتفاقيات في مجالات {self.topics('ar', 2)} "
                   f"يرتقب توقيعها خلال الاجتماع المقبل للجنة المشتركة.",
                   f"وانتقد نواب من المعارضة في {city} كلفة البرنامج المقدرة بـ{y} مليون دولار، مطالبين بنقاش "
                   f"داخل البرلمان."],
        }[lang]
        return self.rng.sample(pool, min(k, len(pool)))

    # -- one article -------------------------------------------------------------------
    def article(self, i: int, seed: int) -> dict[str, str]:
        rng = self.rng
        lang = _weighted(rng, LANG_WEIGHTS)
        kind = _weighted(rng, KINDS)
        published = BASE_DATE + dt.timedelta(days=rng.randrange(730))
        title, paras = getattr(self, kind)(lang, published)
        for sentence in self.fillers(lang, rng.randint(3, 10)):
            paras.insert(rng.randint(1, len(paras)), sentence)
        if rng.random() < 0.5:
            paras.insert(rng.randint(1, len(paras)), READ_MORE[lang][rng.randrange(3)] + self.headline(lang))
        dateline = ""
        if rng.random() < 0.5:
            iso = self.pick(self.gaz.actors)
            city = self.city(iso, lang)
            if lang == "en":
                dateline = f"{city.upper()}, {MONTHS['en'][published.month - 1]} {published.day} {AGENCY['en']} - "
            elif lang == "fr":
                dateline = f"{city.upper()}, {published.day} {MONTHS['fr'][published.month - 1]} {AGENCY['fr']} - "
            else:
                dateline = f"{city} - {AGENCY['ar']}: "
        paras[0] = dateline + paras[0]
        head = []
        if rng.random() < 0.3:
            head.append(CRUMBS[lang][rng.randrange(3)] + title)
        head.append(title)
        if rng.random() < 0.4:
            author = invent_person(rng, lang)
            head.append({"en": f"By {author.full}", "fr": f"Par {author.full}",
                         "ar": f"{rng.choice(['بقلم:', 'كتب:'])} {author.full}"}[lang])
        if rng.random() < 0.15:
            cut = paras[-1].split(" ")
            paras[-1] = " ".join(cut[:max(3, len(cut) * 2 // 3)])
        tail = [SHARE[lang]] if rng.random() < 0.3 else []
        text = "\n\n".join(head + paras + tail) + "\n"
        return {"id": f"bench-{seed}-{i:07d}", "title": title, "published": published.isoformat(), "lang": lang,
                "text": text}


def _pron(p: Person) -> str:
    return "her" if p.gender == "f" else "his"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _weighted(rng: Random, choices) -> str:
    total = sum(w for _, w in choices)
    x = rng.random() * total
    for value, w in choices:
        x -= w
        if x < 0:
            return value
    return choices[-1][0]


def generate(n: int, seed: int, gaz: Gazetteer | None = None) -> Iterator[dict[str, str]]:
    """The ``n`` articles of corpus ``seed``, in order."""
    writer = Writer(Random(seed), gaz or load_gazetteer())
    for i in range(n):
        yield writer.article(i, seed)


def write_corpus(n: int, seed: int, out: str | Path) -> Path:
    from graphbuild.files import open_atomic

    out = Path(out)
    with open_atomic(out, "w", newline="\n") as f:
        for rec in generate(n, seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", required=True, help="output .jsonl file")
    args = p.parse_args(argv)
    if args.n < 0:
        p.error("--n must be >= 0")
    path = write_corpus(args.n, args.seed, args.out)
    print(f"{args.n} articles → {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
