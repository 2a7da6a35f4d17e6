"""Browser uploads: size limit, generated file names, the original name kept only as escaped text."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clameur import settings
from clameur.ingest.core import ImportRefused, ImportReport, run_import
from clameur.ingest.inspect import Inspection, inspect_file
from clameur.ingest.names import display_name
from clameur.store import Store, uploads_dir


def _check_size(data: bytes) -> None:
    if len(data) > settings.UPLOAD_LIMIT_MB * 2**20:
        raise ImportRefused("ingest.too_big", mb=settings.UPLOAD_LIMIT_MB)


@contextmanager
def _stored(store: Store, data: bytes) -> Iterator[Path]:
    """The bytes under a generated name in the uploads folder (never the visitor's file name), removed after."""
    _check_size(data)
    tmp = uploads_dir(store.path) / f"upload-{uuid.uuid4().hex}.part"
    tmp.write_bytes(data)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def inspect_upload(store: Store, data: bytes) -> Inspection:
    """Detected format, columns and a preview of an uploaded file."""
    with _stored(store, data) as tmp:
        return inspect_file(tmp)


def import_upload(
    store: Store,
    data: bytes,
    original_name: str | None,
    dataset_name: str,
    progress=None,
    timezone: str = "UTC",
    mapping: dict | str | None = None,
    campaign: str | None = None,
    keep_posts: str = "all",
) -> ImportReport:
    """Store the bytes under a generated name, import them, then drop the temporary copy."""
    _check_size(data)
    if not dataset_name.strip():
        raise ImportRefused("ingest.no_name")
    with _stored(store, data) as tmp:
        return run_import(
            store,
            tmp,
            dataset_name=dataset_name.strip(),
            original_name=display_name(original_name),
            progress=progress,
            timezone=timezone,
            mapping=mapping,
            campaign=campaign,
            keep_posts=keep_posts,
        )
