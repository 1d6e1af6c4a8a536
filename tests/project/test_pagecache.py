"""The public page cache (newsroom/pagecache.py): a cached page costs one query, and no change a
reader could see is ever hidden by it — saves, deletes, reviews, staff POSTs, schedules and
embargoes all show on the next request. Each visitor keeps their own CSRF token."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote
from articles.services.editorial import withdraw
from articles.services.review import confirm_quote
from newsroom import pagecache
from tests.factories import make_article, make_person, make_quote

# Real commits: the generation is bumped when a transaction commits, which a test wrapped in a
# transaction never does.
pytestmark = pytest.mark.django_db(transaction=True)

HOME = "/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MASKED_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.caches[settings.PAGE_CACHE_ALIAS].clear()


def test_a_cached_page_costs_one_query_and_is_the_same_page(client, django_assert_num_queries):
    make_article(headline="Crue de la Varenne à Castelmont")
    first = client.get(HOME)
    with django_assert_num_queries(1):  # the generation
        again = client.get(HOME)
    assert again.status_code == 200
    assert "Crue de la Varenne à Castelmont" in again.text
    assert MASKED_TOKEN.sub("", again.text) == MASKED_TOKEN.sub("", first.text)


def test_a_new_dispatch_shows_on_the_next_request(client):
    client.get(HOME)
    make_article(headline="Le barrage de Castelmont rouvre")
    assert "Le barrage de Castelmont rouvre" in client.get(HOME).text


def test_a_withdrawn_dispatch_disappears_at_once(client, admin_user):
    article = make_article(headline="Dépêche bientôt retirée")
    page = article.get_absolute_url()
    assert client.get(page).status_code == 200
    assert "Dépêche bientôt retirée" in client.get(HOME).text
    withdraw(article=article, user=admin_user, reason="Erreur de source")
    assert "Dépêche bientôt retirée" not in client.get(HOME).text
    assert client.get(page).status_code != 200


def test_a_review_decision_shows_on_the_speaker_page_at_once(client, admin_user):
    article = make_article()
    speaker = make_person("Hélène Varenne")
    quote = make_quote(article, speaker=speaker, status=Quote.Status.SUGGESTED)
    dispatch = client.get(article.get_absolute_url())
    assert speaker.get_absolute_url() not in dispatch.text
    # The review service claims the quotation with an UPDATE, which sends no signal.
    confirm_quote(quote=quote, reviewer=admin_user, expected_version=quote.version)
    assert speaker.get_absolute_url() in client.get(article.get_absolute_url()).text


def test_a_bulk_update_without_signals_shows_on_the_next_request(client):
    article = make_article(headline="Titre avant la mise à jour")
    client.get(HOME)
    # A queryset update sends no signal, as an admin action or a service may write.
    Article.objects.filter(pk=article.pk).update(headline="Titre après la mise à jour")
    assert "Titre après la mise à jour" in client.get(HOME).text


def test_an_update_that_matches_nothing_bumps_nothing():
    before = pagecache.current_generation()
    Article.objects.filter(pk=-1).update(headline="Rien")
    assert pagecache.current_generation() == before


def test_a_staff_action_that_writes_bumps_the_generation(client, admin_client):
    article = make_article(headline="Dépêche à retirer")
    client.get(HOME)
    before = pagecache.current_generation()
    response = admin_client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert pagecache.current_generation() > before
    assert "Dépêche à retirer" not in client.get(HOME).text


# --- refused requests change nothing (issue 20, F3) -----------------------------------------


def test_posts_refused_for_csrf_bump_nothing():
    visitor = Client(enforce_csrf_checks=True)
    before = pagecache.current_generation()
    for _ in range(6):
        refused = visitor.post(reverse("set_language"), {"language": "en", "next": HOME})
        assert refused.status_code == 403
    assert pagecache.current_generation() == before


def test_an_anonymous_post_to_a_public_page_bumps_nothing(client):
    make_article()
    before = pagecache.current_generation()
    assert client.post(HOME).status_code == 405
    assert pagecache.current_generation() == before


def test_a_post_refused_for_permission_bumps_nothing(client):
    from tests.factories import make_user

    quote = make_quote(make_article(), status=Quote.Status.SUGGESTED)
    client.force_login(make_user("sans-droits"))
    before = pagecache.current_generation()
    response = client.post(f"/review/quotes/{quote.pk}/confirm/", {"version": quote.version})
    assert response.status_code == 403
    assert pagecache.current_generation() == before


def test_an_invalid_admin_form_bumps_nothing(admin_client):
    article = make_article()
    before = pagecache.current_generation()
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), {"headline": ""}
    )
    assert response.status_code == 200  # the form again, with its errors
    assert pagecache.current_generation() == before


def test_a_cached_page_stays_cached_after_a_refused_post(client, django_assert_num_queries):
    make_article()
    client.get(HOME)
    Client(enforce_csrf_checks=True).post(reverse("set_language"), {"language": "en"})
    with django_assert_num_queries(1):  # the generation: the page is still in the cache
        client.get(HOME)


# --- scheme and host (issue 20, F2) -----------------------------------------------------------


def test_a_forged_host_port_never_reaches_another_reader(settings, client):
    settings.ALLOWED_HOSTS = ["news.example"]
    article = make_article(headline="Crue de la Varenne")
    page = article.get_absolute_url()
    forged = client.get(page, HTTP_HOST="news.example:6666")
    assert "news.example:6666" in forged.text  # Django accepts any port of an allowed host
    for _ in range(3):
        honest = client.get(page, HTTP_HOST="news.example")
        assert "news.example:6666" not in honest.text
        assert 'href="http://news.example/dispatches/' in honest.text


def test_http_and_https_pages_are_cached_apart(settings, client):
    settings.ALLOWED_HOSTS = ["news.example"]
    article = make_article()
    page = article.get_absolute_url()
    client.get(page, HTTP_HOST="news.example", secure=True)
    plain = client.get(page, HTTP_HOST="news.example")
    assert "https://news.example" not in plain.text


def test_bumps_wait_for_the_commit_and_happen_once():
    before = pagecache.current_generation()
    with transaction.atomic():
        make_article()
        make_article()
        assert pagecache.current_generation() == before  # not before the commit
    assert pagecache.current_generation() == before + 1


def test_a_rolled_back_transaction_bumps_nothing():
    before = pagecache.current_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article()
        raise RuntimeError
    assert pagecache.current_generation() == before


def test_a_scheduled_dispatch_appears_when_its_time_comes(client):
    now = timezone.now()
    make_article(headline="Dépêche programmée", published_at=now + timedelta(minutes=5))
    assert "Dépêche programmée" not in client.get(HOME).text
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=6)):
        assert "Dépêche programmée" in client.get(HOME).text


def test_an_embargo_ends_on_time(client):
    now = timezone.now()
    make_article(headline="Dépêche sous embargo", embargo_until=now + timedelta(minutes=10))
    assert "Dépêche sous embargo" not in client.get(HOME).text
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=11)):
        assert "Dépêche sous embargo" in client.get(HOME).text


def test_the_next_publication_is_looked_up_once_per_generation(client):
    now = timezone.now()
    make_article(headline="Dépêche programmée", published_at=now + timedelta(minutes=5))
    lookups = mock.Mock(wraps=pagecache._NEXT_CHANGES[0])
    with mock.patch.object(pagecache, "_NEXT_CHANGES", (lookups, pagecache._NEXT_CHANGES[1])):
        client.get(HOME)
        client.get("/people/")  # another page not yet cached: the moment is known
        assert lookups.call_count == 1
        make_article(headline="Une autre dépêche")  # a write: looked up again
        client.get(HOME)
        assert lookups.call_count == 2
        later = now + timedelta(minutes=6)  # the moment has passed: looked up again
        with mock.patch("django.utils.timezone.now", return_value=later):
            assert "Dépêche programmée" in client.get(HOME + "?page=1").text
        assert lookups.call_count == 3


def test_each_visitor_gets_their_own_csrf_token_and_it_works():
    make_article()
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(HOME)
        assert pagecache.CSRF_PLACEHOLDER not in page.text
        token = TOKEN.search(page.text).group(1)
        tokens.append(token)
        switched = visitor.post(
            reverse("set_language"), {"language": "en", "next": HOME, "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302
    assert tokens[0] != tokens[1]


def test_languages_and_htmx_fragments_are_cached_apart(client):
    make_article()
    french = client.get(HOME, headers={"accept-language": "fr"})
    english = client.get(HOME, headers={"accept-language": "en"})
    fragment = client.get(HOME, headers={"HX-Request": "true"})
    assert 'lang="fr"' in french.text
    assert 'lang="en"' in english.text
    assert "<html" not in fragment.text
    assert "<html" in client.get(HOME, headers={"accept-language": "fr"}).text


def test_staff_are_never_served_a_cached_page(client, admin_client):
    make_article()
    client.get(HOME)
    client.get(HOME)
    staff_page = admin_client.get(HOME)
    assert reverse("logout") in staff_page.text
    assert reverse("logout") not in client.get(HOME).text


def test_errors_and_private_urls_are_not_cached(client, settings):
    assert client.get("/dispatches/nothing-here/").status_code == 404
    make_article(slug="nothing-here")
    assert client.get("/dispatches/nothing-here/").status_code == 200
    pages = pagecache.caches[settings.PAGE_CACHE_ALIAS]
    with mock.patch.object(pages, "set", wraps=pages.set) as stored:
        assert client.get("/healthz").status_code == 200
        assert client.get("/dispatches/still-nothing/").status_code == 404
    assert stored.call_count == 0


def test_the_backend_is_the_one_django_cache_url_names(settings):
    from django.conf import settings as live

    backend = pagecache.caches[settings.PAGE_CACHE_ALIAS]
    if live.CACHE_URL.startswith("redis://"):
        from django.core.cache.backends.redis import RedisCache

        assert isinstance(backend, RedisCache)
    else:
        from django.core.cache.backends.locmem import LocMemCache

        assert isinstance(backend, LocMemCache)


def test_the_cache_is_off_when_its_lifetime_is_zero(settings, client, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    make_article()
    client.get(HOME)
    with django_assert_num_queries(2):  # the page's own queries, every time
        client.get(HOME)


def test_any_query_string_is_a_valid_key(client):
    make_article()
    weird = "/?q=" + "é ü\t" * 200 + "&x=%00"
    assert client.get(weird).status_code == 200
    assert client.get(weird).status_code == 200


def test_the_sections_are_read_once_a_generation_and_a_new_one_shows_at_once(client):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_section

    caches["template_fragments"].clear()
    make_article(headline="Crue de la Vère", section=make_section("Régions"))

    def section_reads(path: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            text = client.get(path).text
        return sum('FROM "articles_section"' in q["sql"] for q in queries), text

    assert section_reads("/?q=crue")[0] == 1
    assert section_reads("/?q=vère")[0] == 0  # another search, the same generation
    assert section_reads("/")[0] == 0  # the home page's form offers the same sections
    make_section("Outre-mer")  # a write: the next generation
    reads, text = section_reads("/?q=barrage")
    assert reads == 1 and "Outre-mer" in text
