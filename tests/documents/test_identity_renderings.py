"""Every document type x every rendering (page, print page, PDF text) x a role without the
unmask permission shows none of the petitioner's identity -- not in its identity fields, not
where free text repeats it -- and writes no audit entry; the same renderings for a role with
the permission show it, each written to the identity audit log and marked ``no-store``.

One city case (registered, instructed and assigned through the pages) carries one document of
every case type, each signed off with the identity copied in from the case, and every long text
naming the petitioner; the school it was assigned to carries every unit document, the two that
record a visitor with that visitor's identity.
"""

import io
import shutil

import colander
import pytest
from pypdf import PdfReader
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource
from webtest import TestApp

from portal.caching.http import NO_STORE
from portal.testing.web import close_app, csrf_token, file_uri, login, make_app
from schemas import document_types, get_document_type
from schemas.identity import identity_paths
from tests.cases.conftest import _assign, _register
from tests.public.seeding import id_number

PETITIONER = {
    "name": "慕容雪晴",
    "id_number": id_number("41010219880615372"),
    "phone": "13755552468",
    "address": "郑州市中原区伏牛路168号院2号楼",
}
VISITOR = {
    "name": "上官明轩",
    "id_number": id_number("41010519700303101"),
    "phone": "15890907788",
    "address": "郑州市二七区大学路9号",
}
SECRETS = tuple(v for p in (PETITIONER, VISITOR) for v in p.values())
SCHOOL = "/zhongyuan/s01"
CODES = [t.code for t in document_types()]
WITHOUT = ("zy_s01_liaison", "city_leader2")  # a school liaison, a leader without view_identity
WITH = "city_officer"


def _fill(code, samples):
    """The sample values of ``code`` with our people in every identity field and every long
    text naming the person (as a reply or a report would) -- the case's petitioner on a case
    document, the visitor a unit document records (a unit document that records nobody has
    nobody to name)."""
    schema = get_document_type(code).schema()
    person = VISITOR if get_document_type(code).context == "unit" else PETITIONER
    kinds = set(identity_paths(schema).values())
    # what free text may repeat and the portal can know: the case's people on a case document,
    # on a unit document what its own identity fields hold
    names = {k: v for k, v in person.items() if person is PETITIONER or k in kinds}
    text = "、".join(names.values())

    def walk(node, value):
        out = dict(value)
        for child in node.children:
            v = out.get(child.name)
            kind = getattr(child, "identity", None)
            if kind in ("name", "id_number", "phone", "address") and v:
                out[child.name] = person[kind]
            elif isinstance(child.typ, colander.Mapping) and isinstance(v, dict):
                out[child.name] = walk(child, v)
            elif isinstance(child.typ, colander.Sequence) and child.children and v:
                out[child.name] = [walk(child.children[0], i) for i in v]
            elif child.widget.__class__.__name__ == "TextAreaWidget" and v and text:
                out[child.name] = f"{v}（信访人：{text}）"
        return out

    return walk(schema, samples.APPSTRUCTS[code])


@pytest.fixture(scope="module")
def seeded(demo_db_dir, tmp_path_factory, samples):
    """(app, {code: document path}) on a private copy of the demo database."""
    target = tmp_path_factory.mktemp("identity-db") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    officer = TestApp(app)
    login(officer, WITH)
    path = _register(officer, petitioner=PETITIONER).location.replace("http://localhost", "")
    import transaction

    from portal.documents.api import add_document, latest_versions, sign_off
    from portal.documents.prefill import document_values

    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        case = find_resource(conn.root()["portal"], path)
        sign_off(
            add_document(
                case, "acceptance_notice", _fill("acceptance_notice", samples), WITH, registry=app.registry
            ),
            WITH,
            registry=app.registry,
        )
        transaction.commit()
    finally:
        conn.close()
    officer.post(
        path + "@@transition", {"transition": "accept", "csrf_token": csrf_token(officer)}, status=302
    )
    leader = TestApp(app)
    login(leader, "city_leader")
    leader.post(
        path + "@@transition",
        {"transition": "instruct", "comment": "请依法办理", "csrf_token": csrf_token(leader)},
        status=302,
    )
    _assign(officer, path, target=SCHOOL, reviewing="/jichu")
    conn = app.registry._zodb_databases[""].open()
    try:
        site = conn.root()["portal"]
        case, school = find_resource(site, path), find_resource(site, SCHOOL)
        paths = {}
        for code in CODES:
            container = case if get_document_type(code).context == "case" else school
            existing = latest_versions(container, code)
            doc = (
                existing[0]
                if code in ("registration", "acceptance_notice")
                else add_document(container, code, _fill(code, samples), WITH, registry=app.registry)
            )
            if not doc.frozen:
                sign_off(doc, WITH, registry=app.registry, values=document_values(doc))
            paths[code] = f"{path if container is case else SCHOOL + '/'}{doc.__name__}/"
        # one letter stays a draft: its name is rendered from the case, not stored
        draft = add_document(
            case, "handling_opinion", _fill("handling_opinion", samples), WITH, registry=app.registry
        )
        draft.appstruct.pop("petitioner_name", None)
        paths["handling_opinion (draft)"] = f"{path}{draft.__name__}/"
        paths["case volume"] = path
        transaction.commit()
    finally:
        conn.close()
        manager.pop()
    yield app, paths
    close_app(app)


def client(app, login_name):
    t = TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.9"})
    login(t, login_name)
    return t


@pytest.fixture(scope="module")
def people(seeded):
    app, _paths = seeded
    return {name: client(app, name) for name in WITHOUT + (WITH,)}


def renderings(t, path, volume=False):
    """``{rendering: text}``: the page, the print page and the PDF's extracted text."""
    if volume:
        pdf = t.get(path + "@@volume")
        return {"PDF": _pdf_text(pdf.body)}, {"PDF": pdf.headers.get("Cache-Control", "")}
    page, printed, pdf = t.get(path), t.get(path + "@@print"), t.get(path + "@@pdf")
    texts = {"页面": page.text, "打印": printed.text, "PDF": _pdf_text(pdf.body)}
    headers = {
        "页面": page.headers.get("Cache-Control", ""),
        "打印": printed.headers.get("Cache-Control", ""),
        "PDF": pdf.headers.get("Cache-Control", ""),
    }
    return texts, headers


def _pdf_text(body):
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)


def audit_count(app):
    conn = app.registry._zodb_databases[""].open()
    try:
        log = getattr(conn.root()["portal"], "identity_audit", None)
        return len(log) if log is not None else 0
    finally:
        conn.close()


def audit_latest(app, n):
    conn = app.registry._zodb_databases[""].open()
    try:
        return conn.root()["portal"].identity_audit.entries(n)
    finally:
        conn.close()


@pytest.mark.parametrize("code", CODES + ["handling_opinion (draft)", "case volume"])
def test_no_identity_without_the_permission(code, seeded, people):
    app, paths = seeded
    before = audit_count(app)
    for login_name in WITHOUT:
        texts, headers = renderings(people[login_name], paths[code], volume=code == "case volume")
        for rendering, text in texts.items():
            leaked = [s for s in SECRETS if "".join(s.split()) in text]
            assert not leaked, (login_name, code, rendering, leaked)
            assert headers[rendering] == NO_STORE  # as every staff page; the audit log tells them apart
        if code not in ("case volume",) and identity_paths(get_document_type(code.split(" ")[0]).schema()):
            assert "慕**" in texts["页面"] or "上**" in texts["页面"], (login_name, code)
    assert audit_count(app) == before  # nothing was shown in full, nothing is logged


IDENTITY_CODES = [c for c in CODES if identity_paths(get_document_type(c).schema())]


@pytest.mark.parametrize("code", IDENTITY_CODES + ["handling_opinion (draft)"])
def test_identity_with_the_permission_is_audited_and_not_stored(code, seeded, people):
    app, paths = seeded
    before = audit_count(app)
    texts, headers = renderings(people[WITH], paths[code])
    person = VISITOR if get_document_type(code.split(" ")[0]).context == "unit" else PETITIONER
    for rendering, text in texts.items():
        assert person["name"] in text, (code, rendering)
        assert headers[rendering] == NO_STORE, (code, rendering)
    entries = audit_latest(app, 3)
    assert audit_count(app) == before + 3
    assert sorted(e.view for e in entries) == sorted(("文书页面", "打印", "PDF"))
    assert {e.userid for e in entries} == {WITH}
    assert {e.case_path for e in entries} == {paths[code].rstrip("/")}


def test_the_search_finds_no_document_by_the_identity_it_contains(seeded, people):
    _app, paths = seeded
    officer = people[WITH]
    for secret in (PETITIONER["name"], PETITIONER["phone"], VISITOR["name"], "伏牛路168号"):
        found = officer.get("/@@search", {"q": secret}).text
        assert "doc-" not in found and "找到 0 条结果" in found, secret
    # what is not identity is still found
    assert "找到 0 条结果" not in officer.get("/@@search", {"q": "资料费"}).text
