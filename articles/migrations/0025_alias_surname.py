from itertools import batched

from django.db import migrations, models


def fill_surnames(apps, schema_editor):
    """The last word of every alias key of several words (`models.surname_key`)."""
    PersonAlias = apps.get_model("articles", "PersonAlias")
    rows = PersonAlias.objects.filter(key__contains=" ").only("pk", "key").order_by("pk")
    for chunk in batched(rows.iterator(chunk_size=2000), 2000):
        for alias in chunk:
            alias.surname = alias.key.rpartition(" ")[2]
        PersonAlias.objects.bulk_update(chunk, ["surname"])


class Migration(migrations.Migration):
    """A registry name found by its surname: a dispatch naming only "Macron" reads the people
    the registry holds under "Emmanuel Macron" (articles.services.attribution.registry_lookup)."""

    dependencies = [
        ("articles", "0024_search_row_check"),
    ]

    operations = [
        migrations.AddField(
            model_name="personalias",
            name="surname",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                max_length=200,
                verbose_name="surname key",
            ),
        ),
        migrations.RunPython(fill_surnames, migrations.RunPython.noop, elidable=True),
    ]
