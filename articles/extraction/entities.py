"""Named entities: the spaCy NER run on the words around quotations, voting one label per name."""

from .cues import VerbGroup
from .lexicon import Lexicon
from .names import name_key
from .nlp import get_nlp
from .text import Sentence, Token

NER_WINDOW = 10  # tokens on each side of a quotation given to the NER


def label_entities(
    text: str,
    sentences: list[Sentence],
    sent_tokens: list[list[Token]],
    sent_groups: list[list[VerbGroup]],
    lex: Lexicon,
) -> tuple[dict[str, str], set[int]]:
    """Run the spaCy NER on the sentences attribution needs only.

    Returns the majority label of each entity (by name key) and the offsets where entities start.
    """
    nlp = get_nlp(lex.language)
    if "ner" not in nlp.pipe_names:
        return {}, set()
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
    pieces = [(a, b) for a, b in pieces if len(text[a:b].split()) >= 2]
    votes: dict[str, dict[str, int]] = {}
    starts: set[int] = set()
    docs = nlp.pipe([text[a:b] for a, b in pieces], batch_size=16)
    for (offset, _), doc in zip(pieces, docs, strict=True):
        for ent in doc.ents:
            key = name_key(ent.text)
            votes.setdefault(key, {}).setdefault(ent.label_, 0)
            votes[key][ent.label_] += 1
            starts.add(offset + ent.start_char)
    labels = {key: max(counts, key=counts.__getitem__) for key, counts in votes.items()}
    return labels, starts
