"""Admin upload of dispatch files (one or many, or .zip archives), and the revisions admin.

The same readers and rules as `manage.py import_dispatches`: each file is its own transaction and
gets its own line on the result page. Uploads are bounded: request size, number of files, size of
each file, and for archives the number of members, their total size and compression ratio; members
with absolute or parent-directory paths are refused (nothing is ever extracted to disk anyway).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.forms import DispatchUploadForm
from articles.ingest import MAX_INPUT_BYTES, IngestError, read_dispatch
from articles.ingest.text import size_in_mib, too_big
from articles.models import Article, DispatchRevision
from articles.services import import_dispatch

MAX_REQUEST_BYTES = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_ZIP_TOTAL_BYTES = 128 * 1024 * 1024
# Wire text compresses about 3:1; 100:1 on a large member is a decompression bomb.
MAX_ZIP_RATIO = 100
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 64 * 1024


@dataclass
class FileResult:
    name: str
    outcome: str = "failed"
    error: str = ""
    article_url: str = ""
    headline: str = ""
    kept: tuple[str, ...] = ()
    encoding: str = ""
    notes: tuple[str, ...] = ()


def upload_entries(upload) -> list[tuple[str, bytes | IngestError]]:
    """Each dispatch in an uploaded file: the file itself, or the members of a .zip archive."""
    if not upload.size:
        return [(upload.name, IngestError("empty file"))]
    head = upload.read(4)
    upload.seek(0)
    if head == _ZIP_MAGIC or upload.name.lower().endswith(".zip"):
        return zip_entries(upload, upload.name)
    if upload.size > MAX_INPUT_BYTES:
        return [(upload.name, _too_big(upload.size))]
    return [(upload.name, upload.read())]


def zip_entries(file, name: str) -> list[tuple[str, bytes | IngestError]]:
    """The members of an archive, read in memory within limits; unsafe members as errors."""
    try:
        archive = zipfile.ZipFile(file)
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        return [(name, IngestError(f"not a readable zip archive ({error})"))]
    if len(members) > MAX_ZIP_MEMBERS:
        return [(name, IngestError(f"{len(members)} files in the archive, over {MAX_ZIP_MEMBERS}"))]
    declared = sum(info.file_size for info in members)
    if declared > MAX_ZIP_TOTAL_BYTES:
        return [(name, IngestError(_bomb(f"expands to {size_in_mib(declared)}")))]
    entries: list[tuple[str, bytes | IngestError]] = []
    budget = MAX_ZIP_TOTAL_BYTES
    for info in members:
        label = f"{name}/{info.filename}"
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if _unsafe(info.filename, parts):
            entries.append((label, IngestError("refused: path traversal (absolute or '..' path)")))
            continue
        if any(part.startswith(".") or part == "__MACOSX" for part in parts):
            continue  # hidden files, like the command skips them
        if info.flag_bits & 0x1:
            entries.append((label, IngestError("encrypted archive member")))
            continue
        if info.file_size > MAX_INPUT_BYTES:
            entries.append((label, _too_big(info.file_size)))
            continue
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * info.compress_size:
            entries.append(
                (
                    label,
                    IngestError(
                        _bomb(f"compressed {info.file_size // max(info.compress_size, 1)}:1")
                    ),
                )
            )
            continue
        try:
            data = _read_member(archive, info, limit=min(MAX_INPUT_BYTES, budget))
        except IngestError as error:
            entries.append((label, error))
            continue
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
            entries.append((label, IngestError(f"unreadable archive member ({error})")))
            continue
        budget -= len(data)
        entries.append((label, data))
    return entries


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int) -> bytes:
    # Headers can lie about sizes: count what decompression actually yields, and stop early.
    chunks, size = [], 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise IngestError(_bomb("expands beyond the size its header declares or the limit"))
            chunks.append(chunk)
    return b"".join(chunks)


def _unsafe(filename: str, parts: tuple[str, ...]) -> bool:
    return (
        filename.startswith(("/", "\\"))
        or (len(filename) > 1 and filename[1] == ":")
        or ".." in parts
        or "\0" in filename
    )


def _too_big(size: int) -> IngestError:
    return too_big(size)


# The reasons a reader gives (in English, for logs and the command), as editors read them in
# the admin's language. Anything not listed keeps its technical wording after a translated lead.
REASONS = [
    (r"empty file$|body is empty$", _("The file is empty.")),
    (
        r"too short to be a dispatch: (?P<words>\d+) words, (?P<letters>\d+) letters",
        _("Too short to be a dispatch (%(words)s words, %(letters)s letters)."),
    ),
    (r"has no words$", _("The file holds no words.")),
    (r"control character|binary data|not prose", _("Not text: the file holds binary data.")),
    (
        r"file is (?P<size>[\d.]+ MiB), over the (?P<limit>[\d.]+ MiB) limit",
        _("The file is %(size)s, over the limit of %(limit)s."),
    ),
    (
        r"file is over the (?P<limit>[\d.]+ MiB) limit",
        _("The file is over the limit of %(limit)s."),
    ),
    (r"not a readable zip archive", _("Not a readable .zip archive.")),
    (r"path traversal", _("Refused: a path outside the archive.")),
    (r"encrypted archive member", _("Refused: an encrypted archive member.")),
    (r"zip bomb", _("Refused: it expands far beyond its size (a zip bomb).")),
    (r"^not valid JSON", _("Not valid JSON.")),
    (r"^not well-formed XML", _("Not well-formed XML.")),
]


def explain(error: IngestError) -> str:
    """Why a file was refused, in the interface's language."""
    reason = error.reason
    for pattern, message in REASONS:
        if match := re.search(pattern, reason):
            values = match.groupdict()
            text = str(message) % values if values else str(message)
            return f"{text} ({gettext('line %(n)d') % {'n': error.line}})" if error.line else text
    return gettext("Could not be read: %(reason)s") % {"reason": str(error)}


def _bomb(detail: str) -> str:
    return f"refused as a zip bomb: {detail}"


def import_dispatches_view(request: HttpRequest, *, model_admin) -> HttpResponse:
    """Upload form (GET) and one result line per file (POST)."""
    if not (
        request.user.has_perm("articles.add_article")
        and request.user.has_perm("articles.change_article")
    ):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import dispatches"),
        # One unit system for both limits (Django's filesizeformat: binary multiples, "Mo"/"MB").
        "max_request": MAX_REQUEST_BYTES,
        "max_file": MAX_INPUT_BYTES,
    }
    template = "admin/articles/article/import_dispatches.html"
    if request.method != "POST":
        context["form"] = DispatchUploadForm()
        return TemplateResponse(request, template, context)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
        # Refused before Django reads the body into temporary files.
        context["form"] = DispatchUploadForm()
        context["request_too_large"] = True
        return TemplateResponse(request, template, context, status=413)
    form = DispatchUploadForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return TemplateResponse(request, template, context, status=400)
    options = form.cleaned_data
    if options["status"] == "published" and not can_publish(request.user):
        form.add_error("status", _("You may not publish dispatches: import them as drafts."))
        return TemplateResponse(request, template, context, status=403)
    results = []
    for upload in options["files"]:
        for name, entry in upload_entries(upload):
            results.append(_import_one(name, entry, options))
    context["results"] = results
    context["counts"] = {
        outcome: sum(1 for r in results if r.outcome == outcome)
        for outcome in ("created", "updated", "unchanged", "failed")
    }
    return TemplateResponse(request, template, context)


def can_publish(user) -> bool:
    """Publishing on import needs the publish permission where the model defines one."""
    defined = any(code == "publish_article" for code, _name in Article._meta.permissions)
    return user.has_perm("articles.publish_article" if defined else "articles.change_article")


def _import_one(name: str, entry: bytes | IngestError, options: dict) -> FileResult:
    result = FileResult(name=name)
    try:
        if isinstance(entry, IngestError):
            raise entry
        data = read_dispatch(entry, format=options["format"], filename=name)
        imported = import_dispatch(
            data=data,
            status=options["status"],
            section=options["section"] or None,
            attribute=options["attribute"],
            filename=name,
        )
    except IngestError as error:
        result.error = explain(error)
        return result
    except DatabaseError as error:
        result.error = f"{name}: {error}"
        return result
    result.outcome = imported.outcome
    result.headline = imported.article.headline
    result.article_url = reverse("admin:articles_article_change", args=[imported.article.pk])
    result.kept = tuple(imported.kept)
    result.encoding = data.encoding if data.legacy_encoding else ""
    result.notes = tuple(data.notes)
    return result


@admin.register(DispatchRevision)
class DispatchRevisionAdmin(admin.ModelAdmin):
    """Read-only history of imports: what each sent, and the values it replaced."""

    list_display = ("guid", "version", "format", "encoding", "article", "imported_at")
    list_filter = ("format",)
    list_select_related = ("article",)
    search_fields = ("guid", "filename")
    raw_id_fields = ("article",)
    date_hierarchy = "imported_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
