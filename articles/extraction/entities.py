"""Named entities: the spaCy NER run on the words around quotations, voting one label per name."""

from collections.abc import Sequence

from .lexicon import Lexicon
from .names import name_key
from .nlp import get_nlp
from .text import Token

NER_WINDOW = 10  # tokens on each side of a quotation given to the NER
# Pieces the NER reads at once. Its cost is mostly per call, not per piece (a dispatch has about
# five pieces): several dispatches' pieces read together (`extract_quotes_batch`) cost about
# half as much a dispatch. The labels are the same whatever the batch (tests/extraction).
NER_BATCH_SIZE = 64

Entities = tuple[dict[str, str], set[int]]


def entity_pieces(text: str, sent_tokens: list[list[Token]]) -> list[tuple[int, int]]:
    """The spans of `text` the NER reads: the words near quotations that may name someone."""
    # speakers are named outside the marks: the words inside them need no entity labels
    # and they are named near the marks: a window of words on each side is enough
    pieces: list[tuple[int, int]] = []
    for st in sent_tokens:
        if not any(t.quote >= 0 for t in st):
            continue
        run: list[Token] = []
        for t in [*st, None]:
            if t is not None and t.quote < 0:
                run.append(t)
                continue
            if run:
                parts = (
                    [run] if len(run) <= 2 * NER_WINDOW else [run[:NER_WINDOW], run[-NER_WINDOW:]]
                )
                for part in parts:
                    # a capital only on the first word of a sentence names nobody
                    if any(w.is_upper for w in part[1:]) or (
                        part[0].is_upper and part[0] is not st[0]
                    ):
                        pieces.append((part[0].start, part[-1].end))
                run = []
    return [(a, b) for a, b in pieces if len(text[a:b].split()) >= 2]


def label_entities(
    lex: Lexicon, articles: Sequence[tuple[str, list[tuple[int, int]]]]
) -> list[Entities]:
    """Run the spaCy NER over the `entity_pieces` of each (text, pieces) of `articles`, all in
    one pass.

    Returns, for each article, the majority label of each entity (by name key) and the offsets
    where entities start.
    """
    nlp = get_nlp(lex.language)
    if "ner" not in nlp.pipe_names:
        return [({}, set()) for _ in articles]
    texts = [text[a:b] for text, pieces in articles for a, b in pieces]
    docs = list(nlp.pipe(texts, batch_size=NER_BATCH_SIZE))
    found = []
    done = 0
    for _, pieces in articles:
        votes: dict[str, dict[str, int]] = {}
        starts: set[int] = set()
        for (offset, _), doc in zip(pieces, docs[done : done + len(pieces)], strict=True):
            for ent in doc.ents:
                key = name_key(ent.text)
                votes.setdefault(key, {}).setdefault(ent.label_, 0)
                votes[key][ent.label_] += 1
                starts.add(offset + ent.start_char)
        labels = {key: max(counts, key=counts.__getitem__) for key, counts in votes.items()}
        found.append((labels, starts))
        done += len(pieces)
    return found
