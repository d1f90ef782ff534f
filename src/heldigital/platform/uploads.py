"""Browser uploads are held in memory only, never in a temporary file.

Django's default handlers write an upload over 2.5 MB to a temporary file
in plaintext. For a tender file that would put sealed content on disk
before it is encrypted, so the platform replaces them (setting
``FILE_UPLOAD_HANDLERS``) with this handler: a file is kept in memory up to
``HELDIGITAL_WEB_UPLOAD_MAX_BYTES`` and the upload is stopped beyond that,
with ``request.upload_refused`` set so the view can say why. Larger files
go through the resumable, encrypting upload of the REST API.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "HELDIGITAL_WEB_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keep uploaded files in memory, refuse those over the limit."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> None:
        self.too_large = content_length > max_bytes()

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.upload_refused = True
        raise StopUpload(connection_reset=False)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.too_large:
            self._refuse()
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > max_bytes():
            self._refuse()
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
