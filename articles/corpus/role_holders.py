"""Who holds which role, as news copy says it: "le ministre de l'Intérieur Christophe Castaner",
"Jean-François Delfraissy, président du Conseil scientifique".

Each article binds roles to names (`ArticleContext.bindings`); over thousands of unannotated
articles those bindings say who holds an office, so that an article which names Christophe
Castaner and later writes "le ministre de l'Intérieur" without binding it can be read as news
copy elsewhere reads it. A pair (role, person) is kept when two articles at least bind it: one
article's apposition may be a misreading, two rarely are. Only people with a given name and a
surname, and never a body ("le groupe de Patrick Drahi" is his group, not him).
"""

from collections import Counter
from collections.abc import Iterable
from functools import partial
from multiprocessing import get_context

from articles.extraction.names import name_key
from articles.extraction.pipeline import article_context

MIN_ARTICLES = 2


def article_pairs(text: str, language: str = "fr") -> set[tuple[str, str]]:
    """(role words, person's name key) for each role the article binds to a person's full name."""
    ctx = article_context(text, language=language)
    pairs = set()
    for binding in ctx.bindings:
        full = ctx.full_name(binding.name)
        key = name_key(full)
        if binding.owner or not binding.role_words or len(key.split()) < 2:
            continue
        if ctx.name_type(full) == "person":
            pairs.add((" ".join(binding.role_words), key))
    return pairs


def derive(texts: Iterable[str], language: str = "fr", jobs: int = 2) -> dict[tuple[str, str], int]:
    """(role words, name key) → number of articles binding them, for pairs that at least
    MIN_ARTICLES articles bind, sorted."""
    counts: Counter = Counter()
    with get_context("fork").Pool(max(1, jobs)) as pool:
        read = partial(article_pairs, language=language)
        for pairs in pool.imap_unordered(read, texts, chunksize=50):
            counts.update(pairs)
    return {pair: n for pair, n in sorted(counts.items()) if n >= MIN_ARTICLES}


def lines(holders: dict[tuple[str, str], int]) -> str:
    """The file's lines: role words, name key and count, tab-separated."""
    return "".join(f"{role}\t{key}\t{n}\n" for (role, key), n in holders.items())
