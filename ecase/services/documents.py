"""Document uploads: size limit, allowed types checked by content (not by the client's word), SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ecase.audit.services import audit_record
from ecase.exceptions import FileTooLarge
from ecase.models import Case, Document, User

# Leading bytes each allowed type must start with; text must decode as UTF-8.
_SIGNATURES: dict[str, tuple[tuple[bytes, ...], str]] = {
    "pdf": ((b"%PDF-",), "application/pdf"),
    "png": ((b"\x89PNG\r\n\x1a\n",), "image/png"),
    "jpg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "jpeg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "docx": (
        (b"PK\x03\x04",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": ((b"PK\x03\x04",), "application/vnd.oasis.opendocument.text"),
    "txt": ((), "text/plain"),
}
DOCUMENT_CONTENT_TYPES = sorted({content_type for _signatures, content_type in _SIGNATURES.values()})


def document_check_upload(upload: UploadedFile) -> tuple[str, str]:
    """Return (sha256, content type) of an acceptable upload, or raise FileTooLarge / ValidationError."""
    limit = settings.DOCUMENT_MAX_SIZE
    if upload.size is None or upload.size > limit:
        raise FileTooLarge(limit)
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    ext = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if ext not in settings.DOCUMENT_ALLOWED_EXTENSIONS or ext not in _SIGNATURES:
        allowed = ", ".join(settings.DOCUMENT_ALLOWED_EXTENSIONS)
        raise ValidationError({"file": _("Files of this type are not accepted. Allowed: %s.") % allowed}, code="type")
    signatures, content_type = _SIGNATURES[ext]
    digest = hashlib.sha256()
    head = b""
    upload.seek(0)
    for chunk in upload.chunks():
        if len(head) < 1024:
            head += chunk[:1024]
        digest.update(chunk)
    upload.seek(0)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ValidationError({"file": _("The file's content does not match its type (.%s).") % ext}, code="content")
    if ext == "txt":
        try:
            head[:1000].decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character may be cut at the boundary; only reject when it fails before the end.
            if exc.start < len(head[:1000]) - 4:
                raise ValidationError({"file": _("A text file must be UTF-8.")}, code="content") from exc
    return digest.hexdigest(), content_type


def document_create(*, upload: UploadedFile, title: str, actor: User | None, case: Case | None = None) -> Document:
    """Store an upload as a Document. Apps attach it to decisions or complaints themselves.

    `actor` is None for an anonymous upload (a citizen filing a complaint without an account)."""
    sha256, content_type = document_check_upload(upload)
    name = PurePath(upload.name or "file").name[:255]
    with transaction.atomic():
        document = Document(
            case=case,
            title=(title or name)[:255],
            original_name=name,
            content_type=content_type,
            size=upload.size or 0,
            sha256=sha256,
            uploaded_by=actor if actor is not None and actor.pk else None,
        )
        document.file.save(sha256, upload, save=False)
        document.save()
        audit_record(
            action="document.uploaded",
            obj=document,
            actor=actor,
            case=case,
            data={"title": document.title, "sha256": sha256, "size": document.size, "name": name},
        )
    return document
