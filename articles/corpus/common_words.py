"""Capitalised words that are no names: words news copy writes in lower case inside its
sentences and with a capital only where a sentence opens ("Beaucoup estiment …", "Même son de
cloche chez …", "Loin de là").

The engine reads a capitalised word as the start of a name. Where a sentence opens, the capital
is the sentence's, and a word standing alone there — no other capitalised word after it — was
taken for a speaker's name ("Beaucoup", a Person with 24 quotations of 2,000 dispatches). Over
thousands of unannotated articles, how a word is written where nothing forces a capital tells:
a word kept when it is seen MIN_SEEN times at least inside sentences, with a capital at most
MAX_CAPITALISED of those times, and opens a sentence at least MIN_OPENING times. Given names
are never kept ("Victoire" opens names too).
"""

from collections import Counter
from collections.abc import Iterable
from itertools import batched
from multiprocessing import get_context

from articles.extraction.text import opens_sentence, tokenize

MIN_SEEN = 20
MAX_CAPITALISED = 0.05
MIN_OPENING = 2


def derive(texts: Iterable[str], given_names: frozenset[str], jobs: int = 1) -> list[str]:
    """The lower-cased words of `texts` that are common words, not names, sorted."""
    lower: Counter = Counter()
    capital: Counter = Counter()
    opening: Counter = Counter()
    with get_context("fork").Pool(max(1, jobs)) as pool:
        for counts in pool.imap_unordered(_counts, batched(texts, 500)):
            for total, part in zip((lower, capital, opening), counts, strict=True):
                total.update(part)
    return sorted(
        word
        for word, n in opening.items()
        if n >= MIN_OPENING
        and (seen := lower[word] + capital[word]) >= MIN_SEEN
        and capital[word] <= MAX_CAPITALISED * seen
        and word not in given_names
    )


def _counts(texts: tuple[str, ...]) -> tuple[Counter, Counter, Counter]:
    """How often each word is written in lower case and capitalised inside sentences, and
    capitalised where one opens."""
    lower: Counter = Counter()
    capital: Counter = Counter()
    opening: Counter = Counter()
    for text in texts:
        tokens = tokenize(text, 0, len(text), [])
        for i, tok in enumerate(tokens):
            if not tok.text[:1].isalpha():
                continue
            if opens_sentence(tokens, i):
                opening[tok.low] += tok.text[0].isupper()
            elif tok.text[0].isupper():
                capital[tok.low] += 1
            else:
                lower[tok.low] += 1
    return lower, capital, opening
