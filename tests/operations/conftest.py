"""Fixtures for running the portal for real: a demo database with cases, documents and
attachments (blobs) in it, and an inventory of everything stored, to compare a database with
its backup, its packed self or itself after a crash."""

import hashlib
from datetime import date

import pytest
import transaction
from pyramid.threadlocal import manager

from tests.public.seeding import FULL, PETITIONER, SECOND, Seeder

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


def attach(app, path, data, description="来信扫描件"):
    """Store an attachment (a blob) on the case at ``path``, as the upload form does."""
    import io

    from pyramid.traversal import find_resource

    from portal.cases.attachments import add_attachment

    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        add_attachment(
            find_resource(conn.root()["portal"], path), io.BytesIO(data), description, "zy_officer"
        )
        transaction.commit()
    finally:
        transaction.abort()
        conn.close()
        manager.pop()


def populate(app, cases=3):
    """Register ``cases`` cases with documents (some to the end) and an attachment each."""
    seed = Seeder(app)
    paths = []
    for i in range(cases):
        path = seed(
            person=(PETITIONER, SECOND)[i % 2],
            received_on=date(2026, 3, 2 + i),
            steps=FULL[: 2 + 2 * i],
            subject=f"反映学校违规收费问题（{i}）",
        )
        attach(app, path, PDF + str(i).encode())
        paths.append(path)
    return paths


def inventory(site):
    """Every case, document and attachment with what it holds (blobs as digests)."""
    from portal.catalog.catalog import walk

    found = {}
    for obj in walk(site):
        kind = getattr(obj, "type_name", None)
        path = _path(obj)
        if kind == "case":
            found[path] = (
                "case",
                obj.number,
                obj.title,
                obj.workflow_state,
                tuple(e.transition for e in obj.workflow_history),
                tuple(sorted(obj.deadlines)),
            )
            for number, attachment in (getattr(obj, "attachments", None) or {}).items():
                with attachment.blob.open("r") as f:
                    found[f"{path}#attachment{number}"] = (
                        "blob",
                        attachment.name,
                        hashlib.sha256(f.read()).hexdigest(),
                    )
        elif getattr(obj, "code", None) is not None and hasattr(obj, "appstruct"):
            found[path] = (
                "document",
                obj.code,
                repr(sorted(obj.appstruct.items())),
                obj.state,
                obj.number,
                obj.version,
            )
    return found


def _path(obj):
    from pyramid.traversal import resource_path

    return resource_path(obj)


def counts(found):
    kinds = [v[0] for v in found.values()]
    return {k: kinds.count(k) for k in ("case", "document", "blob")}


@pytest.fixture
def populated(app):
    populate(app)
    return app
