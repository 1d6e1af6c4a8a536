"""Full-text search behind one interface, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

The indexes live in the database and are kept in sync by the database itself, so every write
path (imports, admin edits, review merges, deletes, bulk updates, raw SQL) updates them:

- SQLite: external-content FTS5 tables ``articles_article_fts`` (headline, summary, body) and
  ``articles_quote_fts`` (text), tokenizer ``unicode61 remove_diacritics 2`` (case and accents
  folded, no stemming), maintained by AFTER INSERT/UPDATE/DELETE triggers.
- PostgreSQL: a ``search_vector`` tsvector column on ``articles_article`` and ``articles_quote``
  (not a model field: Django never reads or writes it), filled by a BEFORE INSERT/UPDATE trigger
  with the ``newsroom_fr`` configuration (french stemming + unaccent), GIN-indexed.

Both are created by migration 0006 through `install` (dispatches and quotations' occurrences)
and 0020 (`Quotation` rows: one per quotation, its first wording), and checked again after every
``migrate`` (`ensure_installed`): SQLite rebuilds a table when a migration alters it, which
drops its triggers.

A query is a list of terms (words or phrases, see `articles.search.query_terms`); every term
must match (AND). Terms are passed as data, never as query syntax: FTS5 gets each term quoted
(double quotes doubled), PostgreSQL gets each through ``phraseto_tsquery``.
"""

# SQL here is assembled from this module's constant table and column names only; every value a
# reader sends travels as a query parameter.
# ruff: noqa: S608, S611

import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from django.db import connections
from django.db.models import FloatField, Lookup, QuerySet
from django.db.models.expressions import Col, RawSQL
from django.utils.safestring import SafeString, mark_safe

CONFIG = "newsroom_fr"
# The migration that installs the indexes (`ensure_installed` acts only once it has run).
MIGRATION = "0006_fulltext_search"
# How many of the newest matches relevance ranking looks at: ranking costs time in proportion to
# the matches it scores (docs/performance.md: up to seconds at 1M for a frequent word): capped.
RANK_CANDIDATES = 1000
# On SQLite, how many of the most recently indexed matches a filter considers. The dispatches must
# then be sorted by date; without a cap that costs time in proportion to the matches
# (docs/performance.md: up to 700 ms for a frequent word at 1M). FTS5 returns the newest N by
# rowid almost for free, and readers page through the newest results: a word matching more
# than this finds the newest ones.
# PostgreSQL needs no cap: it walks the date index and checks each row's tsvector.
MATCH_CANDIDATES = 2000
SNIPPET_WORDS = 24
# PostgreSQL's extracts: at most this many runs of SNIPPET_WORDS words, each starting this many
# words before its first match (what ts_headline showed: MaxFragments=2, the match near the middle).
SNIPPET_FRAGMENTS = 2
SNIPPET_LEAD = 10
# Words that share a stem share their first letters: at least the stem's but its last two (the
# French stemmer replaces a few endings: "-amment" by "-ant", "-aux" by "-al", "-ic" by "-iqu"),
# and a stem under five letters is a word's beginning (i and y aside: `_letter_class`). A body's
# word is stemmed by PostgreSQL only when it begins as a word of the query does, accents and case
# aside.
STEM_PREFIX = 3
# PostgreSQL finds a search's newest page either by walking the date index newest first, checking
# each row's tsvector (read from TOAST: ≈ 3–6 µs a row), or from the GIN index's matches, sorted.
# Its cost model counts the check as one operator call, next to nothing, so for a word in 0.3–1.5%
# of the dispatches it walked: 6,700 rows for "bardot" (35 ms at 100k, ten times more at 1M)
# against 1 ms from the GIN index. `PG_ROW_CHECK` weighs a row as what it costs: an always-true
# function of the row's id, declared that costly and evaluated after the match (the cheaper
# condition first), so on matching rows only; the planner then compares the rows each way reads
# (docs/performance.md). Single terms only: the estimate of several words assumes they are
# independent, and words searched together occur together; the estimate falls short and the
# GIN index's way, chosen then, read every match ("municipales Paris": 2 → 12 ms). PARALLEL
# UNSAFE: rows this costly made a parallel walk look cheaper (30 ms to start its workers).
PG_ROW_CHECK = "newsroom_row_check"
PG_ROW_CHECK_COST = 2000
PG_ROW_CHECK_TABLES = ("articles_article",)

# Highlight marks the database puts around matched words: private-use characters that wire copy
# does not hold, so the snippet can be HTML-escaped first and the marks turned into <mark> after.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{_OPEN}([^{_OPEN}{_CLOSE}]*){_CLOSE}")
_WORD = re.compile(r"\w")
# A word of a body or a query, as PostgreSQL's regular expressions see one ([[:alnum:]]+).
_TOKEN = re.compile(r"[^\W_]+")

# Columns of each indexed table (the FTS5 column order; the PostgreSQL weights A, B, C).
TABLES = {
    "articles_article": ("headline", "summary", "body"),
    "articles_quote": ("text",),
    "articles_quotation": ("text",),
}
# The tables each migration indexes (`install`, `tune` and their reverses take one group; a
# database migrated to 0006 only has no quotation table yet).
FIRST_TABLES = ("articles_article", "articles_quote")
MIGRATIONS = {MIGRATION: FIRST_TABLES, "0020_quotation_search": ("articles_quotation",)}


def usable_terms(terms: Iterable[str]) -> list[str]:
    """Terms that can match something: NUL removed, at least one letter or digit."""
    cleaned = (" ".join(term.replace("\x00", " ").split()) for term in terms)
    return [term for term in cleaned if _WORD.search(term)]


def fts5_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression requiring every term: each a quoted string (a phrase when it
    holds several words), so no character of the reader's input is FTS5 syntax."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _pg_tsquery(terms: Sequence[str]) -> tuple[str, list[str]]:
    """SQL for a tsquery requiring every term, and its parameters."""
    sql = " && ".join(f"phraseto_tsquery('{CONFIG}', %s)" for _ in terms)
    return f"({sql})", list(terms)


def _vendor(queryset: QuerySet) -> str:
    return connections[queryset.db].vendor


def _table(queryset: QuerySet) -> str:
    table = queryset.model._meta.db_table
    if table not in TABLES:
        raise ValueError(f"{table} has no full-text index")
    return table


# --- filtering and ranking -------------------------------------------------------------------


def match(queryset: QuerySet, terms: Sequence[str]) -> QuerySet:
    """`queryset` restricted to rows matching every term; its order is kept. No usable term
    (only punctuation, say) matches nothing. On SQLite, among the MATCH_CANDIDATES newest
    matches."""
    terms = usable_terms(terms)
    if not terms:
        return queryset.none()
    table = _table(queryset)
    if _vendor(queryset) == "postgresql":
        # A predicate on the row itself (not an IN list): PostgreSQL can then walk the date index
        # newest first and stop after one page, or use the GIN index for rare words. Written by
        # the `Matches` lookup, which names the row by its alias: inside a subquery ("a later
        # occurrence", `once_per_quotation`) the row is the subquery's, not the outer query's.
        return queryset.filter(**{f"{TABLES[table][-1]}__matches": terms})
    return sqlite_match(queryset, fts5_query(terms))


def sqlite_match(queryset: QuerySet, expression: str) -> QuerySet:
    """`match` on SQLite, for an FTS5 expression already written (`fts5_query`): a value apart
    from the SQL, so that a query built on it compiles once (`articles.prepared`)."""
    fts = f"{_table(queryset)}_fts"
    return queryset.filter(
        pk__in=RawSQL(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY rowid DESC LIMIT %s",
            [expression, MATCH_CANDIDATES],
        )
    )


class Matches(Lookup):
    """`text__matches=terms`, `quotation__text__matches=terms`: the row the text column belongs
    to (a joined one included) matches every term in its table's full-text index. The row is
    named by its alias, so the condition stays on its own row inside a subquery (`match` on
    PostgreSQL, `once_per_quotation`); on a joined row it is a predicate PostgreSQL estimates
    from that table's statistics (articles.search.search_quotes). A single term on a table of
    PG_ROW_CHECK_TABLES carries the row check."""

    lookup_name = "matches"
    prepare_rhs = False

    def get_prep_lookup(self):
        return usable_terms(self.rhs)

    def as_sql(self, compiler, connection):
        if not isinstance(self.lhs, Col) or self.lhs.target.model._meta.db_table not in TABLES:
            raise ValueError("matches: a column of a table with a full-text index")
        terms = self.rhs
        if not terms:
            return "1 = 0", []
        table = self.lhs.target.model._meta.db_table
        alias = connection.ops.quote_name(self.lhs.alias)
        if connection.vendor == "postgresql":
            tsquery, params = _pg_tsquery(terms)
            sql = f"{alias}.search_vector @@ {tsquery}"
            if len(terms) == 1 and table in PG_ROW_CHECK_TABLES:
                sql = f"({sql} AND {PG_ROW_CHECK}({alias}.id))"
            return sql, params
        fts = f"{table}_fts"
        return (
            f"{alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",
            [fts5_query(terms)],
        )


def ranked(queryset: QuerySet, terms: Sequence[str], *, candidates: int = RANK_CANDIDATES):
    """`queryset` matching every term, best first (annotated ``search_rank``, higher is better),
    among the `candidates` newest matches: relevance order costs time in proportion to the rows
    it scores. Headline matches weigh most, then summary, then body."""
    terms = usable_terms(terms)
    if not terms:
        return queryset.none()
    table = _table(queryset)
    if _vendor(queryset) == "postgresql":
        tsquery, params = _pg_tsquery(terms)
        newest = RawSQL(
            f'SELECT id FROM "{table}" WHERE search_vector @@ {tsquery} ORDER BY id DESC LIMIT %s',
            [*params, candidates],
        )
        rank = RawSQL(
            f'ts_rank_cd("{table}"."search_vector", {tsquery}, 32)',
            params,
            output_field=FloatField(),
        )
        return (
            queryset.filter(pk__in=newest)
            .annotate(search_rank=rank)
            .order_by("-search_rank", "-pk")
        )
    fts, expression = f"{table}_fts", fts5_query(terms)
    weights = ", ".join(("10.0", "4.0", "1.0")[: len(TABLES[table])])
    newest = RawSQL(
        f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY rowid DESC LIMIT %s",
        [expression, candidates],
    )
    # bm25() is negative, lower is better: negate it so both backends sort the same way.
    rank = RawSQL(
        f"(SELECT -bm25({fts}, {weights}) FROM {fts} "
        f'WHERE {fts} MATCH %s AND {fts}.rowid = "{table}"."id")',
        [expression],
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=newest).annotate(search_rank=rank).order_by("-search_rank", "-pk")


# --- snippets ---------------------------------------------------------------------------------


def marks_to_html(text: str) -> SafeString:
    """Database output with highlight marks as HTML: everything escaped, then each marked run
    wrapped in <mark>; stray marks (from text that held them) are dropped."""
    escaped = html.escape(text, quote=True)
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(_OPEN, "").replace(_CLOSE, ""))  # noqa: S308 — escaped above


def snippets(
    model, ids: Iterable[int], terms: Sequence[str], *, using: str = "default", whole: bool = False
) -> dict[int, SafeString]:
    """Highlighted extracts for rows `ids` of `model` matching `terms`: id → safe HTML (wire
    text escaped, matched words in <mark>). `whole` highlights the entire text (quotations)
    instead of cutting an extract around the matches (dispatch bodies). One query."""
    ids, terms = list(ids), usable_terms(terms)
    table = model._meta.db_table
    if not ids or not terms or table not in TABLES:
        return {}
    column = TABLES[table][-1]
    placeholders = ", ".join(["%s"] * len(ids))
    connection = connections[using]
    if connection.vendor == "postgresql" and not whole:
        return _pg_extracts(connection, table, column, ids, terms)
    if connection.vendor == "postgresql":
        tsquery, params = _pg_tsquery(terms)
        options = f"StartSel={_OPEN}, StopSel={_CLOSE}, HighlightAll=true"
        sql = (
            f'SELECT id, ts_headline(\'{CONFIG}\', "{column}", {tsquery}, %s) FROM "{table}" '
            f"WHERE id IN ({placeholders})"
        )
        args = [*params, options, *ids]
    else:
        fts = f"{table}_fts"
        index = len(TABLES[table]) - 1
        call = (
            f"highlight({fts}, {index}, %s, %s)"
            if whole
            else f"snippet({fts}, {index}, %s, %s, ' … ', {SNIPPET_WORDS})"
        )
        sql = f"SELECT rowid, {call} FROM {fts} WHERE {fts} MATCH %s AND rowid IN ({placeholders})"
        args = [_OPEN, _CLOSE, fts5_query(terms), *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    return {pk: marks_to_html(text) for pk, text in rows if text and _OPEN in text}


def _pg_extracts(connection, table: str, column: str, ids: list[int], terms: list[str]) -> dict:
    """`snippets` of dispatch bodies on PostgreSQL: each body with the words of it that match
    the query, which PostgreSQL tells (its own parser and stemmer: the same matches as the
    search), and the extract cut here (`extract`).

    Not ts_headline: it parses and stems every word of every body again, ≈ 8 ms for a page of
    20 at 100k dispatches, the search page's slowest statement (docs/performance.md); here
    PostgreSQL stems only the words that begin as a word of the query does (`STEM_PREFIX`)."""
    pattern = _candidates_pattern(terms)
    if pattern is None:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    # The body read once: `|| ''` makes the subquery's row hold the text itself, not a pointer
    # to its compressed copy that each use (the regular expression, the result) would read and
    # decompress again (≈ 0.2 ms a page).
    sql = (
        "SELECT id, content, ARRAY(SELECT DISTINCT m[1] "
        "FROM regexp_matches(content, %s, 'g') AS m "
        f"WHERE tsvector_to_array(to_tsvector('{CONFIG}', m[1])) "
        f"&& tsvector_to_array(to_tsvector('{CONFIG}', %s))) "
        f'FROM (SELECT id, "{column}" || \'\' AS content FROM "{table}" '
        f"WHERE id IN ({placeholders}) OFFSET 0) AS page"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pattern, " ".join(terms), *ids])
        rows = cursor.fetchall()
    return {pk: marks_to_html(extract(text, set(words))) for pk, text, words in rows if words}


def _accented() -> dict[str, str]:
    """Each unaccented Latin letter → its accented forms, both cases ("e" → "ÈÉÊËèéêë…")."""
    forms: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if base.isascii() and base != char.lower():
            forms[base] = forms.get(base, "") + char
    return forms


_ACCENTED = _accented()


def _letter_class(char: str) -> str:
    """A bracket expression matching `char` whatever its case and accent; "i" and "y" match
    each other (the French stemmer turns some y into i: "voyant" and "voie" stem to "voi")."""
    base = unicodedata.normalize("NFD", char)[0].lower()
    bases = "iy" if base in "iy" else base
    forms = {char, char.lower(), char.upper()}
    for letter in bases:
        forms |= {letter, letter.upper(), *_ACCENTED.get(letter, "")}
    return "[" + "".join(sorted(f for f in forms if len(f) == 1)) + "]"


def _candidates_pattern(terms: Sequence[str]) -> str | None:
    """A PostgreSQL regular expression for the words that begin as a word of `terms` does
    (`STEM_PREFIX` letters, accents and case aside); None when the terms hold no word. Words of
    one letter (elisions: l', d') only when the terms have no other."""
    words = [word for term in terms for word in _TOKEN.findall(term)]
    words = [word for word in words if len(word) > 1] or words
    if not words:
        return None
    starts = sorted({"".join(map(_letter_class, word[:STEM_PREFIX])) for word in words})
    return r"\m(?:" + "|".join(starts) + ")[[:alnum:]]*"


def extract(text: str, words: set[str]) -> str:
    """At most SNIPPET_FRAGMENTS runs of SNIPPET_WORDS words of `text`, around its words that
    are in `words` (each between highlight marks), in reading order, joined by " … ";
    whitespace collapsed. The runs holding the most different matched words come first, then
    the earliest; "" when `text` holds none of `words`.

    Only the matches are looked for through the whole text (a plain alternation, the fastest
    of Python's patterns), and words are counted near the chosen ones only: cutting every word
    of every body first cost 4–6 ms a page of 20, more than the statement it replaced saved."""
    if not words:
        return ""
    found = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    hits = [
        (m.start(), m.end())
        for m in found.finditer(text)
        if not (m.start() and text[m.start() - 1].isalnum())
        and not (m.end() < len(text) and text[m.end()].isalnum())
    ]
    # Runs are chosen by their span in characters (a word and its space: ≈ 7 on average), and
    # only the chosen are counted in words.
    reach = 7 * SNIPPET_WORDS
    runs: list[tuple[int, int]] = []
    for start, _ in hits:
        if not runs or start >= runs[-1][1]:  # a match inside the last run adds no other
            runs.append((start, start + reach))

    def matched(run: tuple[int, int]) -> int:
        return len({text[s:e].casefold() for s, e in hits if run[0] <= s < run[1]})

    chosen: list[tuple[int, int]] = []
    for run in sorted(runs, key=lambda run: (-matched(run), run[0])):
        if all(run[0] >= stop or run[1] <= start for start, stop in chosen):
            chosen.append(run)
        if len(chosen) == SNIPPET_FRAGMENTS:
            break
    chosen = [_run(text, start) for start, _ in sorted(chosen)]
    if len(chosen) == 2 and chosen[1][0] < chosen[0][1]:
        chosen[1] = (chosen[0][1], chosen[1][1])
    fragments = []
    for start, stop in chosen:
        parts, cursor = [], start
        for s, e in hits:
            if start <= s and e <= stop:
                parts += [text[cursor:s], _OPEN, text[s:e], _CLOSE]
                cursor = e
        parts.append(text[cursor:stop])
        fragments.append(" ".join("".join(parts).split()))
    return " … ".join(fragments)


# How many characters a word and its spaces take, to look for words near a match: first a
# guess for prose, then more than any word of wire copy.
_WORD_SPANS = (8, 40)


def _run(text: str, at: int) -> tuple[int, int]:
    """The character span of SNIPPET_WORDS words of `text` starting SNIPPET_LEAD words before
    the word at offset `at` (fewer before it near the text's start; more after it, then)."""
    for span in _WORD_SPANS:
        low = max(at - span * SNIPPET_LEAD, 0)
        # One word more than needed: the first found may be cut by `low`.
        lead = [m.start() for m in _TOKEN.finditer(text, low, at)][-SNIPPET_LEAD - 1 :]
        if len(lead) > SNIPPET_LEAD or low == 0:
            break
    lead = lead[-SNIPPET_LEAD:]
    wanted = SNIPPET_WORDS - len(lead)
    for span in _WORD_SPANS:
        high = at + span * (wanted + 1)
        ends = [m.end() for m in itertools.islice(_TOKEN.finditer(text, at, high), wanted + 1)]
        if len(ends) > wanted or high >= len(text):
            break
    return (lead[0] if lead else at), ends[:wanted][-1]


# --- schema -----------------------------------------------------------------------------------


def _sqlite_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        # Only when an indexed column changed: Django's save() rewrites every column.
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} WHEN {changed} "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _pg_vector(columns: tuple[str, ...], row: str) -> str:
    parts = [
        f"setweight(to_tsvector('{CONFIG}', coalesce({row}.{c}, '')), '{w}')"
        for c, w in zip(columns, "ABC", strict=False)
    ]
    return " || ".join(parts)


def _pg_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    function = f"{table}_search_vector"
    unchanged = " AND ".join(f"new.{c} IS NOT DISTINCT FROM old.{c}" for c in columns)
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector",
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND {unchanged} THEN
        RETURN NEW;
    END IF;
    NEW.search_vector := {_pg_vector(columns, "new")};
    RETURN NEW;
END
$$""",
        f"DROP TRIGGER IF EXISTS {function} ON {table}",
        f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"UPDATE {table} SET search_vector = {_pg_vector(columns, table)}",
        f"CREATE INDEX IF NOT EXISTS {table}_search ON {table} USING gin (search_vector)",
    ]


PG_CONFIG_STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() itself is not IMMUTABLE and cannot sit in an index expression; a text search
    # configuration using the unaccent dictionary can (TRAPS.md).
    f"""DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$""",
]


# PostgreSQL's planner chooses between the GIN index (then sorting the matches) and walking the
# date index newest first, checking each row; both choices rest on two things tuned here:
# - the estimate of a word's matches: with the default statistics (1,000 most common lexemes)
#   every rarer word is guessed at 0.5% of the dispatches, so a word of 50 dispatches, all old,
#   walked 43,000 rows (0.5 s at 100k); 10,000 lexemes bring the guess near the truth;
# - the GIN index's pending list (new rows not merged yet), read by every search and counted in
#   its cost: up to 4 MB by default (480 pages after a bulk import: 1.3 ms a search, and a cost
#   that made the walk look cheaper). 1 MB: ≈ 0.3 ms at worst; merging more often costs an
#   insert ≈ 0.2 ms more (256 kB: ≈ 0.8 ms more; docs/performance.md).
PG_STATISTICS = 1000
PG_PENDING_LIST_KB = 1024


def install_row_check(connection) -> None:
    """Create `PG_ROW_CHECK` (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {PG_ROW_CHECK}(bigint) RETURNS boolean LANGUAGE plpgsql "
            f"IMMUTABLE PARALLEL UNSAFE COST {PG_ROW_CHECK_COST} AS $$ BEGIN RETURN true; END $$"
        )


def uninstall_row_check(connection) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP FUNCTION IF EXISTS {PG_ROW_CHECK}(bigint)")


def tune(connection, tables: Sequence[str] = FIRST_TABLES) -> None:
    """Set the search columns' statistics and the GIN indexes' pending list (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"ALTER TABLE {table} ALTER COLUMN search_vector SET STATISTICS {PG_STATISTICS}"
            )
            cursor.execute(
                f"ALTER INDEX {table}_search SET (gin_pending_list_limit = {PG_PENDING_LIST_KB})"
            )


def untune(connection, tables: Sequence[str] = FIRST_TABLES) -> None:
    """`tune`'s reverse: PostgreSQL's defaults."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STATISTICS -1")
            cursor.execute(f"ALTER INDEX {table}_search RESET (gin_pending_list_limit)")


def install(connection, tables: Sequence[str] = FIRST_TABLES) -> None:
    """Create (or complete) the search indexes of `tables` and their triggers, and fill them."""
    if connection.vendor == "postgresql":
        statements = list(PG_CONFIG_STATEMENTS)
        for table in tables:
            statements += _pg_statements(table, TABLES[table])
    elif connection.vendor == "sqlite":
        statements = [s for t in tables for s in _sqlite_statements(t, TABLES[t])]
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection, tables: Sequence[str] = FIRST_TABLES) -> None:
    """What `install` created (the migration's reverse); the text search configuration with
    the first tables."""
    statements: list[str] = []
    for table in tables:
        if connection.vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}",
                f"DROP FUNCTION IF EXISTS {table}_search_vector()",
                f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
            ]
        elif connection.vendor == "sqlite":
            statements += [f"DROP TABLE IF EXISTS {table}_fts"] + [
                f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}" for suffix in ("ai", "ad", "au")
            ]
    if connection.vendor == "postgresql" and set(FIRST_TABLES) <= set(tables):
        statements.append(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def is_installed(connection, tables: Sequence[str] = FIRST_TABLES) -> bool:
    """Are every index and trigger of `tables` in place?"""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s)",
                [[f"{table}_search_vector" for table in tables]],
            )
            return cursor.fetchone()[0] == len(tables)
        if connection.vendor == "sqlite":
            names = [f"{t}_fts" for t in tables] + [
                f"{t}_fts_{s}" for t in tables for s in ("ai", "ad", "au")
            ]
            placeholders = ", ".join(["%s"] * len(names))
            cursor.execute(
                f"SELECT count(*) FROM sqlite_master WHERE name IN ({placeholders})", names
            )
            return cursor.fetchone()[0] == len(names)
    return True


def ensure_installed(using: str = "default", **kwargs) -> None:
    """After ``migrate``: put back triggers a later migration dropped (SQLite rebuilds a table
    it alters, without its triggers), and refill the index they missed; each migration's tables
    once that migration has run."""
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return
    applied = set(
        recorder.migration_qs.filter(app="articles", name__in=MIGRATIONS).values_list(
            "name", flat=True
        )
    )
    for migration, tables in MIGRATIONS.items():
        if migration in applied and not is_installed(connection, tables):
            install(connection, tables)
