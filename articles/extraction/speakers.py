"""Speaker resolution inside one article: each quotation's mention (a name, a pronoun, a
description, none) mapped to a speaker, against the article's entities (article_entities.py)."""

import re
from dataclasses import dataclass
from functools import cached_property

from .article_entities import (
    _MEDIA_NOUNS,
    _ROLE_ADJECTIVES,
    ArticleEntities,
    _clean_name,
    _head,
    _index_of,
    _role_words,
    person_noun,
)
from .cues import GENERIC_BODIES, Mention
from .lexicon import Lexicon, role_holders, title_gender
from .names import name_key

# where a document's author begins ("le rapport de l'ONU", "une estimation faite par l'Inserm")
_AUTHOR = re.compile(
    r"\b(?:par la|par l'|par le|par les|par|de la|de l'|du|des|de|d'|of the|of|from|by)\s*"
)

_DEFINITE = frozenset(["le", "la", "l'", "les", "the", "ce", "cet", "cette", "this"])

_AUTHOR_WORDS = frozenset(["by", "from", "of", "par", "de", "du", "des", "d'"])

ROLE_REACH = 400  # characters: how far a qualified role looks for the person it stands for
RECENT = 250  # characters: a person named this close before a pronoun outweighs the story's subject


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name, type, role bound in the article, gender if known."""

    name: str | None
    type: str
    role: str | None = None
    gender: str | None = None
    guessed: bool = False  # resolved by a weaker rule (a role never bound, a pronoun to a role)
    writer: bool = False  # the article's writer, who says "I": never "he", "she" or "they"


class ArticleContext(ArticleEntities):
    """The article's entities, and the speaker each mention of the article stands for."""

    # -- resolution ------------------------------------------------------------------------
    def resolve(
        self,
        mention: Mention | None,
        *,
        position: int,
        previous: Speaker | None,
        continuation: bool,
        previous_position: int = -1,
        anaphora: bool = False,
        reported: bool = False,
    ) -> Speaker:
        """Map a mention to a canonical speaker, using what the article said before.

        `anaphora`: the previous speaker is recent and nothing marks a change of speaker, so a
        definite role description the article never bound to a name ("l'expert") may be them.
        `reported`: the mention is the subject of reported speech ("la plainte affirme que"),
        where a thing may be the source.
        """
        if mention is None:
            return self._antecedent("x", position, previous, previous_position)
        if mention.kind == "pronoun":
            return self._pronoun_speaker(mention, position, previous, previous_position)
        if mention.kind == "names":
            full = [self.full_name(n) for n in mention.names]
            joiner = f" {self.lex.lang.conjunction} "
            return Speaker(joiner.join(full), "group")
        if mention.kind == "name" and mention.name:
            return self._name_speaker(mention)
        return self._description_speaker(
            mention,
            position=position,
            previous=previous,
            continuation=continuation,
            previous_position=previous_position,
            anaphora=anaphora,
            reported=reported,
        )

    def _pronoun_speaker(
        self, mention: Mention, position: int, previous: Speaker | None, previous_position: int
    ) -> Speaker:
        """The speaker a pronoun stands for: the person named last ("ce dernier"), a group
        ("ils"), else the antecedent that agrees in gender."""
        lex = self.lex
        position = min(position, mention.start)  # "Ils proposent … des soignants « … »": not them
        key = " ".join(mention.text.lower().replace("’", "'").split())
        if key in lex.lang.writer_pronouns:
            return self._writer()
        if previous is not None and previous.writer:
            previous = None
        gender, number = lex.pronouns.get(key, ("x", "s"))
        if gender == "n":
            body = self._body_antecedent(position, previous)
            if body is not None:
                return body
            gender = "x"
        if number == "d":
            # "ce dernier", "celle-ci": the person named last, not the last speaker
            latest = self.latest_person_before(
                mention.start, lambda name: self.gender_of(name) in (None, gender)
            )
            if latest is not None:
                return Speaker(latest, "person", self._role_of(latest), self.gender_of(latest))
            number = "s"
        if number == "p":
            groups = [(p, g) for p, g in self.plural_groups if p < position]
            described = [(p, d) for p, d in self.plural_descriptions if p < position]
            if described and (not groups or described[-1][0] > groups[-1][0]):
                # "Les habitants s'inquiètent. « … », expliquent-ils."
                if (
                    previous is not None
                    and previous.type in ("group", "organization")
                    and previous_position >= described[-1][0]
                ):
                    return previous
                return Speaker(described[-1][1], "group")
            if groups:
                joiner = f" {lex.lang.conjunction} "
                return Speaker(joiner.join(self.full_name(n) for n in groups[-1][1]), "group")
            if previous is not None and previous.type in ("group", "organization"):
                return previous
        if number == "s" and gender != "x" and previous is not None and previous.type == "group":
            previous = None  # "il" / "elle" cannot stand for "les habitants" ("on" may)
        return self._antecedent(gender, min(position, mention.start), previous, previous_position)

    def _body_antecedent(self, position: int, previous: Speaker | None) -> Speaker | None:
        """The body "it" stands for ("It says the plan …"): the previous speaker if a body, else
        the organisation the article named most, if any."""
        if previous is not None and previous.type == "organization":
            return previous
        body = self.latest_organisation_before(position)
        return Speaker(body, "organization") if body else None

    def _writer(self) -> Speaker:
        """The writer of the article, who says "I" outside quotation marks."""
        name = self.lex.lang.author_note(self.text)
        if name is None:
            return Speaker("reporter", "anonymous", writer=True)
        return Speaker(name, "person", None, self.gender_of(name), writer=True)

    def _name_speaker(self, mention: Mention) -> Speaker:
        """The speaker a name mention gives: its fullest form in the article, with a role."""
        full = self.full_name(mention.name)
        kind = self.name_type(full, mention)
        if kind == "person":
            # a document's owner holds no role by it ("les calculs de Mme X")
            role = self._role_of(full) if mention.owner else mention.role or self._role_of(full)
            if mention.role and mention.determiner is None and mention.role[:1].isupper():
                role = self._role_of(full)
            return Speaker(full, kind, role, self.gender_of(full))
        return Speaker(_clean_name(full), kind, None)

    def _description_speaker(
        self,
        mention: Mention,
        *,
        position: int,
        previous: Speaker | None,
        continuation: bool,
        previous_position: int,
        anaphora: bool,
        reported: bool,
    ) -> Speaker:
        """A description: a role the article bound to a name, the previous speaker, the person
        a definite role stands for, else a described source."""
        lex = self.lex
        role = mention.role or mention.text
        head = _head(role, lex)
        if not reported and not self._may_speak(role, head):
            # "a défendu le final de la saison": an object read as the subject; nobody named
            return self._antecedent("x", position, previous, previous_position)
        bound = self._bound_speaker(mention, role, head, position)
        if bound is not None:
            return bound
        gender = _DETERMINER_GENDER.get(mention.determiner or "")
        form = title_gender(head, lex)
        if form == "f" or (gender is None and form == "m"):
            gender = form  # "l'élue", "l'élu": the noun shows what the elided article hides
        if (
            (continuation or (anaphora and head in lex.titles))
            and previous is not None
            and previous.name is not None
            and previous.type in ("person", "anonymous")
            and mention.determiner not in lex.indefinites
            # "les médecins" are not one of them
            and not (mention.determiner in lex.plural_determiners and head.endswith(("s", "x")))
            and head not in lex.organisations
            # "le réseau social", "l'électricien": a body, never the person who spoke last
            and head not in GENERIC_BODIES
            and head not in _MEDIA_NOUNS
            and (gender is None or previous.gender is None or gender == previous.gender)
            and not (
                previous.type == "anonymous"
                and any(
                    previous_position < start < mention.start
                    and self._surely_person(self.full_name(name))
                    for start, name in self.subject_runs
                )
            )
        ):
            return previous  # (an unnamed speaker gives way to a person named since)
        held = self._known_holder(mention, role, head)
        if held is not None:
            return held
        unbound = self._unbound_role_speaker(mention, role, head, gender)
        if unbound is not None:
            return unbound
        return self._described_speaker(mention, role, head, gender, previous)

    def _bound_speaker(
        self, mention: Mention, role: str, head: str, position: int
    ) -> Speaker | None:
        """The name the article bound to the role of a (not indefinite) description."""
        lex = self.lex
        binding = self.bound_name(role, position)
        if binding is None and head in lex.organisations:
            # "la direction de la chaîne …": the body the article named is in the complement
            for complement in re.split(r"\b(?:de la|de l'|du|des|de)\s+", role)[1:]:
                binding = self.bound_name(complement, position)
                if binding is not None:
                    break
        if binding is None or mention.determiner in lex.indefinites:
            return None
        full = self.full_name(binding.name)
        if (
            binding.owner
            and (head in lex.organisations or head in GENERIC_BODIES or head in _MEDIA_NOUNS)
            and self.name_type(full) == "person"
        ):
            return None  # "le groupe de médias de Patrick Drahi" is his group, not him
        kind = "organization" if binding.owner else self.name_type(full)
        if kind == "organization" and not binding.owner and head in lex.titles:
            return None  # "le député" after "le député LREM X": a person, not the party
        if self.entity_labels.get(name_key(full)) in ("LOC", "GPE") or (
            kind == "person"
            and (head in lex.organisations or head in GENERIC_BODIES or head in _MEDIA_NOUNS)
        ):
            return None  # "l'institut météorologique" is not a place, "le groupe" no person
        if (
            binding.owner
            and head in lex.organisations
            and len(_role_words(role)) == 1
            and len(full.split()) == 1
        ):
            # "le ministère" after "le ministère du Travail": the body, not "Travail"
            fuller = self._fuller_description(head, mention.start)
            if fuller is not None and re.search(rf"\b{re.escape(full)}\b", fuller):
                return Speaker(fuller, "organization")
        gender = self.gender_of(full)
        shown = self._shown_gender(mention, head)
        if kind == "person" and None not in (gender, shown) and gender != shown:
            return None  # "la docteure" is not "son mari Ruben, médecin"
        return Speaker(full, kind, None if binding.owner else role, gender)

    def _known_holder(self, mention: Mention, role: str, head: str) -> Speaker | None:
        """The one person the article names whom news copy elsewhere binds to this definite
        role ("le ministre de l'Intérieur" in an article naming Christophe Castaner, which
        never wrote the two together; `derive_role_holders`). Two such people: neither. Only a
        role a person holds ("l'enquête sur la mort de X" binds no office to X)."""
        lex = self.lex
        if mention.determiner not in _DEFINITE or not (
            head in lex.titles or head in lex.person_nouns or person_noun(role, lex)
        ):
            return None
        holders = role_holders(lex.language).get(" ".join(_role_words(role)))
        if not holders:
            return None
        named = {
            name_key(full): full
            for full in (self.full_name(name) for _, _, name in self.runs)
            if name_key(full) in holders and self.name_type(full) == "person"
        }
        if len(named) != 1:
            return None
        (full,) = named.values()
        return Speaker(full, "person", role, self.gender_of(full))

    def _shown_gender(self, mention: Mention, head: str) -> str | None:
        """The gender a description shows for sure: a feminine article or noun, or a masculine
        article with a masculine noun ("le directeur"; "le ministre" may be a woman)."""
        shown = _DETERMINER_GENDER.get(mention.determiner or "")
        form = title_gender(head, self.lex)
        if shown == "f" or form == "f":
            return "f"
        return "m" if shown == "m" and form == "m" else None

    def _unbound_role_speaker(
        self, mention: Mention, role: str, head: str, gender: str | None
    ) -> Speaker | None:
        """The person a definite role the article never bound stands for, if any.

        "« … », a dit le chanteur" after "Tino Vasquez a annulé sa tournée": a definite role the
        article never bound names the person it spoke of last — or, when none fits, the person
        it names next ("la porte-parole … Lina Ferrat")."""
        lex = self.lex
        if head in GENERIC_BODIES or head in _MEDIA_NOUNS:
            return None  # "chez l'électricien", "le groupe": a body, never a person named before
        two = " ".join(_role_words(role)[:2])
        title = head in lex.titles or two in _ascii_titles(lex)
        if mention.determiner not in ("le", "la", "l'", "the", "ce", "cet", "cette") or not (
            title or person_noun(role, self.lex) or head in lex.person_nouns
        ):
            return None

        bare_role = [
            w
            for w in _role_words(role)
            if w not in _ROLE_ADJECTIVES and not w.isdigit() and w not in ("ans", "years")
        ]  # "le boulanger de 29 ans": an age qualifies nobody out
        protagonist = self._protagonist_after(mention.start, gender or _noun_gender(head, lex))
        if (
            protagonist is not None
            and head in lex.person_nouns
            and head not in lex.titles
            and len(bare_role) == 1  # "le jeune homme âgé de 20 ans" is someone of their own
        ):
            return protagonist  # "l'homme" of a story about "un homme de 21 ans"
        # "l'ancien collaborateur de Paul Dupré": the person in the complement is not him
        inside = {
            name_key(self.full_name(name))
            for start, _, name in self.runs
            if mention.start <= start < mention.end
        }

        def fits(name: str) -> bool:
            known = self.gender_of(name)
            return (
                (gender is None or known in (None, gender))
                and (not title or self._may_hold(name, role))
                and name_key(name) not in inside
            )

        # a qualified role ("le négociateur palestinien") only takes a person just named
        # ("le Premier ministre", one office in two words, is not qualified)
        single = len(bare_role) == 1 or " ".join(bare_role) in _ascii_titles(lex)
        reach = None if single else ROLE_REACH
        latest = self.latest_person_before(mention.start, fits, reach=reach)
        if latest is None:
            latest = self.first_person_after(mention.end, fits, reach=reach)
        if latest is not None:
            return Speaker(latest, "person", role, self.gender_of(latest), guessed=True)
        return None

    @cached_property
    def protagonist(self) -> tuple[int, Speaker] | None:
        """The person a story is about without naming them, and where it first describes them:
        a person description (no office) opening a clause before the article names anybody
        ("Le principal suspect de l'attaque a …", "Un homme de 21 ans a …")."""
        lex = self.lex
        first = len(self.text)
        for start, _, name in self.runs:
            full = self.full_name(name)
            if self.name_type(full) == "person" and self._surely_person(full):
                first = start
                break
        for m in self.subject_descriptions:
            if m.start >= first:
                return None
            role = m.role or m.text
            head = _head(role, lex)
            gender = _DETERMINER_GENDER.get(m.determiner or "") or _noun_gender(head, lex)
            if head not in lex.titles and gender is not None:
                return m.start, Speaker(
                    _description(role), "anonymous", gender=gender, guessed=True
                )
        return None

    def _protagonist_after(self, position: int, gender: str | None) -> Speaker | None:
        """The story's unnamed subject (`protagonist`), if described before `position` with
        this gender."""
        if self.protagonist is None:
            return None
        start, speaker = self.protagonist
        return speaker if start < position and gender == speaker.gender else None

    def _may_speak(self, role: str, head: str) -> bool:
        return may_speak(role, head, self.lex)

    def _described_speaker(
        self,
        mention: Mention,
        role: str,
        head: str,
        gender: str | None,
        previous: Speaker | None,
    ) -> Speaker:
        """A source the article describes without naming: an outlet, an organisation, the body
        behind a document, a group or an anonymous source."""
        lex = self.lex
        description = _description(role)
        if lex.lang.employer_after_role and head in lex.titles:
            description += self._english_employer(mention.end)
        if (
            mention.determiner in ("le", "la", "l'", "the")
            and head in _MEDIA_NOUNS
            and len(_role_words(role)) <= 2
        ):
            # "« … », précise le quotidien": the outlet the article named last
            for start, _, name in reversed(self.runs):
                if start < mention.start and self._is_outlet(name):
                    return Speaker(_clean_name(self.full_name(name)), "organization")
        written_by = self._document_author(mention, head) if head in lex.documents else None
        if written_by is not None:
            return written_by  # "a Reuters survey", "the poll" of the Reuters survey
        if (
            head in lex.organisations
            or head in GENERIC_BODIES
            or name_key(role) in lex.organisations
        ):
            if (
                mention.determiner in ("le", "la", "l'", "the")
                and head in GENERIC_BODIES
                and not re.search(r"\b(?:de|du|des|d'|of)\b", role)
            ):
                # "« … », a précisé le groupe": the body the article named last
                named = self.latest_organisation_before(
                    mention.start
                ) or self.latest_unknown_body_before(mention.start)
                if named is not None:
                    return Speaker(named, "organization", guessed=True)
            if mention.determiner in ("le", "la", "l'") and len(_role_words(role)) == 1:
                fuller = self._fuller_description(head, mention.start)
                if fuller is not None:
                    return Speaker(fuller, "organization")  # "la préfecture de police"
            return Speaker(description, "organization")
        if head in lex.documents:
            # "un communiqué de l'armée": the body that wrote it speaks
            author = _AUTHOR.split(role, maxsplit=1)
            if len(author) == 2 and author[1].strip():
                owner = self._document_owner(author[1], mention.start)
                if owner is not None:
                    return owner
            if (
                previous is not None
                and previous.type == "organization"
                and mention.determiner not in lex.indefinites
            ):
                return previous  # "le communiqué" of the body that spoke last, not "une source"
        if head in lex.groups or (
            # "certains journalistes", "plusieurs sondages": many voices, never one "il"
            mention.determiner in lex.plural_determiners and head.endswith(("s", "x"))
        ):
            return Speaker(description, "group")
        return Speaker(description, "anonymous", gender=gender)

    def _document_owner(self, owner: str, position: int) -> Speaker | None:
        """The speaker the words after a document's "de" name ("le communiqué de l'armée"),
        if any: a body, the person a role stands for, or a name."""
        lex = self.lex
        words = owner.lower().replace("’", "'").split()
        if words and (words[0] in lex.organisations or words[0] in lex.groups):
            return Speaker(_description(owner), "organization")
        held = [w for w in words if w not in _ROLE_ADJECTIVES]
        if held and held[0] in lex.titles:
            # "le compte Twitter de l'ancien ministre de l'Éducation": whom the role names
            binding = self.bound_name(owner, position)
            full = self.full_name(binding.name) if binding and not binding.owner else None
            if full is not None and self.name_type(full) == "person":
                return Speaker(full, "person", _description(owner), self.gender_of(full))
        if owner[:1].isupper():
            # "selon les chiffres de la Sécurité routière": the body that wrote them
            written = owner.strip()
            full = self.full_name(written)
            if written not in full:
                full = written  # "Sécurité routière", not its capitalised word alone
            return Speaker(_clean_name(full), self.name_type(full))
        return None

    def _document_author(self, mention: Mention, head: str) -> Speaker | None:
        """Who wrote the document a mention names, when the article says it next to the
        document: "a Bloomberg poll", "a web video by the Republican National Committee"; and
        for "the poll", the author of the poll the article spoke of before."""
        tokens = self.tokens
        k = next(
            (
                i
                for i in range(_index_of(tokens, mention.end) - 1, -1, -1)
                if tokens[i].start >= mention.start
                and tokens[i].low.rstrip("s") == head.rstrip("s")
            ),
            None,
        )
        if k is None:
            return None
        author = self._author_at(k)
        if author is not None or mention.determiner not in _DEFINITE:
            return author
        for i in range(k - 1, -1, -1):  # "the poll": the last poll the article introduced
            if mention.start - tokens[i].start > 4000:
                break
            if tokens[i].low.rstrip("s") != head.rstrip("s"):
                continue
            author = self._author_at(i)
            if author is not None or (i > 0 and tokens[i - 1].low in self.lex.indefinites):
                return author
        return None

    def _author_at(self, k: int) -> Speaker | None:
        """The name written as the author of the document noun at token `k`: a name right
        before it in English ("a Reuters survey"), after "by", "from", "par" ("un rapport
        publié par l'Insee") or an organisation after "of"/"de"."""
        tokens, lex = self.tokens, self.lex
        name = None
        if lex.lang.head_noun_last:
            j = k - 1
            while (
                j >= 0
                and k - j <= 3
                and tokens[j].low.isalpha()
                and not tokens[j].is_upper
                and tokens[j].low not in lex.determiners
            ):
                j -= 1  # "a Bloomberg national poll", "a memorable Clinton ad"
            end = j + 1
            while j >= 0 and tokens[j].is_upper and tokens[j].low not in lex.determiners:
                j -= 1
            first = j + 1
            while j >= 0 and first - j <= 2 and tokens[j].low.isalpha() and not tokens[j].is_upper:
                if tokens[j].low in lex.determiners:
                    break
                j -= 1  # "a memorable Hillary Clinton ad"
            if end > first and j >= 0 and tokens[j].low in lex.determiners:
                name = self.text[tokens[first].start : tokens[end - 1].end]
        after = k + 1
        if name is None and after < len(tokens) and tokens[after].low in _AUTHOR_WORDS:
            by = tokens[after].low in ("by", "from", "par")
            j = after + 1
            while j < len(tokens) and tokens[j].low in lex.determiners:
                j += 1
            end = j
            while end < len(tokens) and (
                tokens[end].is_upper
                or (
                    end > j
                    and tokens[end].low in ("of", "de", "des", "du", "and", "et")
                    and end + 1 < len(tokens)
                    and tokens[end + 1].is_upper
                )
            ):
                end += 1
            if end > j:
                written = self.text[tokens[j].start : tokens[end - 1].end]
                kind = self.name_type(self.full_name(written))
                if by or kind == "organization":
                    name = written
        if name is None:
            return None
        full = _clean_name(self.full_name(name))
        if self.entity_labels.get(name_key(full)) in ("LOC", "GPE"):
            return None
        return Speaker(full, self.name_type(full))

    def _antecedent(
        self, gender: str, position: int, previous: Speaker | None, previous_position: int
    ) -> Speaker:
        """The person a pronoun stands for: the last speaker, unless a person named later as
        the subject of a clause took the floor (gender permitting)."""

        def fits(name: str | None) -> bool:
            if name is None or gender not in ("m", "f"):
                return True
            known = self.gender_of(name)
            return known is None or known == gender

        described = self._subject_description(gender, position, previous_position)
        if described is not None:
            return described
        for start, name in reversed(self.subject_runs):
            if start >= position:
                continue
            if start <= previous_position and previous is not None:
                break
            full = self.full_name(name)
            if self.name_type(full) != "person" or not fits(full):
                continue
            if not self._surely_person(full):
                continue  # taking the floor from the last speaker needs a sure person
            if previous is not None and name_key(full) == name_key(previous.name or ""):
                return previous
            return Speaker(full, "person", self._role_of(full), self.gender_of(full))
        if (
            previous is not None
            and previous.name is not None
            and fits(previous.name)
            and (gender not in ("m", "f") or previous.gender in (None, gender))
            and not (
                previous.type == "organization"
                and (
                    self._person_between(previous_position, position)
                    # "Selon Le Parisien, …. « … », a-t-il dit": an outlet reports, a person speaks
                    or (gender in ("m", "f") and self._is_outlet(previous.name))
                )
            )
            # English "he" and "she" stand for people, never for "the Senate" or "Dover Mills"
            and not (
                self.lex.lang.gendered_pronouns_people_only
                and gender in ("m", "f")
                and previous.type in ("organization", "group")
            )
        ):
            return previous
        protagonist = self._protagonist_after(position, gender)
        if protagonist is not None and self.latest_person_before(position, fits, RECENT) is None:
            return protagonist  # nobody named just before: the story's unnamed subject
        latest = self.latest_person_before(position, fits)
        if latest is not None:
            return Speaker(latest, "person", self._role_of(latest), self.gender_of(latest))
        described = self._latest_role_before(position, gender)
        if described is not None and (previous is None or not fits(previous.name)):
            # "La ministre a répondu. « … », a-t-elle ajouté": no woman named, the role is her
            # — or the one the article names later in that role
            binding = self.bound_name(described, position)
            if binding is not None and not binding.owner:
                full = self.full_name(binding.name)
                return Speaker(full, "person", described, self.gender_of(full), guessed=True)
            return Speaker(described, "anonymous", gender=gender, guessed=True)
        if previous is not None:
            return previous
        for start, name in reversed(self.subject_runs):
            # nobody surer: a one-word name opening a clause ("Tate was blunt.")
            full = self.full_name(name)
            if start < position and self.name_type(full) == "person" and fits(full):
                return Speaker(full, "person", self._role_of(full), self.gender_of(full))
        return Speaker(None, "unknown")

    def _subject_description(
        self, gender: str, position: int, previous_position: int
    ) -> Speaker | None:
        """The speaker a pronoun stands for when the last clause before it, since the previous
        quotation, opened with a person description of its gender and no name opened one since:
        the person a definite description stands for, or the unnamed source an indefinite one
        describes ("Un cadre de la chaîne doute. « … », assure-t-il")."""
        if gender not in ("m", "f"):
            return None
        latest = None
        for mention in self.subject_descriptions:
            if previous_position < mention.start < position:
                latest = mention
        if latest is None or any(latest.start < s < position for s, _ in self.subject_runs):
            return None
        role = latest.role or latest.text
        shown = _DETERMINER_GENDER.get(latest.determiner or "") or title_gender(
            _head(role, self.lex), self.lex
        )
        if shown != gender:
            return None
        if latest.determiner in self.lex.indefinites:
            return Speaker(_description(role), "anonymous", gender=gender, guessed=True)
        head = _head(role, self.lex)
        bound = self._bound_speaker(latest, role, head, position)
        if bound is not None:
            return bound if bound.type == "person" else None
        return self._unbound_role_speaker(latest, role, head, gender)

    def _latest_role_before(self, position: int, gender: str) -> str | None:
        """The last definite role description ("la ministre", "le juge") before `position`
        whose gender is `gender`."""
        if gender not in ("m", "f"):
            return None
        toks = self.tokens
        k = _index_of(toks, position) - 1
        while k > 0 and position - toks[k].start < 600:
            head, det = toks[k], toks[k - 1]
            if head.quote < 0 and head.low in self.lex.titles and det.low in ("le", "la", "l'"):
                shown = _DETERMINER_GENDER.get(det.low) or title_gender(head.low, self.lex)
                if shown == gender:
                    return _description(head.text)
            k -= 1
        return None

    def _person_between(self, after: int, before: int) -> bool:
        """Is a sure person named between the offsets (a pronoun then stands for a person
        rather than for the organisation that spoke last)?"""
        return any(
            after < start < before and self._surely_person(self.full_name(name))
            for start, _, name in self.runs
        )


_DETERMINER_GENDER = {
    "le": "m",
    "un": "m",
    "ce": "m",
    "cet": "m",
    "la": "f",
    "une": "f",
    "cette": "f",
}


def role_may_speak(role: str, lex: Lexicon) -> bool:
    """`may_speak` for a description's role, its head read as resolution reads it."""
    return may_speak(role, _head(role, lex), lex)


def may_speak(role: str, head: str, lex: Lexicon) -> bool:
    """Can a description with this head speak: a person, a role, a body, a group, an outlet or
    a document? Unknown words may, in a language without a list of persons."""
    singular = re.sub(r"(?<=[^sx])[sx]$", "", head)  # "les associations", "les médias"
    return (
        not lex.person_nouns
        or any(
            h in lex.titles
            or h in lex.organisations
            or h in lex.groups
            or h in lex.documents
            or h in _MEDIA_NOUNS
            or h in GENERIC_BODIES
            or h in lex.person_nouns
            for h in (head, singular)
        )
        or person_noun(role, lex)
        # an office in two words: "le numéro un de la CGT", "le souverain pontife"
        or " ".join(_role_words(role)[:2]) in _ascii_titles(lex)
    )


_TITLE_KEYS: dict[str, frozenset[str]] = {}


def _ascii_titles(lex: Lexicon) -> frozenset[str]:
    """The titles as `_role_words` writes them ("premier ministre", "garde des sceaux")."""
    if lex.language not in _TITLE_KEYS:
        _TITLE_KEYS[lex.language] = frozenset(" ".join(_role_words(t)) for t in lex.titles)
    return _TITLE_KEYS[lex.language]


def _noun_gender(head: str, lex: Lexicon) -> str | None:
    """The gender a person noun shows by itself ("l'homme", "la femme")."""
    return lex.lang.title_gender(head, lex.person_nouns) if head in lex.person_nouns else None


def _description(role: str) -> str:
    """A described source as the gold writes it: lower-case, no article."""
    out = role.strip().lower().replace("’", "'")
    out = re.sub(r"^(?:(?:le|la|les|un|une|des|the|a|an)\s+|l')", "", out)
    return out
