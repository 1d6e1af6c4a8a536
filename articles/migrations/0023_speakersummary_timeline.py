from django.db import migrations, models


def install(apps, schema_editor):
    # The triggers now also mark the speakers of a quotation's occurrences; every summary is
    # rebuilt with its timeline (until then the page reads it itself).
    from articles import summaries

    summaries.install(schema_editor.connection)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("UPDATE articles_speakersummary SET version = version + 1")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_speakersummary"),
    ]

    operations = [
        migrations.AddField(
            model_name="speakersummary",
            name="timeline",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(install, migrations.RunPython.noop, elidable=False),
    ]
