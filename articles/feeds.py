"""RSS 2.0 and Atom feeds: the latest dispatches, per section, per tag, and a speaker's latest
quotations. Wire text is plain text: descriptions are HTML-escaped so feed readers, which read
them as HTML, show it as written."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import quotations
from articles.models import Article, Person, Quote, Section, Tag

FEED_SIZE = 30


class DispatchFeed(Feed):
    """The latest published dispatches, newest first."""

    title = gettext_lazy("Newsroom: latest dispatches")
    description = gettext_lazy("The latest wire dispatches published by Newsroom.")
    link = reverse_lazy("articles:article-list")

    def dispatches(self, obj) -> QuerySet:
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.dispatches(obj)
            .select_related("section")
            .prefetch_related("tags")
            .newest_first()[:FEED_SIZE]
        )

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        text = item.summary or item.paragraphs[0]
        correction = getattr(item, "correction_note", "")
        if correction:
            text = f"{text}\n\n{_('Correction:')} {correction}"
        return escape(text)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        return item.byline or None

    def item_categories(self, item: Article) -> list[str]:
        section = [item.section.name] if item.section else []
        return section + [tag.name for tag in item.tags.all()]


class SectionFeed(DispatchFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def dispatches(self, obj: Section) -> QuerySet:
        return Article.objects.published().filter(section=obj)

    def title(self, obj: Section) -> str:
        return _("Newsroom: %(name)s") % {"name": obj.name}

    def description(self, obj: Section) -> str:
        return _("The latest dispatches in the section %(name)s.") % {"name": obj.name}

    def link(self, obj: Section) -> str:
        return f"{reverse('articles:article-list')}?section={obj.slug}"


class TagFeed(DispatchFeed):
    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def dispatches(self, obj: Tag) -> QuerySet:
        return Article.objects.published().filter(tags=obj)

    def title(self, obj: Tag) -> str:
        return _("Newsroom: tag %(name)s") % {"name": obj.name}

    def description(self, obj: Tag) -> str:
        return _("The latest dispatches tagged %(name)s.") % {"name": obj.name}

    def link(self, obj: Tag) -> str:
        return f"{reverse('articles:article-list')}?tag={obj.slug}"


class PersonQuoteFeed(Feed):
    """A speaker's latest public quotations, each linking to its place in the dispatch."""

    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person.objects.public(), slug=slug)

    def title(self, obj: Person) -> str:
        return _("Quotations of %(name)s") % {"name": obj.name}

    def description(self, obj: Person) -> str:
        return _("The latest quotations of %(name)s in Newsroom's dispatches.") % {"name": obj.name}

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Person):
        return Quote.objects.public_by(obj).select_related("article", "speaker")[:FEED_SIZE]

    def item_title(self, item: Quote) -> str:
        # Indirect speech is the dispatch's words, never in quotation marks.
        text = (
            quotations.reported(item)
            if item.kind == Quote.Kind.INDIRECT
            else quotations.plain(item)
        )
        return Truncator(text).chars(120)

    def item_description(self, item: Quote) -> str:
        text = (
            quotations.reported(item)
            if item.kind == Quote.Kind.INDIRECT
            else quotations.plain(item)
        )
        return escape(f"{text} — {item.article.headline}")

    def item_link(self, item: Quote) -> str:
        return f"{item.article.get_absolute_url()}#q{item.pk}"

    def item_pubdate(self, item: Quote):
        return item.article.published_at

    def item_author_name(self, item: Quote) -> str:
        return item.speaker.name


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj=None) -> str:
        description = self.description
        return description(obj) if callable(description) else description


class DispatchAtomFeed(AtomMixin, DispatchFeed):
    pass


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class PersonQuoteAtomFeed(AtomMixin, PersonQuoteFeed):
    pass
