"""Append-only stores for the signed checkpoints, outside the database. One interface, two implementations:

- ``DirectoryStore`` (default): one file per checkpoint in AUDIT_CHECKPOINT_DIR, created with O_EXCL, so an
  existing checkpoint is never overwritten. Mount it from a host the database's administrators cannot write
  to (a WORM volume, another machine's share), or sync it off-site.
- ``S3ObjectLockStore`` (the production option): an S3-compatible bucket with Object Lock in compliance mode;
  each checkpoint is written once (``If-None-Match: *``) with a retention date nobody can shorten. It needs
  ``boto3`` (not a dependency of the default install) and could not be tested here: no S3 endpoint.

AUDIT_CHECKPOINT_STORE names the class.
"""

from __future__ import annotations

import importlib
import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class CheckpointStore(Protocol):
    def create(self, name: str, data: bytes) -> None:
        """Store a new object; raise FileExistsError if `name` exists (never overwrite)."""

    def read(self, name: str) -> bytes: ...

    def names(self) -> list[str]:
        """Every stored name, sorted."""


class DirectoryStore:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path or settings.AUDIT_CHECKPOINT_DIR)

    def create(self, name: str, data: bytes) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self, name: str) -> bytes:
        return (self.path / name).read_bytes()

    def names(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.name for p in self.path.iterdir() if p.suffix == ".json")


class S3ObjectLockStore:  # pragma: no cover - needs an S3 endpoint with Object Lock; untested here
    def __init__(self) -> None:
        boto3: Any = importlib.import_module("boto3")
        self.client = boto3.client("s3")
        self.bucket = settings.AUDIT_CHECKPOINT_S3_BUCKET
        self.prefix = settings.AUDIT_CHECKPOINT_S3_PREFIX

    def create(self, name: str, data: bytes) -> None:
        retain = timezone.now() + timedelta(days=settings.AUDIT_CHECKPOINT_S3_RETAIN_DAYS)
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.prefix + name,
                Body=data,
                IfNoneMatch="*",
                ObjectLockMode="COMPLIANCE",
                ObjectLockRetainUntilDate=retain,
                ContentType="application/json",
            )
        except self.client.exceptions.ClientError as error:
            if error.response.get("Error", {}).get("Code") == "PreconditionFailed":
                raise FileExistsError(name) from error
            raise

    def read(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)["Body"].read()

    def names(self) -> list[str]:
        names: list[str] = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix):
            names += [item["Key"][len(self.prefix) :] for item in page.get("Contents", [])]
        return sorted(names)


def checkpoint_store() -> CheckpointStore:
    store: CheckpointStore = import_string(settings.AUDIT_CHECKPOINT_STORE)()
    return store
