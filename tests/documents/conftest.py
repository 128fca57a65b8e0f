"""Fixtures for the document tests.

Sample values come from ``tests/schemas/document_samples.py`` (valid for every registry
document; loaded by path, as the schema tests do). ``form_fields(code, appstruct)`` renders
the registry's deform form filled with ``appstruct`` and reads back what a browser would
submit (peppercorn markers, date mappings, check boxes, sequences), so a POST built from it is
the form a person filled in. ``expected_texts`` lists, independently of the portal's
rendering code, the printed texts a filled document must show.
"""

import datetime
import decimal
import html
import importlib.util
import pathlib

import pytest

from portal.testing.web import document_form_fields

SAMPLES_FILE = pathlib.Path(__file__).parents[1] / "schemas" / "document_samples.py"

#: Who fills each registry role's documents in the demo tree: (login, unit path).
FILLERS = {
    "unit_liaison": ("zy_s01_liaison", "/zhongyuan/s01"),
    "petition_officer": ("zy_officer", "/zhongyuan"),
    "petition_head": ("zy_head", "/zhongyuan"),
    "department_handler": ("jichu_handler", "/jichu"),
    "assessor": ("assessor", "/zhongyuan"),
}

#: Field names never expected in clear text (identity may be masked for the viewer).
IDENTITY_NAMES = {
    "name",
    "id_number",
    "phone",
    "address",
    "petitioner_name",
    "visitor_name",
    "visitor_phone",
    "postal_code",
}


def _load_samples():
    spec = importlib.util.spec_from_file_location("document_test_samples", SAMPLES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def samples():
    return _load_samples()


def cn_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def _expected(node, value, out):
    import colander

    if value in (None, "", colander.null):
        return
    if isinstance(node.typ, colander.Mapping):
        for child in node.children:
            if child.name not in IDENTITY_NAMES:
                _expected(child, value.get(child.name), out)
        return
    if isinstance(node.typ, colander.Sequence):
        for item in value:
            _expected(node.children[0], item, out)
        return
    labels = dict(getattr(node.widget, "values", None) or ())
    if isinstance(value, bool) or isinstance(value, decimal.Decimal):
        return
    if isinstance(value, frozenset):
        out.extend(labels[v] for v in value)
    elif isinstance(value, datetime.datetime):
        out.append(cn_date(value))
    elif isinstance(value, datetime.date):
        out.append(cn_date(value))
    elif isinstance(value, datetime.time):
        out.append(value.strftime("%H:%M"))
    elif isinstance(value, str) and labels:
        out.append(labels[value])
    else:
        out.append(str(value))


@pytest.fixture
def expected_texts():
    """``expected_texts(code, appstruct)``: printed texts (labels, 2024年6月3日 ...)."""
    from schemas import get_document_type

    def make(code, appstruct):
        out = []
        _expected(get_document_type(code).schema(), appstruct, out)
        return out

    return make


@pytest.fixture
def unescape():
    return html.unescape


@pytest.fixture(scope="session")
def fillers():
    """registry role -> (login, unit path) of the demo user who fills its documents."""
    return dict(FILLERS)


@pytest.fixture
def stored(site_of):
    """``stored(app, path)``: [(name, code, state, appstruct)] of the documents on ``path``."""
    from pyramid.traversal import find_resource

    from portal.documents import Document

    def read(app, path):
        with site_of(app) as site:
            node = find_resource(site, path)
            return sorted(
                (v.__name__, v.code, v.state, dict(v.appstruct))
                for v in node.values()
                if isinstance(v, Document)
            )

    return read


@pytest.fixture(scope="session")
def form_fields():
    """``form_fields(code, appstruct)``: the (name, value) pairs a browser submits."""
    return document_form_fields


@pytest.fixture
def post_document(form_fields, samples):
    """``post_document(testapp, path, code, token, appstruct=None, status=302)``: fill and save."""

    def post(testapp, path, code, token, appstruct=None, status=302):
        values = samples.APPSTRUCTS[code] if appstruct is None else appstruct
        fields = form_fields(code, values) + [("csrf_token", token), ("save", "save")]
        return testapp.post(f"{path}/@@add-document?code={code}", fields, status=status)

    return post


def fill_form(form, values):
    """Set the fields of a WebTest ``form`` (deform's) that ``values`` names, as a person
    would: a date is the ``date`` input inside the field's peppercorn mapping, a radio group
    the inputs of a ``:rename`` mapping; fields the form does not have are skipped (they are
    the ones the case fills in)."""
    current = kind = None
    for name, field in form.field_order:
        if name == "__start__":
            current, _sep, kind = field.value.partition(":")
            continue
        if name == "__end__":
            current = kind = None
            continue
        # a date is the "date" input of the field's mapping; radio buttons are renamed
        renamed = current and (name in ("date", "time") or kind == "rename")
        key = current if renamed else name
        if key in values:
            field.value = values[key]
    return form


@pytest.fixture(scope="session")
def draft():
    """``draft(t, container_path, code, values, status=302)``: open 填写文书 on the container's
    page, fill what the form asks for and save; returns the response."""

    def submit(t, path, code, values, status=302):
        page = t.get(path.rstrip("/") + "/@@add-document", {"code": code})
        form = fill_form(page.forms["portal-form"], values)
        return form.submit("save", status=status)

    return submit
