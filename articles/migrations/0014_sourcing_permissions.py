"""Editors see the sourcing dashboard and keep people's roles; reviewers keep roles too (they
confirm the ones the engine reads in dispatches). Permissions are created here first: on a fresh
database they do not exist yet (post_migrate runs after migrations)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ("view_sources", "add_role", "change_role", "delete_role", "view_role"),
    "Reviewers": ("add_role", "change_role", "view_role"),
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        found = list(
            Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )
        if len(found) != len(codenames):
            raise RuntimeError(f"permissions missing for {name}")
        group.permissions.add(*found)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="articles", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_roles_gender_quotations")]

    operations = [migrations.RunPython(grant, revoke)]
