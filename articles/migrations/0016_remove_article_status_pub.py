from django.db import migrations, models


class Migration(migrations.Migration):
    """The newest published dispatches walk the date index instead (see Article.Meta)."""

    dependencies = [
        ("articles", "0015_tagging_mention_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="article", name="article_status_pub"),
    ]
