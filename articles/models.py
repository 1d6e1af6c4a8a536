"""Newsroom's domain: dispatches (Article), their sections and tags, the people quoted (Person and
their aliases) and the quotations (Quote) the engine suggests and reviewers decide on."""

import datetime
import functools
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.languages import normalise_language

SLUG_MAX = 120


# What the `slug` path converter accepts: such a slug goes into a URL as it is.
_URL_SAFE_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_PLACEHOLDER = "slug-placeholder"
_PK_PLACEHOLDER = 987654321987


@functools.cache
def _slug_url_pattern(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, kwargs={"slug": _SLUG_PLACEHOLDER})


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})`` without the resolver's work on every call:
    pages link to dozens of dispatches and people, and a reverse costs ≈ 50–200 µs (a speaker
    page made 139 of them). The URL is reversed once per script prefix and URLconf with a
    placeholder, then the slug put in its place; an unusual slug goes through `reverse`."""
    if not _URL_SAFE_SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    pattern = _slug_url_pattern(name, get_script_prefix(), get_urlconf())
    return pattern.replace(_SLUG_PLACEHOLDER, slug, 1)


@functools.cache
def _pk_url_pattern(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, kwargs={"pk": _PK_PLACEHOLDER})


def quotation_url(pk: int) -> str:
    """``reverse("articles:quotation-detail", kwargs={"pk": pk})``, reversed once per script
    prefix and URLconf as `slug_url` does (a speaker's timeline links twenty of them)."""
    pattern = _pk_url_pattern("articles:quotation-detail", get_script_prefix(), get_urlconf())
    return pattern.replace(str(_PK_PLACEHOLDER), str(int(pk)), 1)


@receiver(setting_changed)
def _forget_url_patterns(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _slug_url_pattern.cache_clear()
        _pk_url_pattern.cache_clear()


def slug_base(text: str, *, max_length: int = SLUG_MAX) -> str:
    """The plain slug of `text`, with room left for a "-n" suffix."""
    return slugify(text)[: max_length - 8].strip("-") or "item"


def unique_slug(
    model: type[models.Model], text: str, *, exclude_pk=None, max_length=SLUG_MAX
) -> str:
    """A slug for `text` not yet used by `model` ("name", "name-2", "name-3", …)."""
    base = slug_base(text, max_length=max_length)
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX, unique=True, allow_unicode=False)

    class Meta:
        ordering = ("name",)
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Section, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


MEDIA_TOPIC_PATTERN = r"^medtop:\d{8}$"


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX, unique=True)
    media_topic = models.CharField(
        _("IPTC Media Topic"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                MEDIA_TOPIC_PATTERN, _("An IPTC Media Topic looks like medtop:20000763.")
            )
        ],
        help_text=_("Optional IPTC Media Topic code, e.g. medtop:20000763."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        permissions = [("merge_tag", _("Can merge tags"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(media_topic="") | Q(media_topic__regex=r"^medtop:[0-9]{8}$"),
                name="tag_media_topic_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def public(self, *, at=None):
        """People with at least one public quotation (at `at`, default now)."""
        # Correlated EXISTS through the (speaker, -id) index: an IN list would collect every
        # public quotation's speaker on each query (grows with the archive, bench_site).
        return self.filter(
            models.Exists(Quote.objects.public(at=at).filter(speaker=models.OuterRef("pk")))
        )

    def matching_key(self, key: str):
        """People whose name or one alias normalises to `key` (see `name_key`)."""
        return self.filter(aliases__key=key).distinct()


class Person(models.Model):
    """Anyone or anything that can be quoted: a person, an organisation or a group."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organisation")
        GROUP = "group", _("group")

    class Origin(models.TextChoices):
        AUTOMATIC = "automatic", _("automatic (created by the engine, not yet confirmed)")
        MANUAL = "manual", _("manual (entered or confirmed by staff)")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        UNKNOWN = "unknown", _("unknown")

    class GenderSource(models.TextChoices):
        INFERRED = "inferred", _("inferred from the text or first-name lists")
        STAFF = "staff", _("set by staff")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX, unique=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    wikidata_qid = models.CharField(
        _("Wikidata QID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata QID looks like Q7747."))],
    )
    origin = models.CharField(_("origin"), max_length=20, choices=Origin, default=Origin.MANUAL)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender,
        default=Gender.UNKNOWN,
        help_text=_(
            "Unknown until the text says (honorifics, agreement, first names) or staff set it."
        ),
    )
    gender_source = models.CharField(
        _("gender from"), max_length=10, choices=GenderSource, blank=True, default=""
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organization", "group"]), name="person_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=["automatic", "manual"]), name="person_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(wikidata_qid="") | Q(wikidata_qid__regex=r"^Q[1-9][0-9]*$"),
                name="person_wikidata_qid_valid",
            ),
            models.CheckConstraint(
                condition=Q(gender__in=["woman", "man", "unknown"]), name="person_gender_valid"
            ),
            models.CheckConstraint(
                condition=Q(gender_source__in=["", "inferred", "staff"]),
                name="person_gender_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def gender_inferred(self) -> bool:
        return self.gender_source == self.GenderSource.INFERRED

    def get_absolute_url(self) -> str:
        return slug_url("articles:person-detail", self.slug)

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_qid}" if self.wikidata_qid else ""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        with transaction.atomic():
            super().save(*args, **kwargs)
            # The canonical name always resolves to its person.
            PersonAlias.objects.get_or_create(
                key=alias_key(self.name), defaults={"person": self, "name": self.name}
            )


def alias_key(name: str) -> str:
    """The normalised key of a name: case, accents and honorifics ignored."""
    from articles.extraction.names import name_key  # the engine owns name normalisation

    return name_key(name)


def surname_key(key: str) -> str:
    """The last word of an alias key of several words ("emmanuel macron" → "macron"), else ""."""
    head, _, last = key.rpartition(" ")
    return last if head else ""


# Words that open a description rather than a name when a lower-case word follows them ("la
# ministre", "his spokesman"); before a capital they belong to a name ("Le Parisien").
DESCRIPTION_OPENERS = frozenset(
    "le la l' les un une des ce cet cette sa son ses leur leurs notre nos "  # noqa: SIM905
    "the a an his her its their this that".split()
)


class PersonAlias(models.Model):
    """A name variant ("Poutine", "M. Poutine", "le président russe") resolving to one Person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    key = models.CharField(_("normalised key"), max_length=200, unique=True, editable=False)
    # The key's last word when it has several ("macron" for "emmanuel macron"): a dispatch
    # naming only "Macron" finds the registry's people of that surname by it.
    surname = models.CharField(
        _("surname key"), max_length=200, blank=True, default="", db_index=True, editable=False
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [models.CheckConstraint(condition=~Q(key=""), name="alias_key_not_empty")]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def description_opener(words: list[str]) -> int:
        """How many characters of `words`' first word open a description ("la ministre" → 2,
        "l'ancien maire" → 2, "Le Parisien" → 0): a determiner before a lower-case word."""
        if not words:
            return 0
        first = words[0].casefold().replace("’", "'")
        if first.startswith("l'") and len(first) > 2:
            opener, following = 2, words[0][2:]
        else:
            opener, following = len(first), words[1] if len(words) > 1 else ""
        if first[:opener] not in DESCRIPTION_OPENERS or not following[:1].islower():
            return 0
        return opener

    @property
    def is_name(self) -> bool:
        """Is the alias a name ("Poutine", "M. Poutine", "Le Parisien") rather than a role or a
        description ("la ministre", "le président russe", "l'ancien maire de Valmont")? Only
        names are shown to readers ("Other names", JSON-LD `alternateName`): a reviewer may tie
        a description to a person for the desk and for search, never for the public."""
        if not any(char.isupper() for char in self.name):
            return False
        return not self.description_opener(self.name.split())

    @staticmethod
    def other_names(aliases, person: "Person") -> list["PersonAlias"]:
        """The aliases shown to readers as a person's other names: names, not their own."""
        return [alias for alias in aliases if alias.is_name and alias.name != person.name]

    def clean(self):
        self.key = alias_key(self.name)
        self.surname = surname_key(self.key)
        if not self.key:
            raise ValidationError({"name": _("This alias has no letters once normalised.")})
        clash = PersonAlias.objects.filter(key=self.key).exclude(pk=self.pk).first()
        if clash and clash.person_id != self.person_id:
            raise ValidationError(
                {"name": _("This name already resolves to %(person)s.") % {"person": clash.person}}
            )

    def save(self, *args, **kwargs):
        self.key = alias_key(self.name)
        self.surname = surname_key(self.key)
        super().save(*args, **kwargs)


# What a list of dispatches shows of each (articles.templatetags.public.dispatch_item).
LIST_FIELDS = ("slug", "headline", "dateline", "section", "published_at", "language", "summary")


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Dispatches readers may see: published or corrected, publication time reached, and
        not under embargo."""
        return self.filter(published_condition(at=at))

    def newest_first(self):
        """Newest publication first; the id breaks ties (the section index serves it)."""
        return self.order_by("-published_at", "-id")

    def listing(self, *, at=None):
        """Published dispatches as every list shows them: with their section, newest first."""
        return self.published(at=at).select_related("section").newest_first()

    def listed(self, *, at=None):
        """`listing()` reading only the columns a list item shows (`LIST_FIELDS`): building a row
        of every column cost a list about as much as finding its rows (bench_site at 100k)."""
        return self.listing(at=at).only(*LIST_FIELDS)


# Kept at module level too, so that articles.services.editorial can make one revision of a save
# and the tag changes that go with it (the library otherwise records each step).
ARTICLE_HISTORY = HistoricalRecords(m2m_fields=["tags"], excluded_fields=["updated_at"])


class Article(models.Model):
    """A dispatch. `body` is plain text, paragraphs separated by one blank line; every quotation
    offset in the product indexes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CORRECTED = "corrected", _("corrected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    guid = models.CharField(_("GUID"), max_length=255, unique=True, blank=True)
    version = models.CharField(_("agency version"), max_length=50, blank=True)
    headline = models.CharField(_("headline"), max_length=300)
    headline_derived = models.BooleanField(
        _("headline to check"),
        default=False,
        help_text=_("The headline was derived from the lede on import: an editor should check it."),
    )
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX, unique=True, blank=True)
    body = models.TextField(_("body"))
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(_("language"), max_length=35, default="fr")
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("section"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    people = models.ManyToManyField(
        Person,
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("people mentioned"),
    )
    dateline = models.CharField(_("dateline"), max_length=200, blank=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), default=5, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    embargo_until = models.DateTimeField(_("embargo until"), null=True, blank=True, db_index=True)
    first_created = models.DateTimeField(_("first created"), default=timezone.now)
    version_created = models.DateTimeField(_("version created"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    # When the dispatch reached this newsroom (import or entry): for staff only. Readers see its
    # own date (`published_at`, from `first_created` unless a schedule or embargo delays it).
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Our own edit counter, for safe concurrent editing; not the agency's `version`. Every save of
    # an existing row adds one (see save()); the admin form refuses a save whose counter is stale.
    edit_count = models.PositiveIntegerField(_("edit count"), default=0, editable=False)
    # Public correction (on the dispatch, its feeds and JSON-LD); the reason of a withdrawal.
    correction_note = models.TextField(_("correction note"), blank=True)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    # The last attribution's failure (empty once an attribution succeeds): the dispatch has no
    # suggestions from the engine, and staff are told so in the admin and on the review desk.
    attribution_error = models.TextField(_("attribution error"), blank=True, editable=False)
    attribution_failed_at = models.DateTimeField(
        _("attribution failed at"), null=True, blank=True, editable=False
    )

    objects = ArticleQuerySet.as_manager()
    # Editors' revisions (text, metadata and tags): who saved what, with a diff and revert in the
    # admin. Imports keep their own record in DispatchRevision.
    history = ARTICLE_HISTORY

    class Meta:
        ordering = ("-published_at", "-id")
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        permissions = [
            (
                "publish_article",
                _("Can publish, schedule, embargo, correct and withdraw dispatches"),
            )
        ]
        indexes = [
            # No (status, published_at) index: "published or corrected" is two ranges of it, so
            # the newest published dispatches came from sorting every one of them (SQLite chose
            # it over the date index: 200 ms for the home page at 100k, issue 20). The date index
            # (published_at, then the row id) serves every newest-first list, bounded by LIMIT.
            # A section's page, newest first, without sorting the whole section.
            models.Index(fields=["section", "-published_at", "-id"], name="article_section_pub"),
            # A search's page (articles.views.article_list): the newest of up to 2,000 matches
            # found from this index alone, then only the page's rows read. Sorting the matches
            # by date read every matching row, body and all (≈ 8–30 ms at 100k on SQLite).
            models.Index(
                fields=["id", "published_at", "status", "embargo_until"],
                name="article_listed_cover",
            ),
            # The few dispatches whose attribution failed, for the review desk's notice.
            models.Index(
                fields=["-attribution_failed_at"],
                condition=Q(attribution_failed_at__isnull=False),
                name="article_attribution_failed",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(urgency__gte=1, urgency__lte=9), name="article_urgency_1_9"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "corrected", "withdrawn"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(condition=~Q(guid=""), name="article_guid_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="article_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return slug_url("articles:article-detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        # Remember the stored body, so a write path knows when quotes must be re-anchored.
        instance._stored_body = instance.__dict__.get("body")
        return instance

    @property
    def is_published(self) -> bool:
        now = timezone.now()
        return (
            self.status in (self.Status.PUBLISHED, self.Status.CORRECTED)
            and self.published_at is not None
            and self.published_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n")

    def fill_identity(self) -> None:
        """A guid and a slug for dispatches entered by hand (imports bring their own guid)."""
        if not self.guid:
            self.guid = f"urn:uuid:{uuid.uuid4()}"
        if not self.slug:
            self.slug = unique_slug(Article, self.headline, exclude_pk=self.pk)

    def clean(self):
        self.fill_identity()
        try:
            self.language = normalise_language(self.language)
        except ValueError:
            raise ValidationError(
                {"language": _("Enter a BCP 47 language tag, e.g. fr or nb-NO.")}
            ) from None

    def fill_defaults(self) -> None:
        """What every write sets: a normalised language, a guid and a slug, and the publication
        time of a dispatch published without one. `save()` calls it; so does the batched import
        before its bulk INSERT, which skips `save()`."""
        self.language = normalise_language(self.language)
        self.fill_identity()
        if self.status in (self.Status.PUBLISHED, self.Status.CORRECTED) and not self.published_at:
            # Its own date (the wire header, ninjs `firstcreated`, NewsML), never the moment of
            # the import: an archive import of 2016 dispatches is dated 2016. A date in the
            # future (a clock ahead of ours) is not a schedule: then now.
            now = timezone.now()
            self.published_at = min(self.first_created or now, now)

    @property
    def body_changed(self) -> bool:
        """Does the body differ from the one stored? Then its quotations must be re-anchored
        (`services.save_article` does it)."""
        return self.pk is not None and getattr(self, "_stored_body", None) != self.body

    def save(self, *args, **kwargs):
        self.fill_defaults()
        if not self._state.adding:
            self.edit_count += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "edit_count"}
        with transaction.atomic():  # the row and its history row (a signal) together
            super().save(*args, **kwargs)
        self._stored_body = self.body


def published_condition(*, at=None, prefix: str = "") -> Q:
    """`ArticleQuerySet.published` as a condition, on a related dispatch when `prefix` is given
    ("article__"): a join lets the database start from the quotations, never from every
    published dispatch."""
    now = at or timezone.now()
    return Q(
        Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": now}),
        **{
            f"{prefix}status__in": (Article.Status.PUBLISHED, Article.Status.CORRECTED),
            f"{prefix}published_at__lte": now,
        },
    )


# The review desk's queue (`QuoteQuerySet.pending_review`), also the condition of its partial
# index: the queue and its count read only the pending rows, however many were decided.
PENDING_REVIEW = Q(status="suggested") | (Q(anchor_lost=True) & ~Q(status="rejected"))
# What `QuoteQuerySet.shown` keeps (suggestions hidden, the default), also the condition of the
# partial index behind a speaker's public quotations.
SHOWN = Q(status__in=["confirmed", "corrected"], anchor_lost=False, start__isnull=False)


def shown_condition(prefix: str = "") -> Q:
    """`QuoteQuerySet.shown` as a condition, on related quotations when `prefix` is given
    ("quotes__"), so that one join both filters and is counted."""
    statuses = [Quote.Status.CONFIRMED, Quote.Status.CORRECTED]
    if settings.NEWSROOM_SHOW_SUGGESTED_QUOTES:
        statuses.append(Quote.Status.SUGGESTED)
    return Q(
        **{
            f"{prefix}status__in": statuses,
            f"{prefix}anchor_lost": False,
            f"{prefix}start__isnull": False,
        }
    )


class QuoteQuerySet(models.QuerySet):
    def shown(self):
        """Quotations a reader would see once their dispatch is out: confirmed or corrected
        (suggestions too when the site is set to show them) and anchored in the body."""
        return self.filter(shown_condition())

    def public(self, *, at=None):
        """Quotations readers see: `shown()` ones on published dispatches (at `at`, default
        now)."""
        return self.shown().filter(published_condition(at=at, prefix="article__"))

    def by_speaker(self, person: Person):
        return self.filter(speaker=person)

    def newest_first(self):
        """Newest first by id: the (speaker, -id) index serves a speaker's timeline (a join on
        the dispatch date is an order of magnitude slower, docs/performance.md)."""
        return self.order_by("-id")

    def public_by(self, person: Person | int, *, at=None):
        """A speaker's public quotations, newest first."""
        return self.public(at=at).by_speaker(person).newest_first()

    def pending_review(self):
        """Suggestions awaiting a decision, and quotations whose anchor was lost after an edit."""
        return self.filter(PENDING_REVIEW)

    def reviewed(self):
        """Quotations a reviewer confirmed or corrected (the sourcing dashboard counts these)."""
        return self.filter(status__in=[Quote.Status.CONFIRMED, Quote.Status.CORRECTED])

    def once_per_quotation(self, *, at=None):
        """These quotations, each quotation once: its latest occurrence among them (one not
        grouped yet stands for itself), with `repeats`, its number of public occurrences.

        Call it last, on the filtered queryset: "latest among them" follows the filters. Two
        correlated subqueries per row, each through the quotation's index: the cost does not grow
        with the archive, and a list keeps its newest-first index walk."""
        later = self.filter(
            quotation=models.OuterRef("quotation"), id__gt=models.OuterRef("id")
        ).order_by()
        occurrences = (
            Quote.objects.public(at=at)
            .filter(quotation=models.OuterRef("quotation"))
            .order_by()
            .values("quotation")
            .annotate(n=models.Count("id"))
            .values("n")
        )
        return self.filter(~models.Exists(later)).annotate(
            repeats=Coalesce(models.Subquery(occurrences), 1)
        )


class Quote(models.Model):
    """A quotation found in (or entered for) a dispatch, and who said it."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("direct")
        PARTIAL = "partial", _("partial")
        INDIRECT = "indirect", _("indirect")

    class SpeakerType(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organisation")
        GROUP = "group", _("group")
        ANONYMOUS = "anonymous", _("unnamed source")
        UNKNOWN = "unknown", _("unknown")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        CONFIRMED = "confirmed", _("confirmed")
        CORRECTED = "corrected", _("corrected")
        REJECTED = "rejected", _("rejected")

    class Origin(models.TextChoices):
        AUTOMATIC = "automatic", _("automatic")
        MANUAL = "manual", _("manual")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("dispatch")
    )
    text = models.TextField(_("text"))
    start = models.PositiveIntegerField(_("start"), null=True, blank=True)
    end = models.PositiveIntegerField(_("end"), null=True, blank=True)
    anchor_lost = models.BooleanField(
        _("anchor lost"),
        default=False,
        help_text=_("The text could not be found in the body after an edit."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DIRECT)
    speaker = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("speaker"),
    )
    speaker_type = models.CharField(
        _("speaker type"), max_length=20, choices=SpeakerType, default=SpeakerType.UNKNOWN
    )
    mention = models.CharField(_("mention"), max_length=300, blank=True)
    cue = models.CharField(_("cue"), max_length=200, blank=True)
    confidence = models.FloatField(_("confidence"), default=1.0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUGGESTED, db_index=True
    )
    origin = models.CharField(_("origin"), max_length=20, choices=Origin, default=Origin.MANUAL)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    quotation = models.ForeignKey(
        "Quotation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("quotation (with its repeats)"),
    )
    # Set when the engine named only an office ("le président valmérien") and attribution gave
    # the quotation to the holder of a confirmed role valid on the dispatch's date.
    resolved_role = models.ForeignKey(
        "Role",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker found through the role"),
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ("article", "start", "id")
        verbose_name = _("quotation")
        verbose_name_plural = _("quotations")
        permissions = [("review_quote", _("Can review quotation attributions"))]
        indexes = [
            models.Index(fields=["speaker", "-id"], name="quote_speaker_id"),
            # A speaker's shown quotations, newest first: the speaker page's timeline and
            # sidebars stop after a page, and PostgreSQL no longer intersects the speaker's
            # rows with every shown quotation's (a bitmap AND over the status index,
            # docs/performance.md). In the database on PostgreSQL only: SQLite's planner takes
            # it and its speaker page costs more (migration 0019).
            models.Index(fields=["speaker", "-id"], condition=SHOWN, name="quote_shown_speaker"),
            # "each quotation once" on a speaker's page: a later occurrence of the same
            # quotation by the same speaker, one index probe per row (docs/performance.md)
            models.Index(fields=["quotation", "speaker", "id"], name="quote_quotation_speaker"),
            models.Index(fields=["status", "confidence"], name="quote_status_confidence"),
            # The review queue's order, and its count read from the index alone: the condition's
            # columns are in it (a count at 1M read every pending row, docs/performance.md)
            models.Index(
                fields=["confidence", "id", "status", "anchor_lost"],
                condition=PENDING_REVIEW,
                name="quote_pending_queue",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="quote_unique_span"),
            models.CheckConstraint(
                condition=(Q(start__isnull=True) & Q(end__isnull=True))
                | (Q(start__gte=0) & Q(end__gt=models.F("start"))),
                name="quote_span_valid",
            ),
            models.CheckConstraint(
                condition=Q(anchor_lost=False) | Q(start__isnull=True), name="quote_lost_unanchored"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1), name="quote_confidence_0_1"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["direct", "partial", "indirect"]), name="quote_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    speaker_type__in=["person", "organization", "group", "anonymous", "unknown"]
                ),
                name="quote_speaker_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["suggested", "confirmed", "corrected", "rejected"]),
                name="quote_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=["automatic", "manual"]), name="quote_origin_valid"
            ),
        ]

    def __str__(self) -> str:
        # Indirect speech is never shown in quotation marks (articles.quotations).
        from articles.quotations import short

        return short(self)

    def anchor_error(self, body: str) -> str | None:
        """Why this quote's offsets do not fit `body`, or None when they do."""
        if self.start is None and self.end is None:
            return None if self.anchor_lost else _("An anchored quotation needs its start and end.")
        if self.start is None or self.end is None or not 0 <= self.start < self.end:
            return _("Start and end must satisfy 0 ≤ start < end.")
        if self.end > len(body):
            return _("The quotation ends after the end of the body (%(n)d characters).") % {
                "n": len(body)
            }
        if body[self.start : self.end] != self.text:
            return _("The body does not hold this text between start and end.")
        return None

    def locate(self, body: str) -> None:
        """Fill in missing offsets from the text's first occurrence in `body` (for quotations
        entered by hand, where the editor pastes the words)."""
        if self.start is None and self.end is None and not self.anchor_lost and self.text:
            at = body.find(self.text)
            if at != -1:
                self.start, self.end = at, at + len(self.text)

    def clean(self):
        if self.article_id is not None:
            self.locate(self.article.body)
            error = self.anchor_error(self.article.body)
            if error:
                raise ValidationError(error)

    def save(self, *args, **kwargs):
        # A check constraint cannot span two tables: the body/offset rule is enforced here, on
        # every save (admin, services, shell); services use save(), never bulk writes.
        body = Article.objects.values_list("body", flat=True).get(pk=self.article_id)
        self.locate(body)
        error = self.anchor_error(body)
        if error:
            raise ValidationError(error)
        super().save(*args, **kwargs)


class RoleQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Role.Status.CONFIRMED)

    def suggested(self):
        return self.filter(status=Role.Status.SUGGESTED)

    def valid_on(self, day: datetime.date):
        """Roles held on `day` (open ends hold from always / until now)."""
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day)
        )


class Role(models.Model):
    """An office or title a person held, from a date to a date (either end may be open):
    "ministre de l'Intérieur" of "Valmérie" from 2025-06-01. Entered by staff, or read from a
    dispatch by the engine ("X, ministre de …") as a suggestion staff confirm. Only confirmed roles
    are used: the speaker page's timeline, and attribution of an office a dispatch never ties to a
    name."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered by staff")
        TEXT = "text", _("read from a dispatch")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        CONFIRMED = "confirmed", _("confirmed")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    title = models.CharField(
        _("office or title"), max_length=200, help_text=_("e.g. ministre de l'Intérieur")
    )
    organisation = models.CharField(
        _("organisation or country"), max_length=200, blank=True, help_text=_("e.g. Valmérie")
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.ENTERED)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.CONFIRMED, db_index=True
    )
    wikidata_qid = models.CharField(
        _("Wikidata QID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata QID looks like Q7747."))],
        help_text=_("A reference typed by staff (e.g. the position's item); nothing is fetched."),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("read in dispatch"),
    )
    evidence = models.CharField(_("as written"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ("person", "start", "id")
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=F("end")),
                name="role_start_before_end",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["entered", "text"]), name="role_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["suggested", "confirmed"]), name="role_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="role_title_not_empty"),
        ]

    def __str__(self) -> str:
        office = f"{self.title}, {self.organisation}" if self.organisation else self.title
        return f"{self.person} — {office}"

    @property
    def office(self) -> str:
        return f"{self.title} ({self.organisation})" if self.organisation else self.title

    def clean(self):
        if self.start and self.end and self.start > self.end:
            raise ValidationError({"end": _("A role cannot end before it starts.")})

    def held_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class QuotationQuerySet(models.QuerySet):
    def public(self):
        """Quotations with at least one public occurrence."""
        return self.filter(
            models.Exists(Quote.objects.public().filter(quotation=models.OuterRef("pk")))
        )


class Quotation(models.Model):
    """One statement and its repeats: the occurrences (`Quote` rows) of the same words by the same
    speaker across dispatches — the first urgent, the developed story, the next day's reaction.
    Grouped by `articles.services.quotations`; `text` and `words` are the first occurrence's.
    `indirect` groups reported speech, which is never presented as a quotation."""

    speaker = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotations",
        verbose_name=_("speaker"),
    )
    indirect = models.BooleanField(_("reported speech"), default=False)
    text = models.TextField(_("text"))
    words = models.TextField(_("normalised words"), editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = QuotationQuerySet.as_manager()

    class Meta:
        ordering = ("-id",)
        verbose_name = _("quotation with its repeats")
        verbose_name_plural = _("quotations with their repeats")
        permissions = [("view_sources", _("Can see the sourcing dashboard"))]
        indexes = [models.Index(fields=["speaker", "-id"], name="quotation_speaker_id")]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return text if self.indirect else f"« {text} »"

    def get_absolute_url(self) -> str:
        return reverse("articles:quotation-detail", kwargs={"pk": self.pk})


class DispatchRevision(models.Model):
    """One import of a dispatch that created or updated an article.

    `imported` holds the article fields as the agency last sent them (what an import compares
    against to recognise an editor's change); `previous` the article's values that this import
    replaced, so an update can be undone. Written by `services.import_dispatch` only.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("dispatch")
    )
    guid = models.CharField(_("GUID"), max_length=255, db_index=True)
    version = models.CharField(_("agency version"), max_length=50, blank=True)
    format = models.CharField(_("format"), max_length=20)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    filename = models.CharField(_("file"), max_length=500, blank=True)
    imported = models.JSONField(_("imported values"))
    previous = models.JSONField(_("replaced values"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ("-imported_at", "-id")
        verbose_name = _("dispatch revision")
        verbose_name_plural = _("dispatch revisions")

    def __str__(self) -> str:
        return f"{self.guid} v{self.version}" if self.version else self.guid


class QuoteDecision(models.Model):
    """One reviewer decision on a quotation: who, when, what it was before and after, and why.

    Written by `articles.services.review` only, never edited nor deleted: the quote's history.
    """

    class Action(models.TextChoices):
        CONFIRM = "confirm", _("confirmed")
        REASSIGN = "reassign", _("speaker changed")
        CREATE_PERSON = "create_person", _("speaker created from the mention")
        ADD_ALIAS = "add_alias", _("mention added as an alias")
        REJECT = "reject", _("not a quotation")
        CORRECT_SPAN = "correct_span", _("span corrected")
        MERGE = "merge", _("speaker merged into another person")
        UNDO_MERGE = "undo_merge", _("person merge undone")
        UNDO = "undo", _("decision undone")

    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("quotation")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action)
    before = models.JSONField(_("before"))
    after = models.JSONField(_("after"))
    note = models.TextField(_("note"), blank=True)
    merge = models.ForeignKey(
        "PersonMerge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("person merge"),
    )

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        indexes = [models.Index(fields=["quote", "-at"], name="decision_quote_at")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.quote_id}"


class PersonMerge(models.Model):
    """Two records of one person made one: `merged` (stored here as data, its row deleted) went
    into `keep`. Holds everything that moved, so `articles.services.review.undo_merge` can put it
    back."""

    keep = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="merges_received",
        verbose_name=_("kept person"),
    )
    merged_id = models.BigIntegerField(_("merged person id"))
    merged_name = models.CharField(_("merged person"), max_length=200)
    # The merged person's own fields, to recreate it with the same id and slug.
    merged_fields = models.JSONField(_("merged person's fields"))
    # The kept person's fields that the merge filled in (blank before), to restore on undo.
    keep_before = models.JSONField(_("kept person before"), default=dict)
    moved = models.JSONField(
        _("what moved"), help_text=_("Ids of the quotations, aliases and dispatches moved.")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.keep}"

    def get_absolute_url(self) -> str:
        return reverse("review:merge-detail", kwargs={"pk": self.pk})

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class SiteGeneration(models.Model):
    """One row: a number bumped after every committed change readers could see. The public page
    cache keys its pages on it (see newsroom.pagecache)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("site generation")
        verbose_name_plural = _("site generation")

    def __str__(self) -> str:
        return str(self.value)


class SpeakerSummary(models.Model):
    """A speaker page's sidebars, kept per person (`articles.summaries`): which tags the filter
    offers, which dispatches quote or mention them, who is quoted alongside them and in how many
    dispatches, and the first page of their timeline. Computed from the same queries as the
    page's live sidebars and timeline, over everything published or due to be; the page reads it
    instead of grouping quotations when it is current.

    The database's own triggers keep it in step with every write path (`version` is bumped by any
    change to what the sidebars show); `refresh_speaker_summaries` (the task worker, or the
    command) rebuilds stale rows. Until then, and before `ready_at` (a scheduled or embargoed
    dispatch among them), the page computes its sidebars itself."""

    # Deleted by the database with its person: the triggers may mark it during that delete.
    person = models.OneToOneField(
        Person, on_delete=models.DB_CASCADE, primary_key=True, related_name="summary"
    )
    version = models.BigIntegerField(default=1)
    built_version = models.BigIntegerField(default=-1)
    ready_at = models.DateTimeField(null=True, blank=True)
    tags = models.JSONField(default=list)
    quoted_in = models.JSONField(default=list)
    mentioned_in = models.JSONField(default=list)
    # [[person id, dispatches shared], …] in the sidebar's order.
    alongside = models.JSONField(default=list)
    # The unfiltered timeline's first page and one row more: [[quotation occurrence id, its
    # repeats], …] newest first. None: not built with it (the page reads the timeline itself).
    timeline = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("speaker summary")
        verbose_name_plural = _("speaker summaries")

    def __str__(self) -> str:
        return f"{self.person_id} v{self.version}"

    @property
    def is_current(self) -> bool:
        return self.built_version == self.version
