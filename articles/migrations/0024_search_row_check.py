from django.db import migrations


def install(apps, schema_editor):
    from articles import fts

    fts.install_row_check(schema_editor.connection)


def uninstall(apps, schema_editor):
    from articles import fts

    fts.uninstall_row_check(schema_editor.connection)


class Migration(migrations.Migration):
    """The planner's weight of a row checked by a search (articles.fts.PG_ROW_CHECK)."""

    dependencies = [
        ("articles", "0023_speakersummary_timeline"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
