"""The schema of a language file: every key, its type, whether it is required, and what it holds.

A key missing from here is a typo to the loader, so a language file can no longer
hold a misspelt key that silently becomes an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    type: type
    required: bool
    doc: str

    @property
    def type_name(self) -> str:
        return {list: "list", dict: "mapping", str: "string"}[self.type]


def _list(doc: str, required: bool = True) -> Key:
    return Key(list, required, doc)


def _map(doc: str, required: bool = True) -> Key:
    return Key(dict, required, doc)


KEYS: dict[str, Key] = {
    "lang": Key(str, True, "the ISO 639-1 code, as in the file name"),
    "profile": _map("what the code must know: script, capitals, ordinal and adjective position (graphbuild.lang)"),
    # layout
    "chrome": _list("regular expressions of lines that are site chrome, never body text"),
    "bylines": _list("regular expressions of byline lines"),
    "gazetteer_articles": _list("articles a gazetteer name is matched without ('the United Nations')", False),
    "elisions": _list("words written elided before a vowel, split off the next word (l', qu')", False),
    "abbreviations": _list("words after which a dot does not end a sentence"),
    "author_cues": _list("words that open a byline ('by', 'par', 'بقلم')"),
    # people and titles
    "honorifics": _list("words before a name (Mr, M., السيد)"),
    "titles": _map("title → its English form (head of a title chain)"),
    "title_modifiers": _list("words that extend a title (deputy, adjoint)"),
    "portfolios": _map("portfolio → its English form ('Foreign Affairs')"),
    "portfolio_openers": _list("words after a title that open the affairs it is in charge of, written out "
                               "('لشؤون' التعدين): part of the title, never a name", False),
    "title_connectors": _list("words a title chain runs over before its portfolio or body ('of', 'de')"),
    "country_connectors": _list("words a title chain runs over before a country ('لدى')"),
    "articles": _list("articles written as words ('the', 'la', 'l'')"),
    "and_words": _list("'and' as a word, joining two portfolios"),
    "given_names": _list("common given names: cues, never a list of people"),
    "weak_given_names": _list("given names that are also ordinary words: open a name only before a particle",
                              False),
    "name_particles": _list("particles inside names (ben, ould, de, بن)"),
    "compound_name_heads": _list("words that always join the next one in a name (عبد)", False),
    "name_prefixes": _list("words that belong to the given name after them (Sidi, Moulay)"),
    "phrase_prefixes": _list("prefixes that open a new phrase after a name (Arabic بال، لل، وال)", False),
    "conjunction_prefixes": _list("'and' written as part of the next word (Arabic و، ف)", False),
    "definite_prefixes": _list("the article written as part of a word, alone or after a preposition", False),
    "name_stop": _list("words that end a name"),
    "not_name_words": _list("capitalised words that end a name (Stadium, Foundation)", False),
    "venue_heads": _list("words right before a name (or its title) that make it a place or body named after "
                         "someone: ملعب محمد الخامس, stade Mohammed V, rue Hassan II (no person)", False),
    "possessives": _list("possessive endings written as their own token ('s): never part of a name", False),
    "ner_model": Key(str, False, "the spaCy pipeline used by default for this language (a pinned wheel, "
                                 "requirements/models.txt); absent: rules only"),
    "ner_not_org_words": _list("last words of capitalised phrases a statistical model takes for organisations "
                               "('Agreement', 'Summit', 'Government')", False),
    "royal_titles": _list("titles of monarchs (their names carry ordinals: Mohammed VI)"),
    "topic_words": _list("words after which a country, and the list it opens, is what a meeting talked about, not "
                         "a party to it (الأوضاع في ليبيا والعراق, the situation in Libya, la crise au Soudan)", False),
    "agenda_cues": _list("'the agenda', 'جدول أعمال', 'l'ordre du jour': the countries after it in its sentence are "
                         "what a meeting will discuss, not parties to it", False),
    "venue_org_words": _list("words beside an organisation's name that make it the place of a meeting, not a "
                             "party to it (بمقر الأمانة العامة, the AU Headquarters, au siège de)", False),
    "accredited_titles": _list("English heads of the titles held in a country for another (ambassador, envoy): "
                               "the host country after a connector (سفير أستراليا في لبنان) is part of the title",
                               False),
    "national_titles": _list("English heads of the titles of a country's own office holders (minister, "
                             "president): held bare in a story datelined in a country, they are its own", False),
    # meetings
    "triggers": _map("meeting words → meeting type"),
    "non_triggers": _list("phrases that hold a trigger but are not meetings (press conference)"),
    "weak_triggers": _list("triggers that in a sport report name a match (derby, sommet, لقاء)", False),
    "trigger_blockers": _list("words after a trigger that make it no meeting"),
    "event_blockers": _list("events that are not meetings (fair, festival, championship)"),
    "generic_triggers": _list("plural meeting words: meetings only when they say with whom, of which body or "
                              "beside what (لقاءات مع …)"),
    "verb_triggers": _list("verbs that report a meeting (received, met)"),
    "future_cues": _list("words that make a meeting planned"),
    "past_words": _list("'last', 'previous'"),
    "future_words": _list("'next', 'coming'"),
    "other_meeting_words": _list("words that point to another session than the one reported"),
    "sport_cues": _list("words of sport reports (a match is not a meeting)"),
    "absence_cues": _list("words that say a person did not attend"),
    "mention_only_cues": _list("words before a person who is mentioned but not present (on behalf of, message of)"),
    "venue_prepositions": _list("words before a place that is a meeting's venue ('in', 'to', 'في'; 'ب' glued)",
                                False),
    "body_words": _list("capitalised words that end the name of a body or a portfolio ('Affairs', 'Panel'): "
                        "the capitals before one are no person's name ('Minister for External Affairs')", False),
    "state_bodies": _list("bodies every state has, named by what they do ('مجلس الوزراء', 'Council of Ministers'): "
                          "inside a person's title they are no organisation of their own", False),
    "reception_verbs": _list("verbs of receiving a visitor ('received', 'استقبل'): the subject hosts", False),
    "with_words": _list("'with': a list of counterparts follows a meeting word ('talks with A, B and C')", False),
    "counterpart_words": _list("'counterpart(s)': the countries after it are the counterparts'", False),
    "sitting_words": _list("words before a body's name that make it sit ('أعمال', 'session', 'travaux'): a body "
                           "whose name is a meeting word is then a meeting too", False),
    "sidelines_cues": _list("'on the sidelines of': the meeting is part of the one named next", False),
    "sequence_cues": _list("'then', 'also', 'ثم', 'par ailleurs' before a meeting word: with someone new, another "
                           "encounter than the one before", False),
    "medium_cues": _list("'via', 'par', 'عبر' before a call word after another meeting word: how that meeting is "
                         "held ('a summit held via videoconference'), not a call of its own", False),
    "held_cues": _list("'held in', 'qui s'est tenu à', 'المنعقدة في' after a meeting word: the town after it is "
                       "the venue, whatever the dateline says", False),
    "recall_cues": _list("'days after', 'أياما بعد' right before a meeting word: an earlier meeting the story is "
                         "dated by, mentioned in passing", False),
    "plural_titles": _map("a plural title word → its singular's gloss ('الرؤساء', 'présidents': president): each "
                          "of the country adjectives and names listed after it holds that title for its country",
                          False),
    "level_cues": _list("'at the level of', 'على مستوى': the rank a body sits at follows; a session at another "
                        "rank is another meeting", False),
    "not_venue_cues": _list("words that make a place no venue (headquarters of, based in)"),
    "ordinals": _map("ordinal words → number"),
    "ordinal_tens": _map("tens of compound ordinals → number"),
    "ordinal_hundreds": _map("words after a compound ordinal that add hundreds ('الثالثة والأربعين بعد المائة': 143)",
                             False),
    "ordinal_suffixes": _list("suffixes of written ordinals (12th, 12e)", False),
    "ordinal_skip": _list("words between a meeting noun and its ordinal", False),
    "topics": _map("topic → words"),
    "demonstratives": _list("'this', 'that': a meeting word after them refers back to one already reported"),
    # dates
    "range_words": _list("words between the two days of a range ('to', 'au', 'إلى', '-')"),
    "months": _map("month names → number (Maghreb, Levantine and Egyptian forms too)"),
    "weekdays": _map("weekday names → ISO weekday"),
    "weekday_prefix": _list("words before a weekday ('on', 'ce', 'يوم')"),
    "relative_days": _map("today, yesterday, tomorrow → day offset"),
    "day_words": _list("'day', 'days'"),
    "duration_cues": _list("words before a duration ('for', 'pendant')"),
    "duration_words": _map("number words of durations → number"),
    "duration_self": _list("words that are a duration on their own ('يومين')"),
    # places and organisations
    "org_heads": _map("heads of organisation names → kind (Ministry, Council, مجلس)"),
    "org_connectors": _list("words after an organisation head that the name runs over ('of', 'de')"),
    "org_function_words": _list("lower-case words inside organisation names ('of', 'and', 'la')"),
    "org_stop": _list("words that end an organisation name"),
    "org_list_nouns": _list("nouns that, joined by a glued 'and', start the next item of a list, not the name "
                            "('والدول')", False),
    "place_prepositions": _list("words before a place ('in', 'at', 'في'): a name does not run through it"),
    "country_names_from": _list("languages whose country names and adjectives this press also uses "
                                "(default: its own and English)", False),
    "country_stop": _list("country names that are also ordinary words here", False),
    "country_or_city": _map("names that are a country or a city: which one, by default", False),
    "city_stop": _list("city names that are also ordinary words or names here"),
    "city_aliases": _map("extra city names → GeoNames id", False),
}
