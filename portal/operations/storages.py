"""What the maintenance scripts need to know about the configured storage.

- ``describe(settings)`` -> :class:`StorageInfo`: the kind (``file``, ``zeo``, ``postgres``),
  and for the file-backed kinds the FileStorage and blob directory *on this host* (from the
  ``file://`` URI, or for ZEO from ``portal.backup.data_fs`` / ``portal.backup.blob_dir``, the
  paths of the ZEO server's storage: backups run on the database host); for PostgreSQL the
  libpq connection URI (without RelStorage's options).
- ``check_references(db)``: loads every object reachable from the root and opens every blob;
  raises :class:`DanglingReference` naming the first object that refers to a missing one.
  The restore, pack and crash tests use it; ``portal-restore`` runs it on what it restored.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit, urlunsplit


class DanglingReference(RuntimeError):
    pass


@dataclass(frozen=True)
class StorageInfo:
    kind: str
    data_fs: str | None = None
    blob_dir: str | None = None
    pg_uri: str | None = None


def describe(settings):
    uri = settings["zodbconn.uri"]
    parts = urlsplit(uri)
    query = parse_qs(parts.query)
    if parts.scheme == "file":
        return StorageInfo("file", parts.path, (query.get("blobstorage_dir") or [None])[0])
    if parts.scheme == "zeo":
        return StorageInfo(
            "zeo", settings.get("portal.backup.data_fs"), settings.get("portal.backup.blob_dir")
        )
    if parts.scheme in ("postgres", "postgresql"):
        return StorageInfo("postgres", pg_uri=urlunsplit(("postgresql", parts.netloc, parts.path, "", "")))
    raise ValueError(f"no backup method for {parts.scheme}:// storages")


def check_references(db):
    """Walk the object graph from the root; return (objects, blobs) checked."""
    from ZODB.POSException import POSKeyError
    from ZODB.serialize import referencesf
    from ZODB.utils import oid_repr, z64

    storage = db.storage
    seen, todo, blobs = {z64}, [(z64, None)], 0
    while todo:
        oid, referrer = todo.pop()
        try:
            data, serial = storage.load(oid, "")
        except POSKeyError:
            raise DanglingReference(
                f"object {oid_repr(oid)} (referred to by "
                f"{oid_repr(referrer) if referrer else 'nobody'}) is missing"
            ) from None
        if _is_blob(data):
            try:
                with open(storage.loadBlob(oid, serial), "rb"):
                    blobs += 1
            except (OSError, POSKeyError):
                raise DanglingReference(f"the blob of {oid_repr(oid)} is missing") from None
        for ref in referencesf(data):
            if ref not in seen:
                seen.add(ref)
                todo.append((ref, oid))
    return len(seen), blobs


def _is_blob(data):
    from ZODB.utils import get_pickle_metadata

    module, name = get_pickle_metadata(data)
    return module == "ZODB.blob" and name == "Blob"
