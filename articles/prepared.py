"""Queries whose SQL Django compiles once per process, then runs with new values.

A public page at 100k dispatches spends more time in the ORM building and compiling its few
queries (filters, joins, subqueries: ≈ 0.3–1 ms each) than the database spends running them
(≈ 0.1–0.5 ms, bench_site). The queries of a page have the same shape for every reader; only
values change (a slug, a primary key, the moment that decides what is published). `prepared`
builds a query once with stand-in values, finds where each stand-in went among the bound
parameters, and from then on runs Django's own SQL with the real values in those places,
turning rows into objects with Django's own compiler: the same SQL, the same objects, the same
prefetches. A stand-in that cannot be found (folded into the SQL text, transformed, or present
twice in ambiguous ways) makes that query be built as usual on every call.

On PostgreSQL these statements are also prepared on the server (psycopg's prepared statements,
one per connection): PostgreSQL plans each once instead of on every call, and planning was as
long as running them (EXPLAIN ANALYZE at 100k: 0.4–1 ms of planning for 0.1–2 ms of execution,
docs/performance.md). Only these: their plans do not hinge on the values (index probes by
primary key, slug, speaker), whereas a search's plan depends on how common its words are (a
search is compiled once all the same, `prepared(on_server=False)`, and planned for each call). The
connection's `prepare_threshold` (settings: never on its own) is lowered for their execution only.
Their constants (a public row's statuses, a flag) are written into the SQL there, the values
alone left as parameters: PostgreSQL's plan made once for the statement then sees what a plan
made for each call's values would (a partial index that names the statuses).

Values are plain: ints (primary keys), strings (slugs), aware datetimes (`at`). Anything that
changes the SQL's text — a slice, the number of members of a union — is a `shape` argument, part
of the key. Settings changes (tests) forget every compiled query."""

import contextlib
import copy
import datetime
import functools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.core.signals import setting_changed
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from django.dispatch import receiver

logger = logging.getLogger(__name__)

KEPT_SHAPES = 256  # per query: compiled (shape, database) pairs kept, the oldest dropped first
_registry: list["Prepared"] = []


class _Unpreparable(Exception):
    pass


def _stand_in(name: str, value: object, n: int) -> object:
    """A value of `value`'s type that no real query holds."""
    if isinstance(value, bool) or value is None:
        raise _Unpreparable(f"{name}: {value!r} changes the SQL")
    if isinstance(value, int):
        return -8_765_432_109_000 - n
    if isinstance(value, str):
        # private-use characters: neither whitespace (which lookups may normalise) nor words
        return f"\ue0f0prepared-{n}\ue0f1"
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return datetime.datetime(1901, 2, 3, 4, 5, 6, 700_000 + n, tzinfo=datetime.UTC)
    raise _Unpreparable(f"{name}: {type(value).__name__}")


def _adapted(value: object, connection) -> object:
    """`value` as Django binds it for a lookup on a field of its type."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class _Compiled:
    """One query compiled for one shape and database: its SQL, its parameters with the slot of
    each value, and the compiler that knows how to turn its rows into objects."""

    def __init__(self, queryset: QuerySet, stand_ins: dict, connection):
        # `queryset` reads the database of `connection`.
        compiler = queryset.query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        slots: dict[int, str] = {}
        for name, stand_in in stand_ins.items():
            bound = _adapted(stand_in, connection)
            where = [i for i, param in enumerate(params) if param == bound]
            if not where or str(bound) in sql:
                raise _Unpreparable(f"{name} not among the parameters")
            slots.update(dict.fromkeys(where, name))
        if connection.vendor == "postgresql":
            sql, params, slots = _constants_written_in(sql, params, slots, connection)
        self.queryset, self.compiler, self.sql, self.params, self.slots = (
            queryset,
            compiler,
            sql,
            list(params),
            slots,
        )

    def bind(self, values: dict, connection) -> list:
        params = list(self.params)
        for i, name in self.slots.items():
            params[i] = _adapted(values[name], connection)
        return params

    def run(self, values: dict, connection, *, on_server: bool = True) -> list[Model]:
        params = self.bind(values, connection)
        compiler = copy.copy(self.compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        execute_sql = compiler.execute_sql

        def execute_prepared(*args, **kwargs):
            # This statement only, not the prefetches that follow it.
            with _prepared_on_server(connection) if on_server else contextlib.nullcontext():
                return execute_sql(*args, **kwargs)

        compiler.execute_sql = execute_prepared
        queryset = self.queryset._chain()
        # Only this throwaway clone answers with the bound compiler: it is evaluated here and
        # never filtered further.
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


_PLACEHOLDER = re.compile(r"(%%|%s)")


def _constants_written_in(sql: str, params, slots: dict[int, str], connection):
    """(sql, params, slots) with the query's constants — the parameters no value takes: the
    statuses a public row has, a flag, the 1 of `EXISTS (SELECT 1 …)` — written into the SQL
    as literals, quoted by psycopg. The statement PostgreSQL prepares then shows them to its
    planner: its generic plan, made once per connection, can use a partial index whose
    condition names a status, as a plan made for each call's values does. Without them the
    speaker page's person was planned anew on every call (no generic plan was cheap enough:
    0.9 ms of planning for 0.2 ms of execution, bench_site at 100k)."""
    from psycopg import sql as psycopg_sql

    connection.ensure_connection()
    parts, kept, kept_slots, n = [], [], {}, 0
    for part in _PLACEHOLDER.split(sql):
        if part != "%s":
            parts.append(part)
            continue
        value = params[n]
        if n not in slots and isinstance(value, (str, int)):  # bool is an int
            literal = psycopg_sql.Literal(str(value) if isinstance(value, str) else value)
            parts.append(literal.as_string(connection.connection).replace("%", "%%"))
        else:
            if n in slots:
                kept_slots[len(kept)] = slots[n]
            parts.append(part)
            kept.append(value)
        n += 1
    return "".join(parts), kept, kept_slots


@contextlib.contextmanager
def _prepared_on_server(connection):
    """On PostgreSQL, when the connection's prepared statements are on (a `prepare_threshold`,
    settings), have psycopg prepare the statements run meanwhile at their first execution."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    if threshold is None:
        yield
        return
    raw.prepare_threshold = 0
    try:
        yield
    finally:
        raw.prepare_threshold = threshold


class Prepared:
    """`build(*shape, **values) -> QuerySet`, run as a list of objects; see the module.
    `on_server=False`: compiled once all the same, but never prepared on PostgreSQL's server (a
    query whose plan depends on its values, such as a search's on how common its words are)."""

    def __init__(self, build: Callable[..., QuerySet], *, on_server: bool = True):
        self.build = build
        self.on_server = on_server
        self._model = None
        self._compiled: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        functools.update_wrapper(self, build)
        _registry.append(self)

    def __call__(self, *shape: Hashable, using: str | None = None, **values) -> list[Model]:
        compiled, using = self._get(shape, using, values)
        if compiled is False:
            return list(self.build(*shape, **values).using(using))
        return compiled.run(values, connections[using], on_server=self.on_server)

    def expression(self, *shape: Hashable, using: str | None = None, **values) -> RawSQL:
        """The query as an expression for another query's lookup (`pk__in=…`): the same SQL
        with the values bound, without building it again."""
        compiled, using = self._get(shape, using, values)
        if compiled is False:
            queryset = self.build(*shape, **values).using(using)
            sql, params = queryset.query.get_compiler(using).as_sql()
        else:
            sql, params = compiled.sql, compiled.bind(values, connections[using])
        return RawSQL(sql, params)  # noqa: S611 (Django's own SQL, every value a parameter)

    def _get(self, shape: tuple, using: str | None, values: dict):
        """(the compiled query or False, the database alias): the database the routers choose
        for reading the query's model, as Django would, unless `using` names one."""
        if using is None:
            if self._model is None:
                self._model = self.build(*shape, **values).model
            using = router.db_for_read(self._model)
        connection = connections[using]
        # The values' types too: None or a bool is another SQL than a string or an int.
        kinds = tuple(sorted((name, type(value).__name__) for name, value in values.items()))
        key = (using, connection.vendor, shape, kinds)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compile(key, shape, values, connection)
        return compiled, using

    def _compile(self, key, shape, values, connection):
        try:
            stand_ins = {
                name: _stand_in(name, value, n) for n, (name, value) in enumerate(values.items())
            }
            compiled = _Compiled(
                self.build(*shape, **stand_ins).using(key[0]), stand_ins, connection
            )
        except (_Unpreparable, EmptyResultSet) as reason:
            logger.warning("%s is built on every call: %s", self.build.__qualname__, reason)
            compiled = False
        with self._lock:
            if len(self._compiled) >= KEPT_SHAPES:
                self._compiled.popitem(last=False)
            self._compiled[key] = compiled
        return compiled

    def forget(self) -> None:
        with self._lock:
            self._compiled.clear()


def prepared(build: Callable[..., QuerySet] | None = None, *, on_server: bool = True):
    """Decorator (`@prepared` or `@prepared(on_server=False)`): the query `build` returns,
    compiled once per shape and database."""
    if build is None:
        return functools.partial(Prepared, on_server=on_server)
    return Prepared(build, on_server=on_server)


@receiver(setting_changed)
def _forget_compiled(**kwargs) -> None:
    # A setting can change a query's SQL (NEWSROOM_SHOW_SUGGESTED_QUOTES, the databases).
    for query in _registry:
        query.forget()
