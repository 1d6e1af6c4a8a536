"""Create the Editors and Reviewers groups with their permissions.

Permissions are normally created after migrations (post_migrate), so on a fresh database they do
not exist yet here: create them first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = {
    "article": ("add", "change", "view"),
    "section": ("add", "change", "view"),
    "tag": ("add", "change", "view"),
    "person": ("add", "change", "view"),
    "personalias": ("add", "change", "delete", "view"),
    "quote": ("add", "change", "view"),
}
REVIEWERS = {
    "article": ("view",),
    "person": ("add", "change", "view"),
    "personalias": ("add", "change", "delete", "view"),
    "quote": ("change", "view", "review"),
}


def permissions_for(Permission, spec):
    codenames = [f"{action}_{model}" for model, actions in spec.items() for action in actions]
    found = list(
        Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise RuntimeError(f"permissions missing: {sorted(missing)}")
    return found


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("Editors", EDITORS), ("Reviewers", REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_for(Permission, spec))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
