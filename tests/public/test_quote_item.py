"""A quotation of a list written by the `quote_item` tag is the HTML the include it replaced
wrote (templates/includes/_quote.html), whatever the quotation shows."""

import pytest
from django.template import engines
from django.utils import translation

from articles.models import Quotation, Quote, Role
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db

# templates/includes/_quote.html as it was, rendered with {% include … %}.
INCLUDED = """{% load i18n public %}<li class="quotation{% if quote.kind == 'indirect' %} is-reported{% endif %}">
  <figure>
    {% if quote.kind == "indirect" %}<div class="reported-speech" lang="{{ quote.article.language }}"><p><span class="kind-label" lang="{{ LANGUAGE_CODE }}">{% translate "Reported speech" %}</span> {{ quote|reported }}</p></div>
    {% else %}<blockquote cite="{{ quote.article.get_absolute_url }}#q{{ quote.pk }}" lang="{{ quote.article.language }}"><p>{{ quote|quotation }}</p></blockquote>{% endif %}
    <figcaption>{% if show_speaker %}{% if quote.speaker %}<a class="speaker" href="{{ quote.speaker.get_absolute_url }}">{{ quote.speaker.name }}</a>{% else %}<span class="speaker">{{ quote|source_name }}</span>{% endif %}, {% endif %}{% if quote.held_role %}<span class="held-role">{{ quote.held_role.office }}</span>, {% endif %}<a href="{{ quote.article.get_absolute_url }}#q{{ quote.pk }}">{{ quote.article.headline }}</a>, <time datetime="{{ quote.article.published_at|iso }}">{{ quote.article.published_at|date:"DATE_FORMAT" }}</time>{% if quote.status == "suggested" %} <span class="badge">{% translate "unreviewed attribution" %}</span>{% endif %}{% if quote.quotation_id %} · <a class="repeats" href="{% url 'articles:quotation-detail' pk=quote.quotation_id %}">{% if quote.repeats and quote.repeats > 1 %}{% blocktranslate count counter=quote.repeats %}reported {{ counter }} time{% plural %}reported {{ counter }} times{% endblocktranslate %}{% else %}{% translate "permanent link" %}{% endif %}</a>{% endif %}</figcaption>
  </figure>
</li>
"""  # noqa: E501

BODY = (
    "« Nous protégerons <chaque> berge & rive », a déclaré Mme Varenne.\n\n"
    "Le ministre a indiqué que le texte serait voté & promulgué avant l'été."
)


def quotes() -> list[Quote]:
    """Direct and reported, with and without a speaker, suggested, with a role held, repeated
    or not, in a dispatch whose headline needs escaping."""
    article = make_article(headline="L'État & les <berges>", body=BODY)
    person = make_person("Hélène <Varenne>")
    role = Role(person=person, title="ministre de l'Eau & des <rivières>")
    direct = make_quote(article, "Nous protégerons <chaque> berge & rive", speaker=person)
    reported = make_quote(
        article,
        "le texte serait voté & promulgué avant l'été",
        kind=Quote.Kind.INDIRECT,
        speaker=None,
        mention="Le ministre",
    )
    suggested = make_quote(
        article, "Nous protégerons <chaque> berge", status=Quote.Status.SUGGESTED, speaker=person
    )
    found = [direct, reported, suggested]
    for n, quote in enumerate(found):
        quote.quotation = Quotation.objects.create(text=quote.text, speaker=quote.speaker)
        quote.save()
        quote.repeats = (1, 3, None)[n]
    direct.held_role = role
    return [*found, make_quote(make_article(body=BODY), "Nous protégerons", speaker=None)]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("show_speaker", [False, True])
def test_quote_item_writes_what_the_include_wrote(language, show_speaker):
    engine = engines["django"]
    included = engine.from_string(INCLUDED)
    tagged = engine.from_string("{% load public %}{% quote_item quote show_speaker=s %}")
    written = []
    with translation.override(language):
        for quote in quotes():
            context = {"quote": quote, "show_speaker": show_speaker, "LANGUAGE_CODE": language}
            expected = included.render(context)
            assert tagged.render({**context, "s": show_speaker}) == expected
            written.append(expected)
    # Every branch of the template was taken.
    html = "".join(written)
    for shown in ('class="quotation is-reported"', "<blockquote", 'class="held-role"'):
        assert shown in html
    for shown in ('class="badge"', 'class="repeats"', "L&#x27;État &amp; les &lt;berges&gt;"):
        assert shown in html
    assert (" 3 fois" if language == "fr" else "reported 3 times") in html
    assert ('class="speaker"' in html) == show_speaker
