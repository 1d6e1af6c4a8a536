"""Admin upload of dispatch files and .zip archives."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.admin import imports as admin_imports
from articles.models import Article

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/import/"
PROSE = (
    "Le conseil fictif de Castelmont a voté jeudi la rénovation de la médiathèque municipale.\n\n"
    "« Les travaux commenceront au printemps », a précisé l'adjointe à la culture."
)


@pytest.fixture(autouse=True)
def english(settings):
    # Reasons are asserted in English here; the French interface has its own test.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_client(client, django_user_model):
    # No password: hashing one costs seconds per test.
    client.force_login(
        django_user_model.objects.create(username="chief", is_staff=True, is_superuser=True)
    )
    return client


def upload(client, *files, **fields):
    data = {"format": "auto", "status": "draft", "section": "", "attribute": "on"} | fields
    data["files"] = list(files)
    return client.post(URL, data)


def text_file(name="a.txt", body=PROSE):
    return SimpleUploadedFile(name, body.encode(), content_type="text/plain")


def zip_file(members: dict[str, bytes], name="lot.zip", compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def results(response) -> dict[str, object]:
    return {result.name: result for result in response.context["results"]}


def test_changelist_links_to_the_upload(admin_client):
    response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert URL.encode() in response.content


def test_upload_form_is_shown(admin_client):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


def test_one_file_is_imported(admin_client):
    response = upload(admin_client, text_file())
    assert results(response)["a.txt"].outcome == "created"
    assert Article.objects.get().body == PROSE


def test_result_page_has_one_line_per_file(admin_client):
    response = upload(admin_client, text_file("a.txt"), text_file("b.txt", PROSE + "\n\nSuite."))
    assert [r.outcome for r in response.context["results"]] == ["created", "created"]
    assert response.content.count(b'class="import-created"') == 2


def test_same_file_again_is_unchanged(admin_client):
    upload(admin_client, text_file())
    assert results(upload(admin_client, text_file()))["a.txt"].outcome == "unchanged"
    assert Article.objects.count() == 1


def test_malformed_file_fails_alone_and_writes_nothing(admin_client):
    bad = SimpleUploadedFile("bad.json", b'{"uri": "x", "bodies": [')
    response = upload(admin_client, bad, text_file())
    assert results(response)["bad.json"].error == "Not valid JSON. (line 1)"
    assert Article.objects.count() == 1


def test_zip_members_are_imported(admin_client):
    archive = zip_file({"un.txt": PROSE.encode(), "dossier/deux.txt": (PROSE + " Fin.").encode()})
    response = upload(admin_client, archive)
    assert set(results(response)) == {"lot.zip/un.txt", "lot.zip/dossier/deux.txt"}
    assert Article.objects.count() == 2


def test_zip_path_traversal_is_refused(admin_client):
    archive = zip_file({"../evil.txt": PROSE.encode(), "ok.txt": (PROSE + " Fin.").encode()})
    response = upload(admin_client, archive)
    assert "path outside the archive" in results(response)["lot.zip/../evil.txt"].error
    assert results(response)["lot.zip/ok.txt"].outcome == "created"
    assert Article.objects.count() == 1


def test_zip_absolute_path_is_refused(admin_client):
    response = upload(admin_client, zip_file({"/etc/cron.d/x": PROSE.encode()}))
    assert "path outside the archive" in results(response)["lot.zip//etc/cron.d/x"].error
    assert not Article.objects.exists()


def test_zip_bomb_member_is_refused(admin_client):
    # 5 MB of one letter compresses about 1000:1.
    response = upload(admin_client, zip_file({"bomb.txt": b"a" * 5_000_000}))
    assert "zip bomb" in results(response)["lot.zip/bomb.txt"].error
    assert not Article.objects.exists()


def test_zip_expanding_past_the_total_limit_is_refused_whole(admin_client, monkeypatch):
    monkeypatch.setattr(admin_imports, "MAX_ZIP_TOTAL_BYTES", 1000)
    response = upload(admin_client, zip_file({f"{n}.txt": PROSE.encode() * 2 for n in range(5)}))
    (result,) = response.context["results"]
    assert "zip bomb" in result.error
    assert not Article.objects.exists()


def test_member_lying_about_its_size_is_refused(admin_client):
    raw = zip_file({"a.txt": PROSE.encode()}, compression=zipfile.ZIP_STORED).read()
    # The central directory claims 10 bytes; decompression yields more and is stopped.
    central = raw.rfind(b"PK\x01\x02")
    lying = raw[: central + 24] + (10).to_bytes(4, "little") + raw[central + 28 :]
    response = upload(admin_client, SimpleUploadedFile("lot.zip", lying))
    assert results(response)["lot.zip/a.txt"].outcome == "failed"
    assert not Article.objects.exists()


def test_hidden_zip_members_are_skipped(admin_client):
    archive = zip_file(
        {"__MACOSX/._a.txt": b"\x00\x05", ".DS_Store": b"\x00", "a.txt": PROSE.encode()}
    )
    assert set(results(upload(admin_client, archive))) == {"lot.zip/a.txt"}


def test_corrupt_zip_is_reported(admin_client):
    response = upload(admin_client, SimpleUploadedFile("lot.zip", b"PK\x03\x04garbage"))
    assert "Not a readable .zip archive" in results(response)["lot.zip"].error


def test_file_over_the_size_limit_is_refused(admin_client, monkeypatch):
    monkeypatch.setattr(admin_imports, "MAX_INPUT_BYTES", 100)
    response = upload(admin_client, text_file())
    assert "over the" in results(response)["a.txt"].error
    assert not Article.objects.exists()


def test_request_over_the_upload_limit_is_refused(admin_client, monkeypatch):
    monkeypatch.setattr(admin_imports, "MAX_REQUEST_BYTES", 100)
    response = upload(admin_client, text_file())
    assert response.status_code == 413
    assert not Article.objects.exists()


def test_options_apply_to_uploaded_files(admin_client):
    upload(admin_client, text_file(), status="published", section="Culture")
    article = Article.objects.get()
    assert (article.status, article.section.name) == ("published", "Culture")


def test_staff_without_article_permissions_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="stagiaire", is_staff=True))
    assert client.get(URL).status_code == 403


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_publishing_on_upload_needs_the_publish_permission(client, django_user_model):
    if not any(code == "publish_article" for code, _name in Article._meta.permissions):
        pytest.skip("the Article model defines no publish_article permission")
    user = django_user_model.objects.create(username="redacteur", is_staff=True)
    codes = ["add_article", "change_article"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codes))
    client.force_login(user)
    assert upload(client, text_file()).status_code == 200
    refused = upload(client, text_file("b.txt", PROSE + " Fin."), status="published")
    assert refused.status_code == 403
    assert Article.objects.get().status == "draft"


def test_empty_file_is_refused_alone_and_named(admin_client):
    empty = SimpleUploadedFile("vide.txt", b"", content_type="text/plain")
    response = upload(admin_client, text_file("a.txt"), empty, text_file("b.txt", PROSE + " Bis."))
    found = results(response)
    assert found["vide.txt"].outcome == "failed" and found["vide.txt"].error == "The file is empty."
    assert found["a.txt"].outcome == "created" and found["b.txt"].outcome == "created"
    assert Article.objects.count() == 2


def test_text_with_too_few_letters_is_refused(admin_client):
    response = upload(admin_client, text_file("ok.txt", "ok"))
    assert results(response)["ok.txt"].error.startswith("Too short to be a dispatch")
    assert not Article.objects.exists()


def test_binary_file_is_refused_in_the_interface_language(admin_client, settings):
    settings.LANGUAGE_CODE = "fr"
    binary = SimpleUploadedFile("photo.bin", bytes(range(256)) * 4, content_type="text/plain")
    error = results(upload(admin_client, binary))["photo.bin"].error
    assert error.startswith("Ce n’est pas du texte")


def test_upload_limits_are_given_in_one_unit_system(admin_client, settings):
    settings.LANGUAGE_CODE = "fr"
    help_text = admin_client.get(URL).text
    text = help_text.replace("\xa0", " ")
    assert "8,0 Mio par fichier et 64,0 Mio par envoi" in text and " Mo " not in text
