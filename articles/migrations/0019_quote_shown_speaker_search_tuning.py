from django.db import migrations, models

from articles import fts

# A speaker's shown quotations, newest first, for PostgreSQL's planner (docs/performance.md).
# SQLite takes this index too and the speaker page then costs ≈ 1.3 ms more (7.3–7.4 against
# 8.6–9.0 ms of CPU at 100k, the same database with and without it), so the index exists in
# Django's state everywhere but in the database on PostgreSQL only: a later migration that
# removes or alters it must do the same.
SHOWN_SPEAKER = models.Index(
    fields=["speaker", "-id"],
    condition=models.Q(
        ("anchor_lost", False),
        ("start__isnull", False),
        ("status__in", ["confirmed", "corrected"]),
    ),
    name="quote_shown_speaker",
)


def add_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Quote"), SHOWN_SPEAKER)


def remove_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Quote"), SHOWN_SPEAKER)


def tune(apps, schema_editor) -> None:
    fts.tune(schema_editor.connection)


def untune(apps, schema_editor) -> None:
    fts.untune(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_quote_quotation_speaker")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="quote", index=SHOWN_SPEAKER)],
            database_operations=[migrations.RunPython(add_index, remove_index)],
        ),
        migrations.RunPython(tune, untune),
    ]
