"""Indexes (tag, article) and (person, article) on the tags and people-mentioned tables: the
newest dispatches with a tag (related dispatches) or mentioning a person (speaker page) are then
an index walk, never a sort of every dispatch with that tag (issue 20). The tables are Django's
automatic many-to-many tables, which take no Meta.indexes: plain SQL, valid on SQLite and
PostgreSQL, and reversible."""

from django.db import migrations

INDEXES = (
    ("articles_article_tags_tag_article", "articles_article_tags", "tag_id, article_id"),
    ("articles_article_people_person_article", "articles_article_people", "person_id, article_id"),
)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_sourcing_permissions"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({columns})", f"DROP INDEX {name}"
        )
        for name, table, columns in INDEXES
    ]
