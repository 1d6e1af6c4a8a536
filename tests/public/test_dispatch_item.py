"""A list item written by the `dispatch_item` tag is the HTML the include it replaced wrote."""

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

# templates/includes/_dispatch.html as it was, rendered with {% include … with level=3 %}.
INCLUDED = """{% load i18n public %}<li class="dispatch">
  <h{{ level|default:2 }} class="dispatch-headline"><a href="{{ article.get_absolute_url }}">{{ article.headline }}</a></h{{ level|default:2 }}>
  <p class="meta">{% if article.dateline %}<span class="dateline">{{ article.dateline }}</span> · {% endif %}{% if article.section %}<span class="section">{{ article.section.name }}</span> · {% endif %}<time datetime="{{ article.published_at|iso }}">{{ article.published_at|date:"DATETIME_FORMAT" }}</time></p>
  {% if article.snippet %}<p class="snippet" lang="{{ article.language }}">{{ article.snippet }}</p>{% endif %}
  {% if article.summary and not compact %}<p class="summary" lang="{{ article.language }}">{{ article.summary }}</p>{% endif %}
</li>
"""  # noqa: E501


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("compact", [False, True])
def test_dispatch_item_writes_what_the_include_wrote(language, compact):
    engine = engines["django"]
    included = engine.from_string(INCLUDED)
    tagged = engine.from_string("{% load public %}{% dispatch_item article level=3 compact=c %}")
    plain = make_article(headline="Crue <b>&</b> « digues »", summary="", dateline="")
    full = make_article(
        headline="L'État & les <script>",
        summary="Résumé <i>court</i>",
        dateline="Castelmont & Sorvane",
        section=make_section("Politique & société"),
    )
    full.snippet = mark_safe("un <mark>barrage</mark> &amp; rien")
    with translation.override(language):
        for article in (plain, full):
            expected = included.render({"article": article, "level": 3, "compact": compact})
            assert tagged.render({"article": article, "c": compact}) == expected
