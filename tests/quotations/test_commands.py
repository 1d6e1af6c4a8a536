from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Person, Quotation
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db


def test_group_quotations_groups_quotes_left_ungrouped():
    speaker = make_person("Mathilde Orsenne")
    for _ in range(2):
        make_quote(make_article(), speaker=speaker)
    call_command("group_quotations", stdout=StringIO())
    assert Quotation.objects.get().occurrences.count() == 2


def test_infer_genders_command_infers_from_mentions():
    person = make_person("X. Dambrin")
    make_quote(make_article(), speaker=person, mention="Mme Dambrin")
    call_command("infer_genders", stdout=StringIO())
    assert Person.objects.get(pk=person.pk).gender == "woman"
