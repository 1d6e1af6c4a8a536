"""The form renderer keeps each distinct widget's HTML: never another value's, section's or
language's."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from articles.filters import ArticleFilter
from articles.models import Article
from newsroom.forms import MemoizedRenderer
from tests.factories import make_article, make_section


class Choice(forms.Form):
    pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], label="Pick")
    when = forms.DateField(label="When")


def test_a_kept_widget_is_the_html_django_renders():
    memo, plain = MemoizedRenderer(), DjangoTemplates()
    for data in (None, {"pick": "b", "when": "2024-02-03"}, {"pick": "a", "when": "x"}):
        for _ in range(2):
            kept = Choice(data, renderer=memo)
            fresh = Choice(data, renderer=plain)
            for name in ("pick", "when"):
                assert str(kept[name]) == str(fresh[name])
                assert kept[name].label_tag() == fresh[name].label_tag()
            assert str(kept) == str(fresh)


def test_a_kept_widget_follows_the_language():
    memo = MemoizedRenderer()
    with translation.override("fr"):
        french = str(ArticleFilter(None, queryset=Article.objects.none()).form["language"])
    with translation.override("en"):
        english = str(ArticleFilter(None, queryset=Article.objects.none()).form["language"])
    assert french != english
    with translation.override("fr"):
        form = ArticleFilter(None, queryset=Article.objects.none()).form
        form.renderer = memo
        assert str(form["language"]) == french
    with translation.override("en"):
        form = ArticleFilter(None, queryset=Article.objects.none()).form
        form.renderer = memo
        assert str(form["language"]) == english


@pytest.mark.django_db
def test_a_new_section_shows_in_the_filter_at_once(client):
    make_article(section=make_section("Politique"))
    assert "Politique" in client.get("/").text
    make_section("Économie")
    assert "Économie" in client.get("/").text
