"""Quotations in a dispatch's body: the engine's findings stored as suggestions, linked to the
people registry (`attribute_quotes`, run in the background by `schedule_attribution`), and their
offsets kept true when a body changes (`save_article`, `reanchor_quotes`).

Every write path of a body (admin form and revert, imports, editorial services) saves the article
through `save_article`, which re-anchors its quotations in the same transaction.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import re
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from itertools import batched, islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone

from articles.extraction import KnownName, extract_quotes, extract_quotes_batch
from articles.extraction.lexicon import first_name_gender
from articles.extraction.names import name_keys
from articles.languages import ATTRIBUTION_LANGUAGES, primary_language
from articles.models import (
    Article,
    Person,
    PersonAlias,
    Quotation,
    Quote,
    Role,
    alias_key,
    slug_base,
    surname_key,
)
from articles.services.people import infer_genders, names_someone
from articles.services.quotations import QuotationGrouper, group_new_quotes, group_quotes
from articles.services.roles import dispatch_day, office_holder, roles_on, suggest_roles

logger = logging.getLogger(__name__)

# What storing reads of a person the registry knows (`BatchStore.read_registry`).
PERSON_READ = ("id", "kind", "name", "origin")


def known_name(name: str, kind: str, origin: str) -> KnownName:
    """What the engine is told of a registry name: its canonical form, and its kind where staff
    entered or confirmed the person (an automatic person's kind is the engine's own guess)."""
    return KnownName(name, str(kind) if origin == Person.Origin.MANUAL else None)


def attribute_quotes(*, article: Article) -> int:
    """Run the quote engine on `article` and store its suggestions; return how many were added.

    The single entry point every write path calls after a dispatch is created or its body changes.
    Idempotent, and reviewers win: a quotation a reviewer confirmed, corrected or rejected is never
    overwritten, duplicated or brought back; suggestions the engine no longer makes are removed.
    """
    return _attribute(article, None)


def _attribute(article: Article, batch: BatchStore | None) -> int:
    language = primary_language(article.language)
    if language not in ATTRIBUTION_LANGUAGES:
        return 0
    return store_suggestions(article=article, found=_extract(article, language), batch=batch)


def _extract(article: Article, language: str, batch: BatchStore | None = None):
    if batch is not None:
        batch.flush(PersonAlias)  # the registry's names as the dispatches before left them
    return extract_quotes(article.body, language=language, known_names=registry_names(article.body))


# Engine calls handed to each engine process ahead of the dispatch being stored.
LOOKAHEAD = 2
# Engine calls handed to each engine process by `expect`, before an import writes its next
# batch: enough to keep them busy while it does (≈ 0.35 s for 250 dispatches on PostgreSQL,
# ≈ 25 dispatches' engine runs a process).
EXPECTED_CALLS = 6
# Dispatches per engine call (`extract_quotes_batch`): the NER's cost is mostly per call, and
# four dispatches read together cost about half as much each as one at a time. More would put
# more dispatches ahead, each more likely to be extracted again for a name a dispatch before it
# adds to the registry (`_attribute_forked`).
ENGINE_GROUP = 4
# The engine's processes yield to the one storing (the batch's one sequential part) and to the
# site's own processes.
ENGINE_NICENESS = 10
# Dispatches stored to a transaction: one commit and one page cache generation for several, the
# write lock held ≈ 0.1 s. A failure undoes only its own dispatch (`_store_together`).
STORED_PER_TRANSACTION = 10


class BatchStore:
    """What the dispatches of a batch share while they are stored one after the other: the
    quotation grouper (each speaker's candidate quotations read once for the batch, kept in step
    with what the batch writes) and the people whose gender is inferred once, at the end.

    Both leave the database as `attribute_quotes` one dispatch after the other does: a person's
    gender depends only on their aliases and latest quotations, which only the dispatches naming
    them change, so inferring it after the last of those gives what inferring it after each
    gives; the grouper is forgotten whenever a dispatch writes what it does not follow (earlier
    suggestions replaced, a failure rolled back)."""

    def __init__(self) -> None:
        self.grouper = QuotationGrouper()
        self.people: set[int] = set()
        # The name keys the people created by the last dispatch stored change: their alias
        # keys, and the surnames of the persons among them.
        self.new_keys: set[str] = set()
        # The registry's names under the batch's name keys (`read_registry`), kept in step with
        # the people the batch creates: what `registry_lookup` would read, without its query;
        # and the people under them, what `SpeakerRegistry.resolve` would read. A key read and
        # absent names nobody.
        self.registry: dict[str, KnownName] = {}
        self.persons: dict[str, Person] = {}
        self.read_keys: set[str] = set()
        # The registry's persons under each one-word key read as a surname (`surname_lookup`).
        self.by_surname: dict[str, dict[str, KnownName]] = {}
        self.surnames_read: set[str] = set()
        # The confirmed roles valid on each day, read once for the batch (`OfficeResolver`).
        self.roles: dict = {}
        # The titles of each person's roles read or written so far (`suggest_roles`), kept in
        # step with the roles the batch suggests; none for a person the batch created.
        self.titles: dict[int, list[str]] = {}
        # The dispatches of the current transaction, each read (locked) with its quotations at
        # the transaction's start (`begin`), and the people they mention, inserted at its end
        # (`end`): two statements a transaction instead of three a dispatch.
        self.stored: dict[int, tuple[Article, list[Quote]]] = {}
        self.mentions: list | None = None  # None: outside such a transaction, inserted at once
        # In a transaction without a savepoint a dispatch (`_store_together`), the new names,
        # quotations, suggestions and roles of its dispatches, inserted at its end, one INSERT a
        # table in the order of one a dispatch (so the same ids). None: inserted at once.
        self.deferred: dict[type, list] | None = None

    def read_registry(self, keys: set[str]) -> None:
        """Read the registry's names and people under `keys` (those of the batch's dispatches)
        at once, and its persons under the one-word keys as surnames."""
        words = {key for key in keys if " " not in key} - self.surnames_read
        for surname, found in surname_lookup(words).items():
            self.by_surname.setdefault(surname, {}).update(found)
        self.surnames_read |= words
        keys = keys - self.read_keys
        self.flush_names(keys)
        for chunk in batched(sorted(keys), 500):
            rows = PersonAlias.objects.filter(key__in=chunk).order_by()
            rows = rows.values_list(
                "key", "person_id", "person__kind", "person__name", "person__origin"
            )
            for key, person_id, kind, name, origin in rows:
                self.registry[key] = known_name(name, kind, origin)
                # Only what storing reads of a known person; the rest is deferred.
                self.persons[key] = Person.from_db(
                    rows.db, PERSON_READ, (person_id, kind, name, origin)
                )
        self.read_keys |= keys

    def names(self, keys: set[str]) -> dict[str, KnownName]:
        """`registry_lookup(keys)` for keys read by `read_registry`, from memory."""
        if (
            not keys <= self.read_keys
            or not {k for k in keys if " " not in k} <= self.surnames_read
        ):
            self.read_registry(keys)
        return names_under(keys, self.registry, self.by_surname)

    def learn(self, keys: list[str], persons: dict[str, Person]) -> None:
        """`keys` were read (outside `read_registry`): `persons` are the people under them."""
        self.read_keys.update(keys)
        self.persons |= persons
        self.registry.update(
            (key, known_name(person.name, person.kind, person.origin))
            for key, person in persons.items()
        )

    def created(self, names: dict[str, KnownName], people: dict[str, Person]) -> None:
        """The people a dispatch stored created, by the key of their name: their names are the
        registry's now, and they are the people under those keys (unless a key was taken)."""
        self.new_keys = set(names)
        self.registry.update(names)
        for key, person in people.items():
            if key in self.read_keys:
                self.persons.setdefault(key, person)
            if (surname := surname_key(key)) and person.kind == Person.Kind.PERSON:
                self.by_surname.setdefault(surname, {}).setdefault(key, names[key])
                if first_name_gender(surname) is None:
                    # a given name ("Thomas") is never read as a surname alone: no dispatch
                    # ahead writing it need be extracted again
                    self.new_keys.add(surname)

    def mark(self) -> tuple:
        """What `undo` restores: the registry as this transaction starts."""
        by_surname = {surname: dict(found) for surname, found in self.by_surname.items()}
        read = set(self.read_keys), set(self.surnames_read)
        return dict(self.registry), dict(self.persons), by_surname, read, set(self.people)

    def undo(self, mark: tuple) -> None:
        """A transaction was rolled back: the batch as it was at its start (`mark`)."""
        self.registry, self.persons, self.by_surname, read, self.people = mark
        self.read_keys, self.surnames_read = read
        self.new_keys = set()
        self.forget()

    def begin(self, articles: Sequence[Article], *, isolated: bool = True) -> None:
        """Read the dispatches the transaction starting is to store, locked, with their
        quotations. A dispatch listed twice is read once: its second store reads it again.
        Unless `isolated`, what its dispatches insert waits for its end (`insert`)."""
        ids = [pk for pk, n in Counter(a.pk for a in articles).items() if n == 1]
        rows = _stored_articles().filter(pk__in=ids).order_by("pk")
        quotes: dict[int, list[Quote]] = {pk: [] for pk in ids}
        # No order: Quote's default one joins the articles.
        for quote in Quote.objects.filter(article_id__in=ids).order_by():
            quotes[quote.article_id].append(quote)
        self.stored = {article.pk: (article, quotes[article.pk]) for article in rows}
        self.mentions = []
        self.deferred = None if isolated else {PersonAlias: [], Quotation: [], Quote: [], Role: []}

    def insert(self, model: type, rows: list) -> None:
        """Insert `rows` of `model` now, or at the transaction's end (`deferred`)."""
        if self.deferred is None:
            _insert_now(model, rows)
        else:
            self.deferred[model] += rows

    def flush_names(self, keys) -> None:
        """Insert the names waiting for the transaction's end now if any is under `keys`
        (before reading them)."""
        if self.deferred and any(alias.key in keys for alias in self.deferred[PersonAlias]):
            self.flush(PersonAlias)

    def flush(self, *models: type) -> None:
        """Insert what waits for the transaction's end now, or only the rows of `models`
        (before reading what it holds)."""
        for model, rows in (self.deferred or {}).items():
            if rows and (not models or model in models):
                # A suggestion's quotation, new, was inserted just before: its id is taken now.
                _insert_now(model, rows)
                rows.clear()

    def stored_article(self, pk: int) -> tuple[Article, list[Quote]] | None:
        return self.stored.pop(pk, None)

    def end(self) -> None:
        """Before the transaction commits: the people its dispatches mention, in one INSERT (in
        the order one INSERT a dispatch gives them, so the same ids), after what the others
        insert at its end."""
        self.stored = {}
        self.flush()
        mentions, self.mentions = self.mentions, None
        if mentions:
            Article.people.through.objects.bulk_create(mentions, ignore_conflicts=True)

    def forget(self) -> None:
        """A dispatch's store was rolled back: what the batch followed of it is gone."""
        self.grouper.clear()
        self.titles.clear()

    def finish(self) -> None:
        for chunk in batched(sorted(self.people), 500):
            infer_genders(people=Person.objects.filter(pk__in=chunk))
        self.people.clear()


def attribute_articles(*, articles: Sequence[Article], processes: int | None = None) -> int:
    """`attribute_quotes` for each of `articles` in turn (an import's batch), with the same
    suggestions, people and slugs as one after the other, faster: the engine runs in
    `processes` forked processes (NEWSROOM_ATTRIBUTION_PROCESSES, default the number of CPUs)
    on the next dispatches while this one stores what it found for the current one, and the
    dispatches share a `BatchStore`.

    The engine reads the registry's names (`registry_names`) before it runs; a dispatch naming a
    person that a dispatch before it in the batch created meanwhile is extracted again with the
    registry as it is now, so its suggestions are those of one-by-one attribution. A dispatch
    whose attribution fails is logged and skipped, as its own task would have failed alone."""
    todo = [(a, primary_language(a.language)) for a in articles]
    todo = [(a, language) for a, language in todo if language in ATTRIBUTION_LANGUAGES]
    if processes is None:
        processes = settings.NEWSROOM_ATTRIBUTION_PROCESSES
    batch = BatchStore()
    try:
        if processes < 2 or len(todo) < 3:
            added = 0
            for chunk in batched(todo, STORED_PER_TRANSACTION):

                def store(item: tuple[Article, str], isolated: bool) -> int:
                    article, language = item
                    find = partial(_extract, article, language, batch)
                    return _attribute_one(article, find, batch, isolated=isolated)

                added += _store_together(batch, chunk, [a for a, _ in chunk], store)
            return added
        return _attribute_forked(todo, processes, batch)
    finally:
        batch.finish()


class _Run:
    """One dispatch's share of an engine call handed to a forked process (`_extract_many`)."""

    def __init__(self, future: Future, index: int, size: int) -> None:
        self.future = future
        self.index = index
        self.size = size

    def result(self):
        found = self.future.result()[self.index]
        if isinstance(found, Exception):
            raise found
        return found

    def cancel(self) -> None:
        if self.size == 1:  # the call's other dispatches may still need it
            self.future.cancel()


def _run_engine(pool: ProcessPoolExecutor, dispatches: list[tuple[str, str, dict]]) -> list[_Run]:
    """Hand `dispatches` — (body, language, names) each — to the engine's processes, a few to
    a call."""
    runs = []
    for group in batched(dispatches, ENGINE_GROUP):
        future = pool.submit(_extract_many, group)
        runs += [_Run(future, index, len(group)) for index in range(len(group))]
    return runs


class _Ahead:
    """A dispatch whose engine run was handed to a forked process: the names it was given."""

    def __init__(self, article: Article, language: str, keys: set[str]) -> None:
        self.article = article
        self.language = language
        self.keys = keys
        self.names: dict[str, KnownName] = {}
        self.run: _Run | None = None

    @staticmethod
    def submit(pool: ProcessPoolExecutor, aheads: Sequence[_Ahead], batch: BatchStore) -> None:
        """Run the engine on each of `aheads` with the registry's names as they are now (or
        take the run `expect` started with those very names)."""
        todo = []
        for ahead in aheads:
            if ahead.run is not None:
                ahead.run.cancel()
            ahead.names = batch.names(ahead.keys)
            names, run = _expected.pop((ahead.article.body, ahead.language), (None, None))
            ahead.run = run if run is not None and names == ahead.names else None
            if ahead.run is None:
                todo.append(ahead)
        runs = _run_engine(pool, [(a.article.body, a.language, a.names) for a in todo])
        for ahead, run in zip(todo, runs, strict=True):
            ahead.run = run

    def store(self, batch: BatchStore, isolated: bool) -> int:
        return _attribute_one(self.article, self.run.result, batch, isolated=isolated)


def _attribute_forked(todo: list[tuple[Article, str]], processes: int, batch: BatchStore) -> int:
    """`attribute_articles` with the engine in forked processes. The registry changes only
    through the people the batch creates (their alias keys and surnames, `BatchStore.new_keys`):
    a dispatch ahead whose names include one of those keys is handed to the engine again with
    the names as they now are, so each dispatch is extracted with the names one-by-one
    attribution gives it.
    The registry's names under every dispatch's keys are read once, for the whole batch."""
    kept = processes in _kept_pools
    pool = _kept_pools.get(processes)
    added = 0
    if pool is None:
        # The first one here loads the engine's models, which the forked processes then share.
        added = _isolated(_attribute, todo[0][0], batch)
        todo = todo[1:]
        if kept:
            # Kept for a run (an import): what is loaded now, the engine's models above all,
            # stays, so the collector need not walk it again in this process or the forked ones.
            gc.freeze()
        pool = _engine_pool(processes)
        if not kept:
            with pool:
                return added + _attribute_in(pool, processes, todo, batch)
        _kept_pools[processes] = pool
    try:
        return added + _attribute_in(pool, processes, todo, batch)
    except BrokenProcessPool:
        _kept_pools[processes] = None  # the next batch forks new ones
        raise


def _attribute_in(
    pool: ProcessPoolExecutor, processes: int, todo: list[tuple[Article, str]], batch: BatchStore
) -> int:
    pending: deque[_Ahead] = deque()

    def submit(items: list[tuple[Article, str, set[str]]]) -> None:
        aheads = [_Ahead(*item) for item in items]
        _Ahead.submit(pool, aheads, batch)
        pending.extend(aheads)

    # The first ones go to the engine at once; the registry is read for the others meanwhile.
    ahead = processes * LOOKAHEAD * ENGINE_GROUP
    submit([(article, language, name_keys(article.body)) for article, language in todo[:ahead]])
    keys = [name_keys(article.body) for article, _ in todo[ahead:]]
    batch.read_registry(set().union(*keys))
    queue = iter((*item, item_keys) for item, item_keys in zip(todo[ahead:], keys, strict=True))
    try:
        return _store_pending(pool, pending, queue, submit, batch)
    finally:
        _forget_expected()


def _store_pending(pool, pending: deque[_Ahead], queue, submit, batch: BatchStore) -> int:
    """Store each dispatch handed to the engine, in order, handing it the next ones a call's
    worth (`ENGINE_GROUP`) at a time."""
    added = 0
    following: list = []

    def store(ahead: _Ahead, isolated: bool) -> int:
        nonlocal following
        batch.new_keys = set()
        stored = ahead.store(batch, isolated)
        # The dispatches after it, stored or not yet (they leave `pending` once committed).
        after = islice(pending, pending.index(ahead) + 1, None)
        changed = [o for o in after if not o.keys.isdisjoint(batch.new_keys)]
        if changed:
            _Ahead.submit(pool, changed, batch)
        item = next(queue, None)
        if item is not None:
            following.append(item)
        if following and (item is None or len(following) == ENGINE_GROUP):
            submit(following)
            following = []
        return stored

    while pending:
        group = list(islice(pending, STORED_PER_TRANSACTION))
        added += _store_together(batch, group, [o.article for o in group], store)
        for _ in group:
            pending.popleft()
    return added


def _store_together(batch: BatchStore, items: Sequence, articles: Sequence[Article], store) -> int:
    """Store `items` (those of `articles`) in one transaction, `store(item, isolated)` each;
    return how many suggestions were added.

    First without a savepoint a dispatch, what they insert waiting for the transaction's end:
    two statements a dispatch fewer, and one INSERT a table instead of one a dispatch. If any of
    them fails, the transaction is rolled back, the batch is as it was at its start, and they are
    stored again, each in its own savepoint (a failure undoes only its own dispatch, as its own
    task would have). Their engine runs are already in hand: the same findings again."""
    mark = batch.mark()
    try:
        with _stored_together(batch, articles, isolated=False):
            return sum(store(item, False) for item in items)
    except Exception:
        logger.info("Storing %s dispatches together failed: again one by one", len(items))
        batch.undo(mark)
    with _stored_together(batch, articles, isolated=True):
        return sum(store(item, True) for item in items)


@contextmanager
def _stored_together(
    batch: BatchStore, articles: Sequence[Article], *, isolated: bool
) -> Iterator[None]:
    """A transaction storing `articles` (or the first of them), which it reads at its start
    and whose mentions (and unless `isolated`, whose other rows) it inserts at its end
    (`BatchStore.begin`, `end`)."""
    with transaction.atomic():
        batch.begin(articles, isolated=isolated)
        try:
            yield
            batch.end()
        finally:
            batch.stored, batch.mentions, batch.deferred = {}, None, None


# Engine runs `expect` started for the next batch of an import, by (body, language): the names
# they were given, and their run.
_expected: dict[tuple[str, str], tuple[dict[str, KnownName], _Run]] = {}


def expect(*, dispatches: Sequence[tuple[str, str]]) -> None:
    """Hand the first of `dispatches` — (body, language) each, the next batch an import is about
    to write — to the engine's kept processes (`engine_processes`) now, with the registry's names
    as they are: they extract while this process writes the batch, instead of waiting for it.
    The batch's attribution takes such a run only if the names it would give are the same
    (`_Ahead.submit`); otherwise the run is wasted and the dispatch extracted again."""
    processes = settings.NEWSROOM_ATTRIBUTION_PROCESSES
    pool = _kept_pools.get(processes)
    if pool is None:
        return
    _forget_expected()
    items = []
    for body, tag in dispatches[: processes * EXPECTED_CALLS * ENGINE_GROUP]:
        language = primary_language(tag or "")
        if body and language in ATTRIBUTION_LANGUAGES:
            items.append((body, language, name_keys(body)))
    # `registry_names` of each, in one read.
    every = set().union(*(keys for _, _, keys in items))
    exact, by_surname = _exact_lookup(every), surname_lookup(every)
    todo = [
        (body, language, names_under(keys, exact, by_surname)) for body, language, keys in items
    ]
    for (body, language, names), run in zip(todo, _run_engine(pool, todo), strict=True):
        _expected[body, language] = names, run


def _forget_expected() -> None:
    for _, run in _expected.values():
        run.cancel()
    _expected.clear()


def _engine_pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_engine_process,
    )


def _engine_process() -> None:
    """A forked engine process: it yields to the others, and its collector leaves alone what it
    inherited (the engine's models, Django), which its collections walked again and again:
    ≈ 0.5 ms of a dispatch's ≈ 12 ms in the engine."""
    os.nice(ENGINE_NICENESS)
    gc.freeze()


# Pools kept open by `engine_processes`, by size; None: one to keep, not yet started.
_kept_pools: dict[int, ProcessPoolExecutor | None] = {}


@contextmanager
def engine_processes(processes: int | None = None) -> Iterator[None]:
    """Keep the engine's forked processes for every batch attributed in this process inside the
    block (an import's whole run, whose batches are attributed one after the other by the
    immediate task backend), instead of forking them again for each batch."""
    if processes is None:
        processes = settings.NEWSROOM_ATTRIBUTION_PROCESSES
    if processes in _kept_pools:  # nested: the outer block owns them
        yield
        return
    _kept_pools[processes] = None
    try:
        yield
    finally:
        pool = _kept_pools.pop(processes)
        _forget_expected()
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _isolated(attribute, article: Article, *args) -> int:
    """One dispatch's attribution; a failure (an engine error on odd text) is logged and
    counts as nothing added, leaving the batch's other dispatches to be attributed."""
    try:
        return attribute(article, *args)
    except Exception as exc:
        return _failed(article, exc)


def _failed(article: Article, error: Exception) -> int:
    logger.exception("Attribution of article %s failed", article.pk)
    record_attribution_failure(article_id=article.pk, error=error)
    return 0


def _attribute_one(article: Article, find, batch: BatchStore, *, isolated: bool) -> int:
    """One dispatch of a transaction (`_store_together`): the engine's findings (`find()`)
    stored. An engine error is recorded and counts as nothing added (nothing was written), and
    so does an error storing when `isolated` (its savepoint undone); otherwise that error undoes
    the whole transaction."""
    try:
        found = find()
    except Exception as exc:
        return _failed(article, exc)
    if isolated:
        return _isolated(partial(_store_found, found=found, batch=batch), article)
    return store_suggestions(article=article, found=found, batch=batch)


def _store_found(article: Article, *, found, batch: BatchStore) -> int:
    return store_suggestions(article=article, found=found, batch=batch)


def _extract_many(dispatches: Sequence[tuple[str, str, dict[str, KnownName]]]) -> list:
    """The engine alone, in a forked process (no database), on each (body, language, names) of
    `dispatches`: those of a language in one call. When that call fails, each of them is
    extracted on its own, and the one that fails gets its error instead of its quotations."""
    found: list = [None] * len(dispatches)
    by_language: dict[str, list[int]] = {}
    for index, (_, language, _) in enumerate(dispatches):
        by_language.setdefault(language, []).append(index)
    for language, indexes in by_language.items():
        items = [(dispatches[i][0], dispatches[i][2]) for i in indexes]
        try:
            results = extract_quotes_batch(items, language=language)
        except Exception:
            results = [_extract_or_error(body, language, names) for body, names in items]
        for index, quotes in zip(indexes, results, strict=True):
            found[index] = quotes
    return found


def _extract_or_error(body: str, language: str, names: dict[str, KnownName]):
    try:
        return extract_quotes(body, language=language, known_names=names)
    except Exception as error:
        return error


def store_suggestions(*, article: Article, found, batch: BatchStore | None = None) -> int:
    """Store the engine's findings `found` for `article` as `attribute_quotes` describes, in one
    transaction and a handful of statements whatever their number: the speakers resolved with one
    query and the new ones created together, the suggestions inserted, updated and removed in
    bulk, each checked against the body in hand (`Quote.save()` would read it back per quote).
    Within a batch (`batch`), a dispatch with no earlier suggestions gets its quotations from the
    batch's grouper before its suggestions are inserted, and genders wait for the batch's end."""
    try:
        added, people, speakers, mentions = _store(article, found, batch)
    except BaseException:
        if batch is not None:
            batch.forget()  # what it placed was rolled back
        raise
    if batch is not None:
        batch.people.update(people)
        batch.created(speakers.new_names, speakers.new_people)
        if mentions:
            batch.mentions += mentions
    return added


def _stored_articles():
    """The dispatches being stored, locked, with the fields storing reads."""
    return Article.objects.select_for_update().only(
        "pk",
        "body",
        "language",
        "published_at",
        "first_created",
        "headline",
        "attribution_failed_at",
    )


def _store(
    article: Article, found, batch: BatchStore | None
) -> tuple[int, set[int], SpeakerRegistry, list]:
    # In a transaction of several (`_store_together`) a failure undoes them all, or, when
    # `isolated` (no `deferred` rows), only this one.
    with transaction.atomic(savepoint=batch is None or batch.deferred is None):
        stored = None if batch is None else batch.stored_article(article.pk)
        if stored is None:
            if batch is not None:
                batch.flush()  # it may be its second store in the transaction
            article = _stored_articles().get(pk=article.pk)
            # No order: Quote's default one joins the articles.
            existing = list(Quote.objects.filter(article=article).order_by())
        else:
            article, existing = stored
        if any(q.text != article.body[q.start : q.end] for q in found):
            # The body changed while the engine ran; the next attribution will see it.
            return 0, set(), SpeakerRegistry(), []
        decided = [q for q in existing if q.status != Quote.Status.SUGGESTED or q.reviewed_by_id]
        suggestions = {(q.start, q.end): q for q in existing if q not in decided}
        items = [item for item in found if not any(_overlaps(item, q) for q in decided)]
        speakers = SpeakerRegistry(batch)
        speakers.resolve(items)
        if batch is not None:
            batch.grouper.add_speakers(p.pk for p in speakers.created)
            batch.titles.update((p.pk, []) for p in speakers.created)
        offices = OfficeResolver(
            article=article,
            language=primary_language(article.language),
            roles=None if batch is None else batch.roles,
        )
        new, changed, kept, read_roles = _quote_rows(article, items, suggestions, speakers, offices)
        # Without earlier suggestions, grouping the new ones is all group_quotes would do.
        grouped = batch is not None and not suggestions
        if grouped:
            insert = batch.insert
            group_new_quotes(quotes=new, grouper=batch.grouper, insert=partial(insert, Quotation))
        else:
            insert = _insert_now
            if batch is not None:
                batch.flush()  # group_quotes reads the quotations stored so far
        insert(Quote, new)
        Quote.objects.bulk_update(changed, [*UPDATED_FIELDS, "version"])
        stale = [
            q.pk
            for q in suggestions.values()
            if q.pk not in kept and q.origin == Quote.Origin.AUTOMATIC
        ]
        if stale:
            Quote.objects.filter(pk__in=stale).delete()
        people = speakers.people_of_kind(Person.Kind.PERSON) + offices.holders
        mentions = [Article.people.through(article_id=article.pk, person=p) for p in people]
        later = batch is not None and batch.mentions is not None
        if mentions and not later:
            Article.people.through.objects.bulk_create(mentions, ignore_conflicts=True)
        suggest_roles(
            article=article,
            read=read_roles,
            titles=None if batch is None else batch.titles,
            insert=partial(insert, Role),
        )
        if not grouped:
            group_quotes(quotes=article.quotes.filter(pk__in=kept | {q.pk for q in new}))
            if batch is not None:
                batch.grouper.clear()
        people_ids = {p.pk for p in people}
        if batch is None:
            infer_genders(people=Person.objects.filter(pk__in=people_ids))
        if article.attribution_failed_at is not None:
            Article.objects.filter(pk=article.pk).update(
                attribution_error="", attribution_failed_at=None
            )
    return len(new), people_ids, speakers, mentions if later else []


def _quote_rows(
    article: Article, items: list, suggestions: dict, speakers: SpeakerRegistry, offices
) -> tuple[list[Quote], list[Quote], set[int], list]:
    """The engine's quotations of `article` as rows: new ones, earlier suggestions whose values
    changed (their version bumped), the ids of the suggestions kept, and the roles read in the
    text. Each row checked against the body in hand, as Quote.save() would."""
    kept: set[int] = set()
    read_roles = []
    new: list[Quote] = []
    changed: list[Quote] = []
    for item in items:
        values = {
            "text": item.text,
            "kind": item.kind,
            "speaker": speakers.person_for(item),
            "speaker_type": item.speaker_type,
            "mention": (item.mention or item.speaker or "")[:300],
            "cue": (item.cue or "")[:200],
            "confidence": min(max(item.confidence, 0.0), 1.0),
            "resolved_role_id": None,
        }
        if values["speaker"] is None:
            values.update(offices.resolve(item))
        elif item.speaker_role and values["speaker"].kind == Person.Kind.PERSON:
            evidence = f"{item.speaker}, {item.speaker_role}"
            read_roles.append((values["speaker"], item.speaker_role, evidence))
        quote = suggestions.get((item.start, item.end))
        if quote is None:
            quote = Quote(
                article=article,
                start=item.start,
                end=item.end,
                origin=Quote.Origin.AUTOMATIC,
                **values,
            )
            new.append(quote)
            continue
        if any(getattr(quote, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(quote, name, value)
            quote.version += 1
            changed.append(quote)
        kept.add(quote.pk)
    for quote in (*new, *changed):
        # What Quote.save() checks, against the body already in hand.
        error = quote.anchor_error(article.body)
        if error:
            raise ValidationError(error)
    return new, changed, kept, read_roles


def _insert_now(model: type, rows: list) -> None:
    # A name already taken stays its person's (Person.save() refuses it).
    model.objects.bulk_create(rows, ignore_conflicts=model is PersonAlias)


# Fields of a suggestion the engine rewrites when it finds it again.
UPDATED_FIELDS = (
    "text",
    "kind",
    "speaker",
    "speaker_type",
    "mention",
    "cue",
    "confidence",
    "resolved_role",
)


def record_attribution_failure(*, article_id: int, error: BaseException) -> None:
    """Mark a dispatch whose attribution raised: staff see it in the admin list and on the review
    desk; its body, status and decisions are untouched, and the next attribution clears it."""
    message = f"{type(error).__name__}: {error}"[:2000]
    logger.error("Attribution of article %s failed: %s", article_id, message)
    Article.objects.filter(pk=article_id).update(
        attribution_error=message, attribution_failed_at=timezone.now()
    )


# The confidence of a quotation whose speaker was found through a dated role, not a name in the
# dispatch: never above this, and the review desk says how it was found.
ROLE_CONFIDENCE_CAP = 0.6
ROLE_CONFIDENCE_FACTOR = 0.8


class OfficeResolver:
    """Resolves an unnamed office the engine reports as the speaker ("président valmérien",
    speaker type "anonymous") to the holder of the matching confirmed role valid on the
    dispatch's date; the roles are read once per dispatch, only when needed, or once per day for
    a batch (`roles`: attribution confirms no role, so a batch's own writes never change them)."""

    def __init__(self, *, article: Article, language: str, roles: dict | None = None) -> None:
        self.day = dispatch_day(article)
        self.language = language
        self._roles = None if roles is None else roles.get(self.day)
        self._by_day = roles
        self.holders: list[Person] = []

    def resolve(self, item) -> dict:
        if item.speaker_type != Quote.SpeakerType.ANONYMOUS or not item.speaker:
            return {}
        if self._roles is None:
            self._roles = roles_on(day=self.day)
            if self._by_day is not None:
                self._by_day[self.day] = self._roles
        role = office_holder(item.speaker, self._roles, language=self.language)
        if role is None:
            return {}
        holder = Person.objects.get(pk=role.person_id)
        self.holders.append(holder)
        confidence = min(item.confidence * ROLE_CONFIDENCE_FACTOR, ROLE_CONFIDENCE_CAP)
        return {
            "speaker": holder,
            "speaker_type": Quote.SpeakerType.PERSON,
            "confidence": round(max(confidence, 0.0), 2),
            "resolved_role_id": role.role_id,
        }


def _overlaps(item, quote: Quote) -> bool:
    """Does an engine finding cover a quotation a reviewer already decided on?"""
    if quote.start is None:
        return item.text == quote.text
    return item.start < quote.end and quote.start < item.end


# An article opening a title ("Le Parisien", "L'Express", "The Guardian").
_TITLE_ARTICLE = re.compile(r"^(?:(?:Le|La|Les|The)\s+|L['’])(?=[A-ZÀ-ÖØ-Þ0-9])")


def registry_names(body: str) -> dict[str, KnownName]:
    """The registry's names that may occur in `body`: alias key → canonical name and kind.

    Only aliases whose key is a run of capitalised words of the text are read, so the cost does
    not grow with the registry.
    """
    return registry_lookup(name_keys(body))


def registry_lookup(keys: set[str]) -> dict[str, KnownName]:
    """The registry's names under `keys` (alias key → canonical name and kind), and its persons
    under a one-word key as a surname ("macron" → "emmanuel macron", "brigitte macron"), whom
    the engine may take a surname the dispatch writes alone for."""
    return names_under(keys, _exact_lookup(keys), surname_lookup(keys))


def _exact_lookup(keys: set[str]) -> dict[str, KnownName]:
    names: dict[str, KnownName] = {}
    for chunk in batched(sorted(keys), 500):
        rows = PersonAlias.objects.filter(key__in=chunk).order_by()
        rows = rows.values_list("key", "person__name", "person__kind", "person__origin")
        names.update((key, known_name(*row)) for key, *row in rows)
    return names


def surname_lookup(keys: set[str]) -> dict[str, dict[str, KnownName]]:
    """The registry's persons under each one-word key of `keys` as a surname: surname → their
    alias keys of several words ending with it → their names (an indexed read, `surname`)."""
    found: dict[str, dict[str, KnownName]] = {}
    words = sorted(key for key in keys if " " not in key)
    for chunk in batched(words, 500):
        rows = PersonAlias.objects.filter(surname__in=chunk, person__kind=Person.Kind.PERSON)
        rows = rows.order_by().values_list(
            "surname", "key", "person__name", "person__kind", "person__origin"
        )
        for surname, key, *row in rows:
            found.setdefault(surname, {})[key] = known_name(*row)
    return found


def names_under(
    keys: set[str], exact: dict[str, KnownName], by_surname: dict[str, dict[str, KnownName]]
) -> dict[str, KnownName]:
    """What the engine is told of the registry for a dispatch of name keys `keys`, from what
    was read: the names under its keys, and the persons under its one-word keys as surnames."""
    names = {key: exact[key] for key in keys if key in exact}
    for key in keys:
        for alias, known in by_surname.get(key, {}).items():
            names.setdefault(alias, known)
    return names


class SpeakerRegistry:
    """Finds or creates the Person behind each speaker name the engine gives, once per name.

    A name the registry knows (through any alias) links to that Person; an unknown name becomes a
    new Person with origin "automatic" for reviewers to confirm, rename or merge — never silently
    merged with someone else. Unnamed sources have no Person, and neither has a source the
    dispatch only describes (`names_someone`): "le parquet", "des sources concordantes" stay
    their quotation's mention, unless the registry holds the description as the engine writes
    it ("parquet de valmont", without its article) as a name or alias — the desk's "mention as
    alias" keeps the article, so a generic role never links every later dispatch. `resolve`
    does it for a whole dispatch at once: one query for the known names, one INSERT each for
    the new people and their names (what `Person.save()` does one at a time).
    """

    KINDS = {
        "person": Person.Kind.PERSON,
        "organization": Person.Kind.ORGANIZATION,
        "group": Person.Kind.GROUP,
    }

    def __init__(self, batch: BatchStore | None = None) -> None:
        self.people: dict[str, Person | None] = {}  # None: a description, no Person
        self.created: list[Person] = []
        # The alias keys of the people created, with their names: the registry's names that
        # changed; and the people.
        self.new_names: dict[str, KnownName] = {}
        self.new_people: dict[str, Person] = {}
        # The registry as a batch read it (`BatchStore.read_registry`): no query for its keys.
        self.batch = batch

    def _key(self, item) -> str | None:
        if not item.speaker or self.KINDS.get(item.speaker_type) is None:
            return None
        return alias_key(item.speaker) or None

    @staticmethod
    def _untitled(item) -> str | None:
        """An organisation's title without its article ("Parisien" for "Le Parisien"): the
        engine gives the title whole where the dispatch writes it so, and the bare name where
        it does not ("du Parisien", "le Parisien"); both name one body."""
        if item.speaker_type != "organization":
            return None
        bare = _TITLE_ARTICLE.sub("", item.speaker, count=1)
        return bare if bare != item.speaker else None

    def resolve(self, items) -> None:
        """Find or create the people behind every speaker of `items`, in their order."""
        wanted: dict[str, object] = {}
        for item in items:
            key = self._key(item)
            if key and key not in self.people and key not in wanted:
                wanted[key] = item
        if not wanted:
            return
        # An organisation's title is looked up whole, then without its article.
        bare = {
            key: alias_key(name) for key, item in wanted.items() if (name := self._untitled(item))
        }
        lookup = sorted(set(wanted) | set(bare.values()))
        known: dict[str, Person] = {}
        unread = lookup
        if self.batch is not None:
            persons, read = self.batch.persons, self.batch.read_keys
            known = {key: persons[key] for key in lookup if key in persons}
            unread = [key for key in lookup if key not in read]
        if unread:
            if self.batch is not None:
                self.batch.flush_names(unread)
            aliases = PersonAlias.objects.filter(key__in=unread).select_related("person")
            found = {alias.key: alias.person for alias in aliases.order_by()}
            known |= found
            if self.batch is not None:  # read now: the next dispatches need not read them
                self.batch.learn(unread, found)
        # In the order of their keys, as an index gives them (the order of the mentions).
        for key in sorted(wanted):
            person = known.get(key) or known.get(bare.get(key, ""))
            if person is not None:
                self.people[key] = person
        created = []
        for key, item in wanted.items():
            if key not in self.people:
                if not names_someone(item.speaker):
                    self.people[key] = None
                    continue
                person = Person(
                    name=item.speaker[:200],
                    kind=self.KINDS[item.speaker_type],
                    role=(item.speaker_role or "")[:200],
                    origin=Person.Origin.AUTOMATIC,
                )
                self.people[key] = person
                created.append(person)
        # The bare name of a title created here is that body too ("Parisien", "Le Parisien").
        titled = {bare[key]: self.people[key] for key in bare if self.people[key] in created}
        for key in wanted:
            if key in titled and self.people[key] in created:
                created.remove(self.people[key])
                self.people[key] = titled[key]
        if not created:
            return
        _fill_slugs(created)
        Person.objects.bulk_create(created)
        self.created += created
        # The canonical name resolves to its person (Person.save() does the same), and a
        # title's bare name too.
        aliases, seen = [], {}
        names = [(p, p.name) for p in created]
        names += [
            (person, self._untitled(wanted[key]))
            for key, person in self.people.items()
            if key in bare and person in created
        ]
        for person, name in names:
            name_key = alias_key(name)
            if name_key and name_key not in seen:
                seen[name_key] = known_name(person.name, person.kind, person.origin)
                aliases.append(
                    PersonAlias(
                        person=person, name=name, key=name_key, surname=surname_key(name_key)
                    )
                )
                self.new_people[name_key] = person
        if self.batch is None:
            _insert_now(PersonAlias, aliases)
        else:
            self.batch.insert(PersonAlias, aliases)
        self.new_names |= seen

    def person_for(self, item) -> Person | None:
        key = self._key(item)
        if key is None:
            return None
        if key not in self.people:
            self.resolve([item])
        return self.people[key]

    def people_of_kind(self, kind: str) -> list[Person]:
        return [p for p in self.people.values() if p is not None and p.kind == kind]


def _fill_slugs(people: list[Person]) -> None:
    """The slugs `unique_slug` would give these people created one after the other: one indexed
    query for the plain slugs, and the numbered ones ("name-2"…) read only for the names whose
    plain slug is taken or wanted twice (SQLite's LIKE of `startswith` reads the whole table)."""
    bases = [slug_base(person.name) for person in people]
    slugs = Person.objects.order_by().values_list("slug", flat=True)
    taken = set(slugs.filter(slug__in=set(bases)))
    wanted = Counter(bases)
    crowded = {base for base, n in wanted.items() if base in taken or n > 1}
    if crowded:
        taken_filter = Q()
        for base in crowded:
            taken_filter |= Q(slug__startswith=base)
        taken |= set(slugs.filter(taken_filter))
    for person, base in zip(people, bases, strict=True):
        slug = base
        n = 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        person.slug = slug
        taken.add(slug)


def schedule_attribution(*, article: Article) -> None:
    """Attribute `article`'s quotations in the background once the current transaction commits."""
    from articles.tasks import attribute_article

    article_id = article.pk

    def enqueue() -> None:
        result = attribute_article.enqueue(article_id)
        # The immediate backend records a failing task's exception instead of raising it: surface
        # it, or a broken attribution would go unseen in development.
        if result.status == TaskResultStatus.FAILED:
            logger.error(
                "Attribution of article %s failed:\n%s",
                article_id,
                "\n".join(error.traceback for error in result.errors),
            )

    transaction.on_commit(enqueue)


def schedule_attribution_batch(*, articles: Sequence[Article]) -> None:
    """`schedule_attribution` for many dispatches (an import's batch): one task for them all,
    run by `attribute_articles` once the current transaction commits."""
    from articles.tasks import attribute_articles as attribute_articles_task

    ids = [article.pk for article in articles]
    if not ids:
        return

    def enqueue() -> None:
        result = attribute_articles_task.enqueue(ids)
        if result.status == TaskResultStatus.FAILED:
            logger.error(
                "Attribution of articles %s…%s failed:\n%s",
                ids[0],
                ids[-1],
                "\n".join(error.traceback for error in result.errors),
            )

    transaction.on_commit(enqueue)


def save_article(article: Article, **kwargs) -> Article:
    """Save `article` (keyword arguments go to `Model.save`) and, when its body changed, re-anchor
    its quotations, in one transaction. Every write path of a body saves through here."""
    body_changed = article.body_changed
    with transaction.atomic():
        article.save(**kwargs)
        if body_changed:
            reanchor_quotes(article=article)
    return article


def reanchor_quotes(*, article: Article) -> None:
    """After a change of body, point each quote at its text again; a quote whose text can no
    longer be found keeps its text, loses its offsets and is flagged for review (never deleted)."""
    body = article.body
    taken: set[tuple[int, int]] = set()
    quotes = list(article.quotes.order_by("start", "id"))
    placed: dict[int, tuple[int, int] | None] = {}
    for quote in quotes:
        if quote.start is not None and body[quote.start : quote.end] == quote.text:
            placed[quote.pk] = (quote.start, quote.end)
            taken.add((quote.start, quote.end))
    for quote in quotes:
        if quote.pk in placed:
            continue
        near = quote.start or 0
        best = None
        at = body.find(quote.text) if quote.text else -1
        while at != -1:
            span = (at, at + len(quote.text))
            if span not in taken and (best is None or abs(at - near) < abs(best[0] - near)):
                best = span
            at = body.find(quote.text, at + 1)
        placed[quote.pk] = best
        if best:
            taken.add(best)
    changed = []
    for quote in quotes:
        start, end = placed[quote.pk] or (None, None)
        if (quote.start, quote.end, quote.anchor_lost) != (start, end, start is None):
            quote.start, quote.end, quote.anchor_lost = start, end, start is None
            quote.version += 1
            changed.append(quote)
    # Clear the old offsets first: two quotes may swap places within one body, and the span of
    # each is unique.
    Quote.objects.filter(pk__in=[q.pk for q in changed]).update(start=None, end=None)
    for quote in changed:
        Quote.objects.filter(pk=quote.pk).update(
            start=quote.start, end=quote.end, anchor_lost=quote.anchor_lost, version=quote.version
        )
