from django.db import migrations, models

from articles import fts


def tune(apps, schema_editor) -> None:
    fts.tune(schema_editor.connection)


def untune(apps, schema_editor) -> None:
    fts.untune(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_quote_quotation_speaker")]

    operations = [
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                fields=["speaker", "-id"],
                condition=models.Q(
                    ("anchor_lost", False),
                    ("start__isnull", False),
                    ("status__in", ["confirmed", "corrected"]),
                ),
                name="quote_shown_speaker",
            ),
        ),
        migrations.RunPython(tune, untune),
    ]
