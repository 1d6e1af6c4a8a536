import django.utils.timezone
from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def fill_received_at(apps, schema_editor):
    """Existing dispatches were received at their first import, else when first created."""
    Article = apps.get_model("articles", "Article")
    DispatchRevision = apps.get_model("articles", "DispatchRevision")
    first_import = (
        DispatchRevision.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(at=Min("imported_at"))
        .values("at")
    )
    Article.objects.update(received_at=Subquery(first_import))
    Article.objects.filter(received_at__isnull=True).update(received_at=models.F("first_created"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_quote_pending_review_index")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="received_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                editable=False,
                null=True,
                verbose_name="received at",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="received_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="received at",
            ),
        ),
        migrations.RunPython(fill_received_at, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="received_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="received at"
            ),
        ),
    ]
