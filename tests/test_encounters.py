"""One meeting per encounter: a list of counterparts after "talks with" gives one meeting each,
held on the sidelines of the summit; a working meeting with two executives stays one.

The articles are written for these tests (invented people)."""

from __future__ import annotations

import graphbuild

SIDELINES_EN = (
    "Leaders meet in Addis Ababa\n\n"
    "ADDIS ABABA, Feb. 9 - The African Union summit opened in Addis Ababa on Sunday. "
    "On the sidelines of the summit, Kenyan President Daniel Mwangi held talks with Ghanaian President "
    "Kofi Asante, Senegalese Prime Minister Awa Ndiaye and Tunisian Foreign Minister Sami Trabelsi "
    "on trade and security.\n"
)

COUNTERPARTS_AR = (
    "وزير الخارجية في مالابو\n\n"
    "مالابو - أجرى وزير الخارجية الموريتاني سيدي محمد ولد أحمد، على هامش الدورة الاستثنائية للمجلس التنفيذي "
    "للاتحاد الإفريقي، لقاءات مع نظرائه من الجزائر وتونس والنيجر.\n"
)

ONE_WORKING_MEETING = (
    "Energy minister meets oil executives\n\n"
    "ALGIERS - Energy Minister Karim Haddad chaired a working meeting on Monday with the chief executive of "
    "Sonatrach, Nabil Ferhat, and the chief operating officer of Eni, Paolo Conti, devoted to new contracts.\n"
)


def _people(d: dict, m: dict) -> set[str]:
    names = {p["id"]: p["name"] for p in d["persons"]}
    return {names[p["person"]] for p in m["participants"]}


def test_talks_with_three_leaders_on_the_sidelines_are_three_meetings_of_the_summit():
    d = graphbuild.extract(SIDELINES_EN, lang="en")
    talks = [m for m in d["meetings"] if m["part_of"]]
    assert len(talks) == 3
    summit = {m["id"]: m for m in d["meetings"]}[talks[0]["part_of"]]
    assert summit["type"] == "summit" and all(m["part_of"] == summit["id"] for m in talks)
    pairs = sorted(tuple(sorted(_people(d, m))) for m in talks)
    assert all("Daniel Mwangi" in p and len(p) == 2 for p in pairs)
    assert sorted(sorted(set(m["countries"]) - {"KE", "ET"}) for m in talks) == [["GH"], ["SN"], ["TN"]]
    assert all("KE" in m["countries"] for m in talks)  # each: the subject's country and one counterpart's


def test_meetings_with_counterparts_from_three_countries_are_three():
    d = graphbuild.extract(COUNTERPARTS_AR, lang="ar")
    subs = [m for m in d["meetings"] if m["part_of"]]
    # each: Mauritania, the venue's country (Malabo) and one counterpart's
    assert sorted(c for m in subs for c in m["countries"] if c not in ("MR", "GQ")) == ["DZ", "NE", "TN"]
    assert all(_people(d, m) == {"سيدي محمد ولد أحمد"} for m in subs)
    session = {m["id"]: m for m in d["meetings"]}[subs[0]["part_of"]]
    assert session["type"] == "session"


def test_a_working_meeting_with_two_executives_stays_one():
    d = graphbuild.extract(ONE_WORKING_MEETING, lang="en")
    assert len(d["meetings"]) == 1 and d["meetings"][0]["part_of"] is None
    assert {"Karim Haddad", "Nabil Ferhat"} <= _people(d, d["meetings"][0])


def test_part_of_reaches_the_graph_and_rdf():
    kg = graphbuild.Graph().add([graphbuild.extract(SIDELINES_EN, lang="en")])
    parts = [(u, v) for u, v, d in kg.g.edges(data=True) if d["type"] == "part_of"]
    assert len(parts) == 3 and len({v for _, v in parts}) == 1
    ask = "ASK { ?talks <http://semanticweb.cs.vu.nl/2009/11/sem/subEventOf> ?summit }"
    assert kg.rdf().query(ask).askAnswer


THREE_AUDIENCES_AR = (
    "رئيس الحكومة يستقبل ثلاثة سفراء\n\n"
    "الرباط - استقبل رئيس الحكومة عزيز الإدريسي، اليوم الاثنين بالرباط، سفير اليابان بالمغرب كينجي تاناكا، "
    "وبحث معه سبل تعزيز العلاقات الثنائية.\n"
    "كما استقبل رئيس الحكومة سفيرة كندا بالمغرب ماري لوبلان، وتناول اللقاء التعاون في مجال التعليم.\n"
    "واستقبل رئيس الحكومة بعد ذلك سفير البرازيل جواو سيلفا.\n"
)


def test_three_audiences_in_turn_are_three_meetings_each_with_the_host():
    d = graphbuild.extract(THREE_AUDIENCES_AR, lang="ar")
    meetings = [m for m in d["meetings"] if m["status"] == "reported"]
    assert len(meetings) == 3
    people = [_people(d, m) for m in meetings]
    assert all("عزيز الإدريسي" in p and len(p) == 2 for p in people), people


HEADER_DATE_AR = (
    "وزير الخارجية يستقبل نظيره الأردني\n\n"
    "الأحد 04-05-2025 10:30 | كتب: سامي يوسف\n\n"
    "استقبل وزير الخارجية المصري حسام الدين فهمي صباح اليوم نظيره الأردني رامي الخطيب بمقر الوزارة في القاهرة.\n"
)

HEADER_DATE_FR = (
    "Tunis et Rabat renforcent leur coopération\n\n"
    "Publié le dimanche 4 mai 2025 à 10h30\n\n"
    "Le ministre tunisien des Affaires étrangères, Mehdi Ben Amor, s'est entretenu jeudi à Tunis avec son "
    "homologue marocain, Youssef Alami.\n"
)


def test_the_page_header_dates_the_article_and_its_relative_days():
    d = graphbuild.extract(HEADER_DATE_AR, lang="ar")
    assert d["article"]["published"] == "2025-05-04"
    assert [m["date_start"] for m in d["meetings"]] == ["2025-05-04"]  # "صباح اليوم": that day


def test_a_weekday_resolves_against_the_header_date():
    d = graphbuild.extract(HEADER_DATE_FR, lang="fr")
    assert d["article"]["published"] == "2025-05-04"
    assert [m["date_start"] for m in d["meetings"]] == ["2025-05-01"]  # "jeudi", before a Sunday


def test_an_explicit_publication_date_wins_over_the_page():
    d = graphbuild.extract(HEADER_DATE_AR, lang="ar", published="2025-05-06")
    assert d["article"]["published"] == "2025-05-06"


def test_who_received_whom_is_the_participants_side():
    d = graphbuild.extract(THREE_AUDIENCES_AR, lang="ar")
    names = {p["id"]: p["name"] for p in d["persons"]}
    for m in d["meetings"]:
        sides = {names[p["person"]]: p["side"] for p in m["participants"]}
        assert sides.pop("عزيز الإدريسي") == "host" and set(sides.values()) == {"guest"}
    en = graphbuild.extract("Talks in Rabat\n\nMoroccan Foreign Minister Nasser Bourita on Monday received "
                            "Spanish Foreign Minister Jose Manuel Albares in Rabat.\n", lang="en")
    names = {p["id"]: p["name"] for p in en["persons"]}
    assert {names[p["person"]]: p["side"] for p in en["meetings"][0]["participants"]} == {
        "Nasser Bourita": "host", "Jose Manuel Albares": "guest"}
    kg = graphbuild.Graph().add([d])
    ask = "ASK { ?p <https://w3id.org/graphbuild/ns#side> \"host\" }"
    assert kg.rdf().query(ask).askAnswer


def test_a_date_in_the_news_is_not_the_pages_date():
    old = graphbuild.extract("Talks\n\nThe two ministers, who last met on 3 March 2019 in Madrid, met again today in "
                             "Rabat, Moroccan Foreign Minister Nasser Bourita said on his return.\n", lang="en")
    assert old["article"]["published"] is None
    first = graphbuild.extract("Talks\n\nPublié le 1er mai 2025\n\n" + HEADER_DATE_FR.split("\n\n", 2)[2], lang="fr")
    assert first["article"]["published"] == "2025-05-01"


def test_the_callers_article_is_left_as_it_was():
    from graphbuild.extractors import Pipeline
    from graphbuild.ingest import make_article

    article = make_article(HEADER_DATE_AR, source="<test>", fmt="txt", lang="ar")
    ext = Pipeline()(article)
    assert ext.article.published == "2025-05-04" and article.published is None


SIDELINES_AR_WITHOUT_MEETING_WORD = (
    "وزير الخارجية يبحث مع الأمين العام للمنظمة سبل التعاون\n\n"
    "بحث وزير الخارجية اليمني الدكتور سالم باعوم، مع الأمين العام لمنظمة التعاون الإسلامي إدريس كمارا، "
    "سبل تعزيز التعاون بين الجانبين، وذلك على هامش انعقاد الدورة الاستثنائية لمجلس وزراء خارجية الدول "
    "الأعضاء في المنظمة.\n"
    "وناقش الجانبان خلال اللقاء مستجدات الأوضاع في المنطقة.\n"
)

SIDELINES_EN_MET = (
    "Ministers gather in Nairobi\n\n"
    "NAIROBI, June 3 - The regional trade conference opened in Nairobi on Tuesday with ministers from twelve "
    "countries.\n"
    "On the sidelines of the conference, Ugandan Trade Minister Grace Okello met her Rwandan counterpart "
    "Jean Habimana.\n"
    "During the meeting, the two ministers discussed tariffs on coffee.\n"
)

LATER_THE_SAME_DAY = (
    "Minister holds two meetings\n\n"
    "TUNIS, May 4 - Prime Minister Hedi Belhaj received on Monday in Tunis the Maltese Minister of Energy, "
    "Mark Camilleri, in the presence of the Minister of Industry, Sonia Ayari.\n"
    "Later the same day, Ms. Ayari chaired a working meeting with the chief executive of the national "
    "electricity company, Walid Gharbi, and the head of the grid operator, Nizar Chaabane.\n"
)

AHEAD_OF_THE_SUMMIT = (
    "Foreign ministers meet ahead of summit\n\n"
    "The foreign ministers of Chad and Niger, Ali Mahamat and Moussa Idrissa, met in N'Djamena on Monday "
    "ahead of the regional summit that will be held in Niamey on Thursday.\n"
)

ONE_SESSION_AR = (
    "انطلاق أعمال الدورة العادية للمجلس\n\n"
    "انطلقت اليوم في تونس أعمال الدورة العادية لمجلس وزراء الصحة العرب برئاسة وزير الصحة التونسي "
    "منير الزواري.\n"
    "كما تليت خلال الجلسة رسالة من الأمين العام للجامعة العربية أحمد الصالحي.\n"
)


def _by_id(d: dict) -> dict[str, dict]:
    return {m["id"]: m for m in d["meetings"]}


def test_talks_with_someone_on_the_sidelines_without_a_meeting_word_are_their_own_meeting():
    """"X discussed with Y …, on the sidelines of the session": the session and the talks, part of it; the
    meeting mentioned next ("during the meeting") is the talks."""
    d = graphbuild.extract(SIDELINES_AR_WITHOUT_MEETING_WORD, lang="ar")
    talks = [m for m in d["meetings"] if m["part_of"]]
    assert len(talks) == 1 and len(d["meetings"]) == 2
    assert _by_id(d)[talks[0]["part_of"]]["type"] == "session"
    assert _people(d, talks[0]) == {"سالم باعوم", "إدريس كمارا"}
    assert len(talks[0]["mentions"]) == 2  # the cue and "اللقاء"


def test_a_meeting_after_on_the_sidelines_of_is_part_of_the_gathering():
    d = graphbuild.extract(SIDELINES_EN_MET, lang="en")
    assert sorted(m["type"] for m in d["meetings"]) == ["conference", "meeting"]
    meeting = next(m for m in d["meetings"] if m["type"] == "meeting")
    assert _by_id(d)[meeting["part_of"]]["type"] == "conference"
    assert _people(d, meeting) == {"Grace Okello", "Jean Habimana"}
    assert len(meeting["mentions"]) == 2  # "met" and "the meeting"


def test_later_the_same_day_with_new_people_is_another_meeting():
    d = graphbuild.extract(LATER_THE_SAME_DAY, lang="en")
    assert len(d["meetings"]) == 2
    first, second = sorted(d["meetings"], key=lambda m: m["mentions"][0])
    assert {"Hedi Belhaj", "Mark Camilleri"} <= _people(d, first)
    assert {"Walid Gharbi", "Nizar Chaabane"} <= _people(d, second)
    assert "Walid Gharbi" not in _people(d, first)


def test_a_future_word_about_the_summit_leaves_the_meeting_reported():
    d = graphbuild.extract(AHEAD_OF_THE_SUMMIT, lang="en")
    status = {m["type"]: m["status"] for m in d["meetings"]}
    assert status.get("meeting") == "reported", d["meetings"]
    assert status.get("summit") in (None, "planned")


def test_also_before_the_session_already_reported_opens_nothing():
    """"كما تليت خلال الجلسة رسالة من …": a sequencing word before the session named already, with someone new
    (who sent a message) in the sentence, is still that session."""
    d = graphbuild.extract(ONE_SESSION_AR, lang="ar")
    assert len(d["meetings"]) == 1


COUNTERPARTS_AR_BY_TITLE = (
    "وزير الخارجية يشيد بلقاءاته في مالابو\n\n"
    "نواكشوط - عاد وزير الخارجية الموريتاني سيدي محمد ولد أحمد اليوم إلى نواكشوط.\n"
    "وكتب وزير الخارجية أن مشاركته في الدورة الاستثنائية للمجلس التنفيذي للاتحاد الإفريقي في مالابو كانت فرصة لعقد "
    "لقاءات مع نظرائه من الجزائر وتونس والنيجر.\n"
)


def test_the_subject_of_listed_meetings_may_be_named_by_title_alone():
    """"وكتب وزير الخارجية أن … لقاءات مع نظرائه من …": the minister named earlier with that title met each."""
    d = graphbuild.extract(COUNTERPARTS_AR_BY_TITLE, lang="ar")
    subs = [m for m in d["meetings"] if m["type"] == "meeting"]
    assert sorted(c for m in subs for c in m["countries"] if c != "MR") == ["DZ", "NE", "TN"]
    assert all(_people(d, m) == {"سيدي محمد ولد أحمد"} for m in subs)


def test_the_session_keeps_none_of_the_counterparts_countries_it_handed_on():
    """"كانت مشاركته في الدورة … فرصة لعقد لقاءات مع نظرائه من الجزائر وتونس والنيجر": each country is its own
    meeting's; the session keeps its own people's."""
    text = COUNTERPARTS_AR_BY_TITLE.replace("والنيجر", "وتشاد والنيجر ورواندا وكينيا")
    d = graphbuild.extract(text, lang="ar")
    met = [sorted(set(m["countries"]) - {"MR"}) for m in d["meetings"] if m["type"] == "meeting"]
    assert met == [["DZ"], ["TN"], ["TD"], ["NE"], ["RW"], ["KE"]]  # in the order the article lists them
    session = next(m for m in d["meetings"] if m["type"] == "session")
    assert not {"DZ", "TN", "TD", "NE", "RW", "KE"} & set(session["countries"])


COUNTERPARTS_AR_WITH_ARTICLE = (
    "جولة لقاءات في لومي\n\n"
    "لومي - عقد وزير الخارجية الموريتاني سيدي محمد ولد أحمد لقاءات مع نظرائه من غانا والتوغو.\n"
)


def test_a_country_written_with_the_article_is_a_counterpart():
    """'والتوغو': the press writes Togo with the article."""
    d = graphbuild.extract(COUNTERPARTS_AR_WITH_ARTICLE, lang="ar")
    assert sorted(c for m in d["meetings"] for c in m["countries"] if c != "MR") == ["GH", "TG"]


PROGRAMME_AR = (
    "افتتاح معرض الكتاب\n\n"
    "أوضح مدير المعرض سمير الحداد أن البرنامج يتضمن ندوات فكرية إضافة إلى لقاءات مفتوحة بين الكتاب والقراء "
    "طيلة أيام التظاهرة.\n"
)


def test_plural_meeting_words_without_with_whom_are_no_meetings():
    """"لقاءات مفتوحة بين الكتاب والقراء": a programme of events; "لقاءات مع نظرائه" (above) are meetings."""
    assert graphbuild.extract(PROGRAMME_AR, lang="ar")["meetings"] == []


VISIT_WITH_TWO_SESSIONS = (
    "Foreign minister to visit Algiers\n\n"
    "RABAT - Foreign Minister Driss Alaoui will pay an official visit to Algeria next Monday, the ministry said.\n"
    "During the two-day visit, Mr. Alaoui is expected to be received by President Rachid Benyahia and will hold "
    "talks with his Algerian counterpart, Lamine Khelifi, on regional cooperation.\n"
)


def test_a_visit_with_sessions_with_different_people_gives_a_meeting_for_each():
    """ANNOTATION.md: a visit and its talks are one meeting unless the text reports distinct sessions with
    different people: here the audience with the president and the talks with the counterpart."""
    d = graphbuild.extract(VISIT_WITH_TWO_SESSIONS, lang="en")
    visit = next(m for m in d["meetings"] if m["type"] == "visit")
    sessions = [m for m in d["meetings"] if m["part_of"] == visit["id"]]
    assert sorted(sorted(_people(d, m)) for m in sessions) == [["Driss Alaoui", "Lamine Khelifi"],
                                                               ["Driss Alaoui", "Rachid Benyahia"]]
    assert all(m["status"] == "planned" for m in d["meetings"])


SIDE_TALKS_FR = (
    "Bachir reçoit Déby en marge du sommet\n\n"
    "ADDIS-ABEBA, 3 février - En marge du sommet extraordinaire de l'Union africaine, le président soudanais "
    "Hamid Bachir Nour a eu des entretiens avec le président tchadien Idriss Mahamat Abakar sur la sécurité "
    "des frontières.\n"
)

ORGAN_SESSION_EN = (
    "Malabo hosts African ministers\n\n"
    "MALABO, May 27 - The Executive Council of the African Union opened an extraordinary session in Malabo on "
    "Friday, chaired by Equatorial Guinea's Foreign Minister Simeon Oyono Esono.\n"
)

BRACKETED_DATELINE_AR = (
    "موقع الأخبار (نواكشوط) - استقبل وزير الخارجية سيدي ولد الطالب اليوم في مكتبه نظيره السنغالي موسى جالو، "
    "وبحث معه علاقات التعاون بين البلدين.\n"
)


def _org_names(d: dict, m: dict) -> set[str]:
    names = {o["id"]: o["name"] for o in d["organisations"]}
    return {names[o] for o in m["organisations"]}


def test_the_body_named_in_on_the_sidelines_of_is_the_gatherings_not_the_side_talks():
    d = graphbuild.extract(SIDE_TALKS_FR, lang="fr")
    talks = next(m for m in d["meetings"] if m["part_of"])
    assert _org_names(d, _by_id(d)[talks["part_of"]]) == {"Union africaine"}
    assert _org_names(d, talks) == set()
    assert {"SD", "TD"} <= set(talks["countries"])


def test_a_session_of_an_organ_is_a_meeting_of_its_body_too():
    d = graphbuild.extract(ORGAN_SESSION_EN, lang="en")
    (session,) = d["meetings"]
    assert _org_names(d, session) == {"Executive Council of the African Union", "African Union"}


def test_a_bare_title_in_a_story_datelined_in_brackets_is_the_dateline_countrys():
    """"SITE (نواكشوط) - استقبل وزير الخارجية …": the city after the source's name is the dateline, and the
    minister named by a bare title is Mauritania's."""
    d = graphbuild.extract(BRACKETED_DATELINE_AR, lang="ar")
    (meeting,) = d["meetings"]
    assert sorted(meeting["countries"]) == ["MR", "SN"]
    host = next(p for p in meeting["participants"] if p["side"] == "host")
    assert host["country"] == "MR"


NEXT_THURSDAY_AR = (
    "الرباط تحتضن اجتماعا وزاريا\n\n"
    "الرباط - أعلنت وزارة الفلاحة، اليوم الاثنين، أن الرباط ستحتضن يوم الخميس المقبل الاجتماع الوزاري الثالث "
    "للجنة المشتركة، بمشاركة وزير الفلاحة المغربي كريم العلوي ونظيره الموريتاني أحمد ولد سيدي.\n\n"
    "وأضافت الوزارة أن الاجتماع سيبحث تطوير المبادلات الزراعية بين البلدين.\n"
)


def test_next_before_a_meeting_word_that_belongs_to_a_date_makes_it_planned_not_another_of_the_series():
    """"يوم الخميس المقبل الاجتماع الوزاري الثالث": "next" is the Thursday's; the meeting is this article's,
    planned, and "الاجتماع" later is the same one."""
    d = graphbuild.extract(NEXT_THURSDAY_AR, lang="ar")
    (meeting,) = d["meetings"]
    assert meeting["status"] == "planned" and meeting["ordinal"] == 3
    assert len(meeting["mentions"]) == 2


NUMERIC_DATE_SIDELINES_AR = (
    "وزير الخارجية يلتقي نظيره التونسي\n\n"
    "التقى وزير الخارجية العراقي كامل حسن نظيره التونسي منير الورتاني بتاريخ 2024/5/14، على هامش اجتماعات "
    "مجلس وزراء الخارجية العرب في المنامة.\n"
)

HEADER_FIELD_EN = (
    " date 2016-12-15 European Trade Commissioner Anna Lindqvist held talks with Kenyan Trade Minister Peter "
    "Kamau in Brussels on Tuesday, 13 December 2016.\n"
)


def test_a_numeric_date_dates_the_talks_and_the_session_they_were_held_beside():
    d = graphbuild.extract(NUMERIC_DATE_SIDELINES_AR, lang="ar")
    talks = next(m for m in d["meetings"] if m["part_of"])
    assert talks["date_start"] == "2024-05-14" and talks["date_text"] == "2024/5/14"
    assert _by_id(d)[talks["part_of"]]["date_start"] == "2024-05-14"


def test_the_pages_date_field_is_the_articles_day_not_the_meetings():
    d = graphbuild.extract(HEADER_FIELD_EN, lang="en")
    assert d["article"]["published"] == "2016-12-15"
    assert [m["date_start"] for m in d["meetings"]] == ["2016-12-13"]


TOMORROW_AR = (
    "الملك يبدأ جولة أوروبية\n\n"
    "عمان - استقبل الملك عبدالله الثاني اليوم الأربعاء رئيس الوزراء الإيطالي ماريو بيانكي. "
    "ويلتقي جلالة الملك في لندن يوم غد الخميس رئيس الوزراء البريطاني جون هاريس.\n"
)

RECEPTION_NOUN_AR = (
    "الكويت - نقل وزير الخارجية السعودي الأمير خالد بن سعود رسالة من الملك إلى أمير دولة الكويت الشيخ ناصر "
    "الأحمد الصباح خلال استقبال أمير الكويت له أمس في قصر بيان.\n"
)


def test_a_meeting_set_for_tomorrow_is_planned_and_apart_from_the_one_held_today():
    d = graphbuild.extract(TOMORROW_AR, lang="ar")
    by_status = {m["status"]: m for m in d["meetings"]}
    assert sorted(by_status) == ["planned", "reported"]
    assert "جون هاريس" in _people(d, by_status["planned"])
    assert "جون هاريس" not in _people(d, by_status["reported"])
    # "عمان -" opening the story is Amman, Jordan's capital, not the Sultanate
    assert all("JO" in m["countries"] and "OM" not in m["countries"] for m in d["meetings"])


def test_the_summit_named_again_with_tomorrow_is_still_that_summit():
    text = ("أديس أبابا - انطلقت اليوم أعمال القمة الأفريقية بمشاركة رئيس الوزراء الإثيوبي أبيي تسفاي. "
            "ومن المنتظر أن تعتمد القمة في ختام أعمالها غدا عددا من القرارات.\n")
    d = graphbuild.extract(text, lang="ar")
    assert [m["status"] for m in d["meetings"]] == ["reported"]


def test_a_reception_named_by_its_noun_is_a_meeting():
    d = graphbuild.extract(RECEPTION_NOUN_AR, lang="ar")
    (meeting,) = d["meetings"]
    assert _people(d, meeting) == {"خالد بن سعود", "ناصر الأحمد الصباح"}
    assert sorted(meeting["countries"]) == ["KW", "SA"]


TWO_AMBASSADORS_FR = (
    "Diplomatie : deux ambassadeurs reçus\n\n"
    "La ministre des Affaires étrangères, Hanta Rabemananjara, a reçu, hier après-midi, deux ambassadeurs, "
    "à savoir SEM Tran Van Minh, ambassadeur du Vietnam, et SEM Pablo Ortega Ruiz, ambassadeur d'Espagne.\n"
)


def test_a_list_of_people_received_after_the_verb_gives_one_audience_each():
    d = graphbuild.extract(TWO_AMBASSADORS_FR, lang="fr")
    pairs = sorted(tuple(sorted(_people(d, m))) for m in d["meetings"] if len(_people(d, m)) == 2)
    assert ("Hanta Rabemananjara", "Tran Van Minh") in pairs
    assert ("Hanta Rabemananjara", "Pablo Ortega Ruiz") in pairs
    assert not any({"Tran Van Minh", "Pablo Ortega Ruiz"} <= _people(d, m) for m in d["meetings"])


AT_THE_HEADQUARTERS_AR = (
    "القاهرة - عقد وزير الخارجية المصري سامح فوزي ونظيره المغربي عادل بناني جلسة مباحثات اليوم بمقر "
    "الأمانة العامة لجامعة الدول العربية في القاهرة.\n"
)


def test_a_body_whose_house_hosts_the_talks_is_no_party_to_them():
    d = graphbuild.extract(AT_THE_HEADQUARTERS_AR, lang="ar")
    (meeting,) = d["meetings"]
    assert _org_names(d, meeting) == set()
    assert sorted(meeting["countries"]) == ["EG", "MA"]


TOPIC_COUNTRIES_AR = (
    "الرباط - استقبل وزير الخارجية المغربي عادل بناني اليوم نظيره الأردني سامر حداد، وبحث الجانبان "
    "تطورات الأوضاع في ليبيا والعراق والسودان.\n"
)
TOPIC_COUNTRIES_EN = (
    "RABAT - Moroccan Foreign Minister Adil Bennani received his Jordanian counterpart Samer Haddad on "
    "Monday. The two ministers discussed the situation in Libya, Iraq and Sudan.\n"
)


def test_countries_the_talks_were_about_are_no_parties():
    for text, lang in ((TOPIC_COUNTRIES_AR, "ar"), (TOPIC_COUNTRIES_EN, "en")):
        d = graphbuild.extract(text, lang=lang)
        (meeting,) = d["meetings"]
        assert sorted(meeting["countries"]) == ["JO", "MA"], lang


TWO_LEVELS_AR = (
    "مجلس الجامعة يبدأ أعماله\n\n"
    "القاهرة - انطلقت أمس بمقر الأمانة العامة لجامعة الدول العربية أعمال الدورة الـ«160» لمجلس الجامعة على "
    "مستوى المندوبين الدائمين برئاسة المغرب.\n"
    "وتعقد الدورة على مستوى وزراء الخارجية العرب غدا الخميس لبحث مشروع جدول الأعمال.\n"
)


def test_a_session_at_another_rank_is_another_meeting_and_a_quoted_ordinal_counts():
    """The delegates' session held yesterday and the ministers' session tomorrow are two meetings; "الـ«160»" is
    the 160th."""
    d = graphbuild.extract(TWO_LEVELS_AR, lang="ar", published="2026-03-03")
    sessions = [m for m in d["meetings"] if m["type"] == "session"]
    assert [(m["ordinal"], m["status"]) for m in sessions] == [(160, "reported"), (160, "planned")]


TWO_LEVELS_FR = (
    "Le Conseil de l'Union africaine siège à deux niveaux\n\n"
    "ADDIS-ABEBA - Le Conseil exécutif de l'Union africaine a ouvert lundi sa 48e session ordinaire au niveau "
    "des ambassadeurs, sous la présidence du Ghana.\n"
    "La session se poursuivra jeudi au niveau des ministres des Affaires étrangères, qui examineront le budget.\n"
)


def test_the_session_at_the_next_rank_is_the_same_bodys_with_its_number():
    """The ministers' sitting names no body of its own: it is the session of the body named at the first rank,
    with the same number."""
    for text, lang in ((TWO_LEVELS_AR, "ar"), (TWO_LEVELS_FR, "fr")):
        d = graphbuild.extract(text, lang=lang, published="2026-03-03")
        names = {o["id"]: o["name_en"] for o in d["organisations"]}
        sessions = [m for m in d["meetings"] if m["type"] == "session"]
        assert len(sessions) == 2, lang
        first, second = ({names[o] for o in m["organisations"]} for m in sessions)
        assert first and second == first, lang
        assert sessions[0]["ordinal"] == sessions[1]["ordinal"] is not None, lang


CALL_THEN_AUDIENCE_AR = (
    "ولي العهد يجري اتصالا ويستقبل سفيرة\n\n"
    "الرياض - أجرى ولي العهد الأمير فيصل بن سعد اتصالا هاتفيا أمس بالرئيس التونسي قيس سعيد تناول العلاقات الثنائية.\n"
    "وفي وقت لاحق، وخلال استقبال سموه في مكتبه سفيرة الأرجنتين لدى المملكة ماريا لوبيز، جرى بحث التعاون بين "
    "البلدين.\n"
)


def test_a_call_and_an_audience_in_person_are_two_encounters():
    d = graphbuild.extract(CALL_THEN_AUDIENCE_AR, lang="ar")
    by_type = {m["type"]: _people(d, m) for m in d["meetings"]}
    assert "قيس سعيد" in by_type["call"] and "ماريا لوبيز" not in by_type["call"]
    assert len(d["meetings"]) == 2


TWO_CALLS_EN = (
    "Foreign minister takes two calls\n\n"
    "OSLO - Foreign Minister Ingrid Dahl received a phone call on Monday from her Chilean counterpart Tomas "
    "Rivera about fisheries.\n"
    "In a related development, Dahl received a phone call from Kenya's Foreign Minister Amina Odhiambo on "
    "climate finance.\n"
    "During the call, Odhiambo invited Dahl to Nairobi.\n"
)


def test_a_second_call_with_someone_new_is_a_second_call_and_the_call_points_back():
    d = graphbuild.extract(TWO_CALLS_EN, lang="en")
    calls = [_people(d, m) for m in d["meetings"] if m["type"] == "call"]
    assert calls == [{"Ingrid Dahl", "Tomas Rivera"}, {"Ingrid Dahl", "Amina Odhiambo"}]


SUMMIT_BY_VIDEO_EN = (
    "Leaders to meet online\n\n"
    "GENEVA - President Carla Mendes announced on Tuesday a climate summit which will be held via "
    "videoconference next month with President Olu Bakare.\n"
)


def test_a_meeting_held_via_videoconference_is_no_call_of_its_own():
    d = graphbuild.extract(SUMMIT_BY_VIDEO_EN, lang="en")
    assert [m["type"] for m in d["meetings"]] == ["summit"]


RECALLED_VISIT_AR = (
    "وزير الخارجية المغربي في تونس\n\n"
    "تونس - حل وزير الخارجية المغربي كريم العلوي أمس بتونس في زيارة رسمية يلتقي خلالها نظيره التونسي سامي الورتاني.\n"
    "وتأتي زيارة العلوي أياما قليلة بعد زيارة الوزير الورتاني إلى القاهرة ولقائه بوزير الخارجية المصري حسن فهمي.\n"
)


def test_an_earlier_visit_the_story_is_dated_by_is_mentioned_with_its_own_people():
    """"أياما قليلة بعد زيارة … إلى القاهرة ولقائه بـ…": a recalled visit, with the people and country of its clause."""
    d = graphbuild.extract(RECALLED_VISIT_AR, lang="ar")
    recalled = [m for m in d["meetings"] if m["status"] == "mentioned"]
    assert len(recalled) == 1 and "حسن فهمي" in _people(d, recalled[0]) and "EG" in recalled[0]["countries"]
    for m in d["meetings"]:
        if m is not recalled[0]:
            assert "حسن فهمي" not in _people(d, m) and "EG" not in m["countries"]


HELD_ELSEWHERE_FR = (
    "Retour du président\n\n"
    "Dakar — Le président Amadou Sarr a regagné dimanche le pays après sa participation au sommet extraordinaire "
    "de l'Union africaine qui s'est tenu à Addis-Abeba samedi.\n"
    "En marge du sommet, le président Sarr s'est entretenu avec le président ghanéen Kwame Owusu.\n"
)


def test_a_meeting_held_elsewhere_than_the_dateline_and_its_side_talks_take_its_town():
    """"le sommet … qui s'est tenu à Addis-Abeba" in a story datelined Dakar: the summit and the talks on its
    sidelines were in Addis Ababa; Ethiopia, the summit's host, is no party to the side talks."""
    d = graphbuild.extract(HELD_ELSEWHERE_FR, lang="fr")
    cities = {c["id"]: c["name"] for c in d["cities"]}
    assert {cities.get(m["city"]) for m in d["meetings"]} == {"Addis Ababa"}
    talks = next(m for m in d["meetings"] if m["part_of"])
    assert "ET" not in talks["countries"]


RECEPTIONS_BY_TITLE = (
    "رئيس الحكومة يستقبل سفيرا وقائد الجيش\n\n"
    "عقد رئيس الحكومة سمير الحداد سلسلة لقاءات في مكتبه اليوم.\n"
    "واستقبل رئيس الحكومة سفير كندا في البلاد ماريو بيلان، وبحث معه العلاقات الثنائية. وحضر اللقاء مستشار "
    "رئيس الحكومة السفير كمال العياشي.\n"
    "ثم استقبل رئيس الحكومة قائد الجيش العميد فريد الساحلي، وعرض معه الوضع الأمني. كما اطلع الساحلي "
    "رئيس الحكومة على نتائج زيارته إلى الخارج.\n"
)


def test_a_title_alone_is_the_head_of_government_named_first_not_his_adviser():
    """An adviser "of the head of government" holds no such office, and a verb before a family name read
    again makes no new person: each reception keeps its host."""
    d = graphbuild.extract(RECEPTIONS_BY_TITLE, lang="ar")
    names = {p["name"]: p for p in d["persons"]}
    assert "اطلع الساحلي" not in names
    assert all(r["title_en"] != "head of government" for r in names["فريد الساحلي"]["roles"])
    army = [m for m in d["meetings"] if "فريد الساحلي" in _people(d, m)]
    assert army and all("سمير الحداد" in _people(d, m) for m in army)
    envoy = [m for m in d["meetings"] if "ماريو بيلان" in _people(d, m)]
    assert envoy and all("سمير الحداد" in _people(d, m) for m in envoy)


NAMED_MEETINGS_EN = (
    "Ministers gather in Accra\n\n"
    "ACCRA, March 3 - A week of regional meetings opened in Accra on Monday. The programme included the "
    "ECOWAS Council of Ministers Meeting, the West African Energy Forum Meeting and the Joint Meeting of "
    "Trade and Finance Ministers, chaired by Ghanaian Trade Minister Kwame Boateng.\n"
)


def test_a_list_of_named_meetings_is_one_meeting_each():
    d = graphbuild.extract(NAMED_MEETINGS_EN, lang="en")
    labels = [m["label"].lower() for m in d["meetings"]]
    assert len(d["meetings"]) >= 3, labels
    assert sum(1 for m in labels if "energy forum" in m or "joint meeting" in m or "ecowas" in m) >= 3, labels


DATELINE_AFTER_DATE_FIELD_EN = (
    " date 2026-01-05 Nairobi: Peter Kamau, Foreign Minister on Monday held a phone call with Awa Ndiaye, "
    "Senegal's Minister of Foreign Affairs.\n\n"
    "The two sides discussed trade and the coming regional summit.\n"
)


def test_a_dateline_after_the_date_field_is_the_home_of_a_bare_title():
    """" date 2026-01-05 Nairobi: X, Foreign Minister …": the town after the page's date field is the dateline,
    so the minister named by a bare title is Kenya's, and Kenya is a party to the call."""
    d = graphbuild.extract(DATELINE_AFTER_DATE_FIELD_EN, lang="en")
    (call,) = d["meetings"]
    assert sorted(call["countries"]) == ["KE", "SN"]
    names = {p["id"]: p["name"] for p in d["persons"]}
    assert {names[p["person"]]: p["country"] for p in call["participants"]}["Peter Kamau"] == "KE"


COUNTERPARTS_AND_A_BODY = {
    "en": ("Minister meets counterparts in Malabo\n\n"
           "MALABO - Mauritanian Foreign Minister Sidi Ould Ahmed said the extraordinary session of the African "
           "Union Executive Council was an opportunity for fruitful meetings with his counterparts from Ghana, Kenya "
           "and Togo and with the Chairperson of the African Union Commission.\n"),
    "ar": ("وزير الخارجية في مالابو\n\n"
           "مالابو - قال وزير الخارجية الموريتاني سيدي محمد ولد أحمد إن مشاركته في الدورة الاستثنائية للمجلس "
           "التنفيذي للاتحاد الإفريقي كانت فرصة لعقد لقاءات مثمرة مع نظرائه من غانا وكينيا والتوغو ومع رئيس مفوضية "
           "الاتحاد الإفريقي.\n"),
}


def test_a_body_head_closing_a_list_of_counterparts_is_one_more_encounter_with_that_body():
    """"… with his counterparts from A, B and C and with the Chairperson of the AU Commission": four meetings
    besides the session, the last one the Commission's."""
    for lang, text in COUNTERPARTS_AND_A_BODY.items():
        d = graphbuild.extract(text, lang=lang)
        names = {o["id"]: o["name_en"] for o in d["organisations"]}
        met = [m for m in d["meetings"] if m["type"] != "session"]
        assert sorted(c for m in met for c in m["countries"] if c != "MR") == ["GH", "KE", "TG"], lang
        (body,) = [m for m in met if m["organisations"]]
        assert [names[o] for o in body["organisations"]] == ["African Union Commission"], lang
        assert body["countries"] == ["MR"], lang


TALKS_AT_A_NAMED_GATHERING_EN = (
    "Minister attends regional summit\n\n"
    "Foreign Minister Lars Holm travelled to Lima on Sunday to attend the Pacific Alliance Summit on 3-4 May 2026.\n\n"
    "On 3 May Minister Holm met with Foreign Minister Rosa Quispe of Peru to discuss trade.\n"
)


def test_talks_with_one_counterpart_at_a_named_gathering_are_a_meeting_of_their_own():
    """"… to attend the Pacific Alliance Summit. … met with Minister X": the summit, and the talks held during
    it, part of it, with the countries of their own sentence."""
    d = graphbuild.extract(TALKS_AT_A_NAMED_GATHERING_EN, lang="en")
    by_id = {m["id"]: m for m in d["meetings"]}
    (talks,) = [m for m in d["meetings"] if m["part_of"]]
    assert by_id[talks["part_of"]]["type"] == "summit"
    assert _people(d, talks) == {"Lars Holm", "Rosa Quispe"} and "PE" in talks["countries"]


AGENDA = {"ar": ("وزراء الخارجية العرب يجتمعون\n\n"
            "القاهرة - انطلقت أمس الدورة العادية لمجلس الجامعة العربية على مستوى وزراء الخارجية برئاسة وزير الخارجية "
            "الأردني سامي الحمد. ويتضمن جدول أعمال الدورة دعم الاستقرار في الصومال وجيبوتي وجزر القمر.\n"),
     "fr": ("Les ministres arabes se réunissent\n\n"
            "LE CAIRE - Le Conseil de la Ligue arabe tient jeudi sa session ordinaire sous la présidence du ministre "
            "jordanien des Affaires étrangères, Sami Hamad. L'ordre du jour de la session comprend le soutien à la "
            "stabilité de la Somalie, de Djibouti et des Comores.\n"),
     "en": ("Arab ministers meet\n\n"
            "CAIRO - The Arab League Council holds its ordinary session on Thursday, chaired by Jordanian Foreign "
            "Minister Sami Hamad. The agenda of the session includes support for stability in Somalia, Djibouti and "
            "the Comoros.\n")}


def test_countries_on_a_sessions_agenda_are_no_parties_to_it():
    """"The agenda of the session includes support for stability in Somalia, Djibouti and the Comoros": what
    the session will discuss, not who sits in it."""
    for lang, text in AGENDA.items():
        d = graphbuild.extract(text, lang=lang)
        (session,) = d["meetings"]
        assert "JO" in session["countries"], lang
        assert not {"SO", "DJ", "KM"} & set(session["countries"]), lang


AT_THE_SEAT = {"en": ("EU ministers meet\n\n"
            "BRUSSELS - The European Union's foreign ministers met in Brussels on Monday with Ghanaian Foreign "
            "Minister Kofi Asante to discuss trade.\n"),
     "ar": ("اجتماع المندوبين\n\n"
            "القاهرة - عقد مجلس جامعة الدول العربية اجتماعا طارئا أمس في القاهرة برئاسة المندوب الأردني سامي الحمد "
            "وبمشاركة وزير الخارجية التونسي كمال الجربي.\n")}


def test_a_body_meeting_in_the_town_of_its_seat_does_not_make_the_towns_country_a_party():
    """The EU's ministers in Brussels, the League's council in Cairo: the venue stays, its country hosts the body
    and takes part only through its own people."""
    for lang, text in AT_THE_SEAT.items():
        d = graphbuild.extract(text, lang=lang)
        (meeting,) = d["meetings"]
        assert meeting["country"] in ("BE", "EG"), lang
        assert meeting["country"] not in meeting["countries"] and meeting["countries"], lang


ARAB_MINISTERIAL_COUNCIL = {"ar": ("وزراء الإعلام العرب يجتمعون\n\n"
            "الرباط - انطلقت أمس أعمال الدورة العادية لمجلس وزراء الإعلام العرب برئاسة وزير الاتصال المغربي سعيد "
            "الناصري.\n"),
     "en": ("Arab health ministers meet\n\n"
            "RABAT - The Council of Arab Health Ministers opened its ordinary session on Monday, chaired by "
            "Moroccan Health Minister Said Nasiri.\n")}


def test_a_ministerial_council_of_the_arab_league_holds_the_session():
    """The League's councils of sector ministers (health, information …) are bodies of their own in the gazetteer:
    the session is theirs."""
    want = {"ar": "Council of Arab Information Ministers", "en": "Council of Arab Health Ministers"}
    for lang, text in ARAB_MINISTERIAL_COUNCIL.items():
        d = graphbuild.extract(text, lang=lang)
        names = {o["id"]: o["name_en"] for o in d["organisations"]}
        (session,) = d["meetings"]
        assert want[lang] in {names[o] for o in session["organisations"]}, lang


ROMAN_ORDINAL_FR = ("La Francophonie se réunit à Dakar\n\n"
     "Les ministres des États membres de l'OIF étaient réunis à Dakar, le 3 mars 2026, pour la 45e session de la "
     "Conférence ministérielle de la Francophonie (CMF), à la veille du XXe Sommet de la Francophonie.\n\n"
     "Le Sommet a réuni les chefs d'État et de gouvernement pendant deux jours.\n")


def test_a_summit_numbered_in_roman_numerals_is_not_the_session_on_its_eve():
    """"la 45e session de la CMF, à la veille du XXe Sommet": the 45th session and the 20th summit, two meetings;
    the CMF is the gazetteer's organ of the OIF."""
    d = graphbuild.extract(ROMAN_ORDINAL_FR, lang="fr")
    names = {o["id"]: o["name_en"] for o in d["organisations"]}
    assert sorted(m["ordinal"] for m in d["meetings"]) == [20, 45]
    (session,) = [m for m in d["meetings"] if m["ordinal"] == 45]
    assert "Ministerial Conference of La Francophonie" in {names[o] for o in session["organisations"]}


IN_HIS_OFFICE_AR = ("ولي العهد يستقبل سفير البرتغال\n\n"
     "الرياض - استقبل ولي العهد الأمير فيصل بن خالد في مكتبه بالديوان الملكي أمس سفير البرتغال لدى المملكة جواو "
     "سيلفا، وجرى بحث العلاقات الثنائية.\n")


def test_the_body_whose_house_holds_the_hosts_office_is_no_party():
    """"استقبل … في مكتبه بالديوان الملكي": the Royal Court is where the audience was held, not a party to it."""
    d = graphbuild.extract(IN_HIS_OFFICE_AR, lang="ar")
    (meeting,) = d["meetings"]
    assert d["organisations"] and meeting["organisations"] == []


AMBASSADORS_IN_POST_AR = ("رئيس الحكومة يستقبل سفيرين\n\n"
     "استقبل رئيس الحكومة كمال الجربي اليوم في قصر الحكومة السفيرة الإيطالية في تونس ماريا بيانكي وعرض معها العلاقات "
     "الثنائية.\n"
     "كما استقبل رئيس الحكومة سفير البرازيل في تونس ماركو سيلفا، وعرض معه التعاون بين البلدين.\n")


def test_an_ambassadors_title_runs_over_the_country_of_the_post_and_not_into_the_hosts():
    """"السفيرة الإيطالية في تونس ماريا بيانكي", "استقبل رئيس الحكومة سفير البرازيل في تونس X": the post is part
    of the ambassador's title, so the name is hers and her country the meeting's; the host's title stays his."""
    d = graphbuild.extract(AMBASSADORS_IN_POST_AR, lang="ar")
    assert [sorted(m["countries"]) for m in d["meetings"]] == [["IT", "TN"], ["BR", "TN"]]
    names = {p["id"]: p["name"] for p in d["persons"]}
    for m in d["meetings"]:
        roles = {names[p["person"]]: p["role"] for p in m["participants"]}
        assert roles["كمال الجربي"] == "رئيس الحكومة" and len(roles) == 2
