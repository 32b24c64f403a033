"""The spaCy component `flashpoint`: for users who run their own pipelines.

`nlp.add_pipe("flashpoint")` puts the same `ArticleResult` that `flashpoint.extract` returns on
`doc._.flashpoint`. The factory is registered through the `spacy_factories` entry point, so spaCy
finds it without importing Flashpoint first; the heavy modules are imported only when a component
is made, which keeps `spacy.load` of any other pipeline unaffected.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc


def make_flashpoint_component(nlp: Language, name: str, published: str | None = None) -> FlashpointComponent:
    """Build the component; `published` (YYYY-MM-DD) anchors relative dates for every Doc it sees."""
    return FlashpointComponent(published=date.fromisoformat(published) if published else None)


class FlashpointComponent:
    """Reads each Doc as one article and stores the result on `doc._.flashpoint`."""

    def __init__(self, *, published: date | None) -> None:
        if not Doc.has_extension("flashpoint"):
            Doc.set_extension("flashpoint", default=None)
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        from flashpoint.pipeline import read_doc
        from flashpoint.records import Article

        article = Article(id=doc.user_data.get("id", "doc"), text=doc.text, published=self.published)
        doc._.flashpoint = read_doc(doc, article)
        return doc


Language.factory("flashpoint", default_config={"published": None})(make_flashpoint_component)

__all__ = ["FlashpointComponent", "make_flashpoint_component"]
