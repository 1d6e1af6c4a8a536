"""A process warms up before it serves (newsroom.warmup), without touching the database: with
gunicorn's --preload it runs in the master, whose connections the workers must not inherit."""

from django.template import engines
from django.urls import get_resolver

from newsroom.warmup import _project_templates, warm_up


def test_warm_up_parses_the_templates_and_compiles_the_urls_without_the_database():
    # No django_db mark: any query here fails the test.
    warm_up()
    assert get_resolver()._populated
    loader = engines["django"].engine.template_loaders[0]
    kept = {key.split("-")[0] for key in loader.get_template_cache}
    assert {"base.html", "articles/article_detail.html", "articles/person_detail.html"} <= kept


def test_every_project_template_is_listed():
    names = _project_templates()
    assert "base.html" in names and "articles/article_list.html" in names
    assert all(not name.startswith("/") for name in names)


def test_a_template_that_does_not_parse_never_stops_the_start(tmp_path, settings, caplog):
    (tmp_path / "broken.html").write_text("{% if %}", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    settings.TEMPLATES = [settings.TEMPLATES[0] | {"DIRS": [tmp_path]}]
    warm_up()
    assert "broken.html" in caplog.text and "latin1.txt" in caplog.text
