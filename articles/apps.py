from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from articles import fts, summaries
        from articles.models import Article, Quotation, Quote
        from newsroom import pagecache

        # A later migration that alters an indexed table on SQLite drops its search triggers.
        post_migrate.connect(fts.ensure_installed, sender=self)
        post_migrate.connect(summaries.ensure_installed, sender=self)
        pagecache.watch_writes()
        # `quote.filter(quotation__text__matches=terms)` (articles.search.search_quotes), and
        # `fts.match` on PostgreSQL (each table's last indexed column).
        for model in (Article, Quote, Quotation):
            model._meta.get_field(fts.TABLES[model._meta.db_table][-1]).register_lookup(fts.Matches)
