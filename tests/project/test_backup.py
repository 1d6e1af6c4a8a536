"""Backups are consistent and restore gives back every dispatch and every decision."""

import pytest
from django.core.management import call_command

from articles.models import Article, Quote
from tests.factories import make_article, make_quote


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_the_data(tmp_path, capsys):
    article = make_article(headline="Crue à Castelmont")
    make_quote(article, status=Quote.Status.CONFIRMED)
    target = tmp_path / "copy.bak"
    call_command("backup", "--output", str(target))
    assert target.stat().st_size > 0

    Article.objects.all().delete()
    make_article(headline="Écrite après la sauvegarde")
    call_command("restore", str(target), "--yes")

    assert list(Article.objects.values_list("headline", flat=True)) == ["Crue à Castelmont"]
    assert Quote.objects.get().status == Quote.Status.CONFIRMED


@pytest.mark.django_db
def test_backup_refuses_to_overwrite(tmp_path):
    target = tmp_path / "copy.bak"
    target.write_text("keep me")
    with pytest.raises(Exception, match="exists already"):
        call_command("backup", "--output", str(target))
    assert target.read_text() == "keep me"


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all")
    with pytest.raises(Exception):  # noqa: B017 - CommandError on either database
        call_command("restore", str(bogus), "--yes")
