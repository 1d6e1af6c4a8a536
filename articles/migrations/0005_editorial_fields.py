"""Editorial fields (correction note, reason for withdrawal, IPTC Media Topic), editors' revisions
(django-simple-history), and the publishing and tag-merge permissions, granted to Editors.

Permissions are normally created after migrations (post_migrate), so on a fresh database they do
not exist yet here: create them first, as 0002 does. Existing dispatches and tags get a first
revision, so the first editor's save already has a previous version to diff against and revert to.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models
from django.utils import timezone

EDITOR_PERMISSIONS = ("publish_article", "merge_tag")


def grant_editors(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="articles", codename__in=EDITOR_PERMISSIONS
        )
    )
    if len(permissions) != len(EDITOR_PERMISSIONS):
        raise RuntimeError(f"permissions missing: {EDITOR_PERMISSIONS}")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(*permissions)


def revoke_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="articles", codename__in=EDITOR_PERMISSIONS
    ).delete()


def first_revisions(apps, schema_editor):
    now = timezone.now()
    for name in ("Article", "Tag"):
        model = apps.get_model("articles", name)
        history = apps.get_model("articles", f"Historical{name}")
        tracked = [
            f.attname
            for f in history._meta.fields
            if f.attname != "id" and not f.attname.startswith("history_")
        ]
        for row in model.objects.iterator():
            record = history.objects.create(
                id=row.pk,
                history_date=now,
                history_type="+",
                history_change_reason="first revision",
                **{attname: getattr(row, attname) for attname in tracked},
            )
            if name == "Article":
                through = apps.get_model("articles", "HistoricalArticle_tags")
                rows = model.tags.through.objects.filter(article_id=row.pk)
                through.objects.bulk_create(
                    through(id=link.pk, history=record, article_id=row.pk, tag_id=link.tag_id)
                    for link in rows
                )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_quote_decision_person_merge"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalArticle",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "guid",
                    models.CharField(
                        blank=True, db_index=True, max_length=255, verbose_name="GUID"
                    ),
                ),
                (
                    "version",
                    models.CharField(blank=True, max_length=50, verbose_name="agency version"),
                ),
                ("headline", models.CharField(max_length=300, verbose_name="headline")),
                (
                    "headline_derived",
                    models.BooleanField(
                        default=False,
                        help_text="The headline was derived from the lede on import: an editor should check it.",
                        verbose_name="headline to check",
                    ),
                ),
                ("slug", models.SlugField(blank=True, max_length=120, verbose_name="slug")),
                ("body", models.TextField(verbose_name="body")),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                (
                    "language",
                    models.CharField(default="fr", max_length=35, verbose_name="language"),
                ),
                ("dateline", models.CharField(blank=True, max_length=200, verbose_name="dateline")),
                ("byline", models.CharField(blank=True, max_length=200, verbose_name="byline")),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="source")),
                (
                    "urgency",
                    models.PositiveSmallIntegerField(
                        default=5,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(9),
                        ],
                        verbose_name="urgency",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "draft"),
                            ("published", "published"),
                            ("corrected", "corrected"),
                            ("withdrawn", "withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "embargo_until",
                    models.DateTimeField(blank=True, null=True, verbose_name="embargo until"),
                ),
                (
                    "first_created",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="first created"
                    ),
                ),
                (
                    "version_created",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="version created"
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True, db_index=True, null=True, verbose_name="published at"
                    ),
                ),
                (
                    "edit_count",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="edit count"
                    ),
                ),
                ("correction_note", models.TextField(blank=True, verbose_name="correction note")),
                (
                    "corrected_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="corrected at"),
                ),
                (
                    "withdrawn_reason",
                    models.TextField(blank=True, verbose_name="reason for withdrawal"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical dispatch",
                "verbose_name_plural": "historical dispatches",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalArticle_tags",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalArticle_tags",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTag",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(db_index=True, max_length=100, verbose_name="name")),
                ("slug", models.SlugField(max_length=120, verbose_name="slug")),
                (
                    "media_topic",
                    models.CharField(
                        blank=True,
                        help_text="Optional IPTC Media Topic code, e.g. medtop:20000763.",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^medtop:\\d{8}$", "An IPTC Media Topic looks like medtop:20000763."
                            )
                        ],
                        verbose_name="IPTC Media Topic",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical tag",
                "verbose_name_plural": "historical tags",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ("-published_at", "-id"),
                "permissions": [
                    (
                        "publish_article",
                        "Can publish, schedule, embargo, correct and withdraw dispatches",
                    )
                ],
                "verbose_name": "dispatch",
                "verbose_name_plural": "dispatches",
            },
        ),
        migrations.AlterModelOptions(
            name="tag",
            options={
                "ordering": ("name",),
                "permissions": [("merge_tag", "Can merge tags")],
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
            },
        ),
        migrations.AddField(
            model_name="article",
            name="corrected_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="corrected at"),
        ),
        migrations.AddField(
            model_name="article",
            name="correction_note",
            field=models.TextField(blank=True, verbose_name="correction note"),
        ),
        migrations.AddField(
            model_name="article",
            name="withdrawn_reason",
            field=models.TextField(blank=True, verbose_name="reason for withdrawal"),
        ),
        migrations.AddField(
            model_name="tag",
            name="media_topic",
            field=models.CharField(
                blank=True,
                help_text="Optional IPTC Media Topic code, e.g. medtop:20000763.",
                max_length=20,
                validators=[
                    django.core.validators.RegexValidator(
                        "^medtop:\\d{8}$", "An IPTC Media Topic looks like medtop:20000763."
                    )
                ],
                verbose_name="IPTC Media Topic",
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("media_topic", ""),
                    ("media_topic__regex", "^medtop:[0-9]{8}$"),
                    _connector="OR",
                ),
                name="tag_media_topic_valid",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="section",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="articles.section",
                verbose_name="section",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle_tags",
            name="article",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="articles.article",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle_tags",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="articles.historicalarticle",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle_tags",
            name="tag",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="articles.tag",
            ),
        ),
        migrations.AddField(
            model_name="historicaltag",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(grant_editors, revoke_editors),
        migrations.RunPython(first_revisions, migrations.RunPython.noop),
    ]
