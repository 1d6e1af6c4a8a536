"""Which names are bodies and which are people, as news copy writes them: "l'ONG Foodwatch",
"le quotidien Sud Ouest", "M. Piolle", "Mme Avia".

An article alone often cannot tell: "Foodwatch dénonce …" has no honorific, no given name, no
role, and the NER may call it a person. Over thousands of unannotated articles, the words written
right before a name say what it is: a definite article and a noun of a body ("l'association",
"le groupe", "le quotidien": the language's organisation, body and media nouns) or an
honorific ("M.", "Mme", "Mr."). A name is kept as one or the other when MIN_ARTICLES articles at
least write it so and RATIO times as many articles so as the other way ("le comité Adama Traoré"
names a committee after a man; the engine still reads "Adama Traoré" as a person, by his given
name).
"""

from collections import Counter
from collections.abc import Iterable
from functools import partial
from multiprocessing import get_context

from articles.extraction.pipeline import article_context

MIN_ARTICLES = 2
RATIO = 4


def article_evidence(text: str, language: str = "fr") -> set[tuple[str, str]]:
    """(name key, "organization" | "person") for each name the article writes after a body's
    noun or after an honorific (`ArticleEntities.written_kinds`)."""
    return article_context(text, language=language).written_kinds()


def derive(texts: Iterable[str], language: str = "fr", jobs: int = 2) -> dict[str, tuple]:
    """Name key → (type, articles writing it as a body, articles writing it as a person), for
    the names the articles type clearly enough (MIN_ARTICLES, RATIO), sorted."""
    counts: Counter = Counter()
    with get_context("fork").Pool(max(1, jobs)) as pool:
        read = partial(article_evidence, language=language)
        for evidence in pool.imap_unordered(read, texts, chunksize=50):
            counts.update(evidence)
    keys = sorted({key for key, _ in counts})
    out = {}
    for key in keys:
        body, person = counts[(key, "organization")], counts[(key, "person")]
        if body >= MIN_ARTICLES and body >= RATIO * person:
            out[key] = ("organization", body, person)
        elif person >= MIN_ARTICLES and person >= RATIO * body:
            out[key] = ("person", body, person)
    return out


def lines(types: dict[str, tuple]) -> str:
    """The file's lines: name key, type and the two counts, tab-separated."""
    return "".join(
        f"{key}\t{kind}\t{body}\t{person}\n" for key, (kind, body, person) in types.items()
    )
