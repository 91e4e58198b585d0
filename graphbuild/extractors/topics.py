"""Topics: keyword lexicons per language → TOPIC spans (terrorism, cybercrime …)."""

from __future__ import annotations

from .base import AnalysedDoc, Ent


class TopicFinder:
    name = "topics"

    def __call__(self, ad: AnalysedDoc) -> None:
        for m in ad.lang.topics.find_all(ad.tokens, ad.allowed, ad.starts(ad.lang.topics)):
            ad.add(Ent("TOPIC", m.start, m.end, m.value), claim=False)
