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


def test_a_staff_post_bumps_the_generation(client, admin_client):
    article = make_article(headline="Titre avant la mise à jour")
    client.get(HOME)
    # A bulk write without signals, as an admin action might do, then a staff POST.
    Article.objects.filter(pk=article.pk).update(headline="Titre après la mise à jour")
    before = pagecache.current_generation()
    admin_client.post(reverse("admin:articles_article_changelist"), {"action": "", "index": 0})
    assert pagecache.current_generation() > before
    assert "Titre après la mise à jour" in client.get(HOME).text


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


def test_errors_and_private_urls_are_not_cached(client):
    assert client.get("/dispatches/nothing-here/").status_code == 404
    make_article(slug="nothing-here")
    assert client.get("/dispatches/nothing-here/").status_code == 200
    pages = pagecache.caches["pages"]
    stored = len(pages._cache)  # noqa: SLF001
    assert client.get("/healthz").status_code == 200
    assert len(pages._cache) == stored  # noqa: SLF001


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
