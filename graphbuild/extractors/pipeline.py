"""The extraction pipeline: language data + components, run in order on one article."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ..model import Article, Extraction
from ..text import Doc, segment
from .assemble import Assembler
from .base import AnalysedDoc, Component
from .dates import DateFinder, DurationFinder, PageDate
from .meetings import MeetingAssembler, TriggerFinder
from .persons import ListedTitles, PersonFinder, TitleFinder, common_words
from .places import CityGazetteer, CountryGazetteer, MinistryNames, OrganisationGazetteer, OrganisationPatterns
from .resources import LANGS, lang_data
from .topics import TopicFinder

SUPPORTED_LANGS = LANGS
MAX_ANALYSED_CHARS = 2_000_000  # news articles are far shorter; beyond this only the start is analysed


def default_components(tagger: bool = True, statistical: Component | bool = True) -> list[Component]:
    """The components, in the order their outputs are needed.

    The statistical NER (each language's model) runs after the gazetteers and before titles:
    its organisations are written there, its persons wait for the person finder. The Arabic
    CRF tagger runs after the rule-based persons, so that names with a cue keep their titles
    and the tagger only adds names the rules had no cue for.
    """
    if statistical is True:
        from .ner import StatisticalNER

        statistical = StatisticalNER()
    components: list[Component] = [
        OrganisationGazetteer(),
        CountryGazetteer(),
        MinistryNames(),
        PageDate(),
        DateFinder(),
        DurationFinder(),
        OrganisationPatterns(),
        CityGazetteer(),
        *([statistical] if statistical else []),
        TitleFinder(),
        PersonFinder(),
        TopicFinder(),
        ListedTitles(),
        TriggerFinder(),
        MeetingAssembler(),
    ]
    if tagger:
        from .tagger import ArabicTagger

        at = next(i for i, c in enumerate(components) if c.name == "topics")
        components.insert(at, ArabicTagger())
    return components


class UnsupportedLanguage(ValueError):
    pass


class Pipeline:
    """Runs the components on an article and assembles the extraction.

    ``extra`` components (e.g. a statistical NER backend) run after the
    gazetteers and before persons and meetings are assembled.
    """

    def __init__(self, components: Sequence[Component] | None = None,
                 extra: Sequence[Component] = ()):
        base = list(components) if components is not None else default_components()
        if extra:
            at = next((i for i, c in enumerate(base) if c.name == "titles"), len(base))
            base = base[:at] + list(extra) + base[at:]
        self.components = base

    def analyse(self, article: Article) -> AnalysedDoc:
        article = dataclasses.replace(article)  # components may complete it (a page date): never the caller's
        lang_code = article.lang or "en"
        if lang_code not in SUPPORTED_LANGS:
            raise UnsupportedLanguage(f"language {lang_code!r} is not supported (supported: {', '.join(LANGS)})")
        lang = lang_data(lang_code)
        text = article.text
        warnings = []
        if len(text) > MAX_ANALYSED_CHARS:
            cut = text.rfind("\n", 0, MAX_ANALYSED_CHARS)
            text = text[:cut if cut > MAX_ANALYSED_CHARS // 2 else MAX_ANALYSED_CHARS]
            warnings.append(f"article has {len(article.text):,} characters: only the first {len(text):,} were "
                            "analysed")
        layout = segment(text, lang.chrome, lang.bylines, article.title, _name_line(lang_code))
        doc = Doc(text, lang_code, layout.body, lang.abbreviations)
        ad = AnalysedDoc(article, doc, layout, lang)
        ad.extra["warnings"] = warnings
        for component in self.components:
            component(ad)
        return ad

    def __call__(self, article: Article) -> Extraction:
        ad = self.analyse(article)
        ext = Assembler()(ad)
        ext.warnings = list(ad.extra.get("warnings", []))
        if ad.layout.title and not ad.article.title:
            s, e = ad.layout.title
            ad.article.title = " ".join(ad.article.text[s:e].split())
        return ext


def _name_line(lang: str) -> Callable[[str], bool]:
    """Does a short line look like a bare byline name? (Used right after the title.)"""
    data = lang_data(lang)
    common = common_words(lang)

    def check(line: str) -> bool:
        doc = Doc(line, lang)
        words = [t for t in doc.tokens if any(c.isalnum() for c in t.text)]
        if not 2 <= len(words) <= 4 or len(words) != len(doc.tokens):
            return False
        if not data.profile.cased:
            return bool(data.given_names.match_at(doc.tokens, 0)) and not any(
                t.text in data.name_stop for t in words) and sum(t.text in common for t in words) <= 1
        return all(t.is_upper_initial or t.text in data.particles for t in words)

    return check
