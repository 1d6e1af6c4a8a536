"""What the dependency parse says about a quotation without a cue: who governs it.

"Le ministre de la Santé envisage « l'interdiction des rassemblements »", "Un incident qualifié
« d'attentat » par le ministre": no reporting verb, yet the sentence says who used the words — the
subject of the verb the quoted words depend on, or the agent of a passive one. The rules cannot
see that far through a clause; spaCy's parser can, and it is asked only about such sentences
(a few per article), so the engine keeps its speed.
"""

from .nlp import get_parser

SPEAKING_RELATIONS = ("nsubj", "obl:agent")  # the subject, "par X" of a passive; never nsubj:pass
# a verb, or an adjective with its copula ("ne sont « pas inquiètes »"): a noun's "subject" is
# a parsing accident
GOVERNING = ("VERB", "AUX", "ADJ")
MAX_STEPS = 8  # heads walked up from the quoted words before giving up


def governing_subject(
    text: str, sentence: tuple[int, int], quoted: tuple[int, int], language: str
) -> tuple[int, int] | None:
    """Character offsets of the subject (or passive agent) of the nearest verb above the quoted
    words `quoted` in `sentence`, when it stands outside the quotation; None otherwise."""
    parser = get_parser(language)
    if parser is None:
        return None
    start, end = sentence
    doc = parser(text[start:end])
    q_start, q_end = quoted[0] - start, quoted[1] - start
    inside = [t for t in doc if q_start <= t.idx < q_end and not t.is_punct]
    if not inside:
        return None
    head = inside[0]
    for _ in range(MAX_STEPS):
        for child in head.children if head.pos_ in GOVERNING else ():
            if child.dep_ in SPEAKING_RELATIONS and not q_start <= child.idx < q_end:
                first, last = child.left_edge, _phrase_end(child)
                if first.idx < q_end and last.idx + len(last) > q_start:
                    continue  # the subject's phrase holds the quotation itself
                if child.dep_ == "obl:agent" and first.lower_ == "par":
                    first = doc[first.i + 1]
                return start + first.idx, start + last.idx + len(last)
        if head.head is head:
            return None
        head = head.head
    return None


def _phrase_end(head):
    """The last token of the noun phrase `head` heads, a clause hung on it left out ("le
    groupe de députés, qui …")."""
    doc, last = head.doc, head.right_edge
    for child in head.rights:
        if child.dep_.startswith("acl"):
            last = doc[max(head.i, child.left_edge.i - 1)]
            break
    while last.i > head.i and last.is_punct:
        last = doc[last.i - 1]
    return last
