"""The PII crawl, extended to staff who may not unmask identity: a school liaison, a department
handler and a leader without ``view_identity`` follow every link they are offered from their
home page -- pages, print pages, PDFs (their text), xlsx exports -- and find none of the seeded
petitioners' or representatives' names, ID numbers, phones or addresses, although the cases
write them into the problem, the reply and the reports.

Pages that differ only by unit (156 units' identical empty ledgers for a city leader) are
sampled: every URL under a seeded case or a unit that holds one is fetched, and at most
``SAMPLE`` URLs of any other shape (view name and query keys). The crawl starts at the home
page and at the seeded cases' addresses (a user may be sent one, or type it).
"""

import io
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource

from .conftest import FULL, PETITIONER, REPRESENTATIVE, SECOND, SECRETS

SAMPLE = 3
LIMIT = 1500
SKIP = ("/@@set-locale", "/@@logout", "/login", "/public")
STAFF = ("zy_s01_liaison", "jichu_handler", "city_leader2")


def _text(res):
    """What a person (or their PDF reader, or their spreadsheet) reads in a response."""
    kind = res.content_type or ""
    if kind == "application/pdf":
        return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(res.body)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(res.body))
        return " ".join(
            str(c.value)
            for ws in book.worksheets
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        )
    return res.text


def _shape(path, query):
    """Paths that differ only by the units in them share a shape."""
    parts = [p for p in path.split("/") if p]
    view = parts[-1] if parts and parts[-1].startswith("@@") else ""
    return view, tuple(sorted(k for k, _v in query)), len(parts)


def crawl(t, seeded_paths):
    """Fetch every GET link reachable from the home page and from the seeded cases' pages (a
    user may be sent a case's address, or type it); return ``{url: text}``."""
    keep = {p.rstrip("/") for p in seeded_paths}
    keep |= {
        "/".join(p.rstrip("/").split("/")[:i])
        for p in seeded_paths
        for i in range(1, p.rstrip("/").count("/") + 1)
    }
    seen, queue, bodies, shapes = set(), ["/"] + [p + "/" for p in keep if p], {}, {}
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        res = t.get(url, status="*", expect_errors=True)
        if res.status_int in (301, 302, 303):
            queue.append(urlsplit(res.location).path)
            continue
        if res.status_int != 200:
            continue
        bodies[url] = _text(res)
        if "html" not in (res.content_type or ""):
            continue
        for a in res.html.find_all("a", href=True):
            parts = urlsplit(urljoin("http://localhost" + url, a["href"]))
            if parts.netloc != "localhost" or parts.path.startswith(SKIP):
                continue
            query = sorted(parse_qsl(parts.query))
            target = parts.path + (("?" + urlencode(query)) if query else "")
            if target in seen:
                continue
            unit_path = re.sub(r"/(@@[^/]*|doc-\d+|c\d{4}-\d{4})?/?$", "", parts.path)
            if any(parts.path.startswith(p + "/") for p in keep if p) or unit_path in keep:
                queue.append(target)
                continue
            shape = _shape(parts.path, query)
            if shapes.setdefault(shape, 0) < SAMPLE:
                shapes[shape] += 1
                queue.append(target)
    return bodies


def _add_documents(app, path, person):
    """The reports a school writes and the office signs, naming the petitioner in free text
    (as they do), signed off so the identity is frozen into them; and a history comment that
    names the petitioner."""
    import transaction

    from portal.documents.api import add_document, sign_off
    from portal.documents.prefill import document_values
    from portal.workflow.history import HistoryEntry

    manager.push({"registry": app.registry, "request": None})
    conn = app.registry._zodb_databases[""].open()
    try:
        case = find_resource(conn.root()["portal"], path)
        told = f"{person['name']}（{person['id_number']}，{person['phone']}，{person['address']}）"
        for code, values in (
            (
                "investigation_report",
                {
                    "investigators": "王老师",
                    "facts": f"约谈{told}。",
                    "basis": "规定",
                    "handling": "退费",
                    "unit_leader": "周校长",
                },
            ),
            (
                "closing_report",
                {
                    "facts": f"经查，{told}反映属实。",
                    "result": "已退费",
                    "petitioner_response": f"{person['name']}表示满意",
                    "unit_leader": "周校长",
                },
            ),
        ):
            doc = add_document(case, code, values, "zy_officer", registry=app.registry)
            sign_off(doc, "zy_officer", registry=app.registry, values=document_values(doc))
        # staff write names into comments too
        last = case.workflow_history[-1]
        case.workflow_history.append(
            HistoryEntry(
                actor="zy_officer",
                when=last.when,
                transition="remind",
                transition_title="催办",
                comment=f"已电话联系{told}",
                from_state=last.to_state,
                to_state=last.to_state,
            )
        )
        transaction.commit()
    finally:
        conn.close()
        manager.pop()


@pytest.fixture
def seeded(app, seed):
    cases = [
        seed(person=PETITIONER, rep=REPRESENTATIVE, subject="反映学校违规收取资料费", steps=FULL),
        seed(person=SECOND, subject="反映学校食堂卫生问题", steps=("accept", "assign")),
        seed(
            unit="/",
            person=PETITIONER,
            subject="反映教师有偿补课问题",
            steps=("accept", "assign", "start_handling"),
            assign_to="/jichu",
        ),
    ]
    _add_documents(app, cases[0], PETITIONER)
    _add_documents(app, cases[2], PETITIONER)
    return cases


@pytest.mark.parametrize("login_name", STAFF)
def test_staff_without_the_unmask_permission_reach_no_identity(login_name, seeded, staff_app):
    t = staff_app(login_name)
    bodies = crawl(t, seeded)
    reached = " ".join(bodies)
    for url, text in bodies.items():
        flat = "".join(text.split())
        for secret in SECRETS:
            assert "".join(secret.split()) not in flat, f"{secret} found in {url} ({login_name})"
    # the crawl really went where the identity lives (a leader of the city sees the city's
    # own case; the county's cases are its own business)
    mine = {"zy_s01_liaison": seeded[:2], "jichu_handler": seeded[2:], "city_leader2": seeded[2:]}[login_name]
    for case in mine:
        assert case + "/" in bodies or case in bodies, (login_name, case)
        assert case + "/doc-" in reached, (login_name, case)
    assert any(u.endswith("@@print") for u in bodies) and any(u.endswith("@@pdf") for u in bodies)
    assert any("@@volume" in u for u in bodies)
    if login_name != "jichu_handler":
        assert any("cases-export" in u for u in bodies)
