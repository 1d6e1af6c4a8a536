"""The full-text index of `Quotation` rows (one per quotation: its first wording), beside those
of dispatches and occurrences (0006): the quotation search looks a word up among the
quotations, a few thousand rows, rather than among every occurrence (docs/performance.md)."""

from django.db import migrations

TABLES = ("articles_quotation",)


def install(apps, schema_editor) -> None:
    from articles import fts

    fts.install(schema_editor.connection, TABLES)
    fts.tune(schema_editor.connection, TABLES)


def uninstall(apps, schema_editor) -> None:
    from articles import fts

    fts.uninstall(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_quote_shown_speaker_search_tuning")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
