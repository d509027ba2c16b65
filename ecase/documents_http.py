"""Streaming a stored ``Document`` to the browser as an attachment (case, complaint and API downloads).

Who may download is the caller's business: it passes only documents the user may see.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from ecase.models import Document


def document_response(document: Document) -> FileResponse:
    """The file as an attachment under its original name and type; Http404 when the storage has lost it."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from the storage.")) from exc
    return FileResponse(handle, as_attachment=True, filename=document.original_name, content_type=document.content_type)


def document_download_response(documents: QuerySet[Document], document_id: int) -> FileResponse:
    """The document ``document_id`` among ``documents`` (the ones the user may see), else Http404."""
    document = documents.filter(pk=document_id).first()
    if document is None:
        raise Http404(_("No such document."))
    return document_response(document)
