"""Full-text search indexes kept in sync by the database: FTS5 tables with triggers on SQLite,
a trigger-maintained tsvector column with a GIN index (french + unaccent) on PostgreSQL.
The SQL lives in articles.fts, shared with the post-migrate check that restores dropped triggers."""

from django.db import migrations


def install(apps, schema_editor):
    from articles import fts

    fts.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from articles import fts

    fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_editorial_fields"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
