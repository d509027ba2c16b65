"""Renderers for endpoints that return files."""

from __future__ import annotations

from typing import Any

from rest_framework import renderers


class FileRenderer(renderers.BaseRenderer):
    """Lets a download endpoint accept any `Accept` header (the view returns a FileResponse itself).

    Listed after the JSON renderer: an error on a download is still the JSON error body.
    """

    media_type = "*/*"
    format = "file"
    charset = None  # type: ignore[assignment]

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)
