"""The replica router (newsroom.routers): public reads to a replica, writes, staff pages and
recent writers to the primary. No real replica is needed: the tests check where each query
would go, and the settings parsing in a subprocess."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from articles.models import Article
from newsroom import routers

REPLICAS = ["replica_1", "replica_2"]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

router = routers.PrimaryReplicaRouter()


def read_db(request) -> tuple[str, HttpResponse]:
    """Where an Article read would go while `request` is served, and its response."""
    seen = {}

    def view(request):
        seen["db"] = router.db_for_read(Article)
        return HttpResponse("ok")

    response = routers.ReplicaMiddleware(view)(request)
    return seen["db"], response


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = REPLICAS
    settings.DATABASE_REPLICA_PIN_SECONDS = 15
    return REPLICAS


def test_public_get_reads_a_replica(replicas):
    db, _ = read_db(RequestFactory().get("/"))
    assert db in REPLICAS


def test_without_replicas_everything_reads_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    db, _ = read_db(RequestFactory().get("/"))
    assert db == "default"


def test_outside_a_request_reads_the_primary(replicas):
    # Commands, tasks and the shell decide on what the primary holds.
    assert router.db_for_read(Article) == "default"


def test_writes_always_go_to_the_primary(replicas):
    assert router.db_for_write(Article) == "default"


@pytest.mark.parametrize("path", ["/admin/articles/article/", "/review/", "/login/"])
def test_staff_pages_read_the_primary(replicas, path):
    db, _ = read_db(RequestFactory().get(path))
    assert db == "default"


def test_a_post_reads_the_primary_and_pins_the_browser(replicas):
    db, response = read_db(RequestFactory().post("/admin/articles/article/1/change/"))
    assert db == "default"
    cookie = response.cookies[routers.PIN_COOKIE]
    assert cookie["max-age"] == 15 and cookie["httponly"]


def test_a_pinned_browser_reads_the_primary_until_the_pin_expires(replicas, monkeypatch):
    _, response = read_db(RequestFactory().post("/login/"))
    request = RequestFactory().get("/")
    request.COOKIES[routers.PIN_COOKIE] = response.cookies[routers.PIN_COOKIE].value
    assert read_db(request)[0] == "default"
    later = time.time() + 16
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert read_db(request)[0] in REPLICAS


def test_a_forged_pin_is_ignored(replicas):
    request = RequestFactory().get("/")
    request.COOKIES[routers.PIN_COOKIE] = "1"
    assert read_db(request)[0] in REPLICAS


def test_a_failed_write_does_not_pin(replicas):
    def broken(request):
        return HttpResponse(status=500)

    response = routers.ReplicaMiddleware(broken)(RequestFactory().post("/x/"))
    assert routers.PIN_COOKIE not in response.cookies


def test_one_replica_per_request(replicas):
    seen = set()

    def view(request):
        seen.update(router.db_for_read(Article) for _ in range(20))
        return HttpResponse()

    routers.ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert len(seen) == 1


def test_the_replica_choice_ends_with_the_request(replicas):
    read_db(RequestFactory().get("/"))
    assert routers.current_replica() is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary(replicas):
    def view(request):
        with transaction.atomic():
            return HttpResponse(router.db_for_read(Article))

    response = routers.ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert response.content == b"default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica_1", "articles")


def test_objects_from_primary_and_replica_may_relate(replicas):
    a, b = Article(), Article()
    a._state.db, b._state.db = "default", "replica_2"
    assert router.allow_relation(a, b) is True
    b._state.db = "elsewhere"
    assert router.allow_relation(a, b) is None


@override_settings(DATABASE_REPLICAS=REPLICAS)
def test_the_router_is_wired_through_settings_when_replicas_are_configured():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'dbs': {k: [v['HOST'], v['TEST'].get('MIRROR')] "
        "for k, v in s.DATABASES.items()}, 'routers': s.DATABASE_ROUTERS, "
        "'replicas': s.DATABASE_REPLICAS, 'middleware': s.MIDDLEWARE}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": "postgres://postgres@primary:5432/newsroom",
        "DATABASE_REPLICA_URLS": "postgres://u@r1:5432/newsroom, postgres://u@r2:5432/newsroom",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    config = json.loads(out.stdout)
    assert config["dbs"]["replica_1"] == ["r1", "default"]
    assert config["dbs"]["replica_2"] == ["r2", "default"]
    assert config["replicas"] == REPLICAS
    assert config["routers"] == ["newsroom.routers.PrimaryReplicaRouter"]
    middleware = config["middleware"]
    assert middleware.index("newsroom.routers.ReplicaMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_without_replica_urls_no_router_is_installed():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([list(s.DATABASES), s.DATABASE_ROUTERS]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    env.pop("DATABASE_REPLICA_URLS", None)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == [["default"], []]
