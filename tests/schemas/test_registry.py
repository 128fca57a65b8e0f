"""The document registry: lookup, order, and its own consistency check."""

import dataclasses
import types

import colander
import pytest

import schemas
from schemas import registry
from schemas.fields import Form, text

EXPECTED_CODES = {
    "registration",
    "acceptance_notice",
    "decline_notice",
    "forward_notice",
    "letter_request",
    "instruction_assignment",
    "major_case_review_memo",
    "filing_request",
    "ownership_register",
    "ownership_report",
    "assignment_slip",
    "supervision_slip",
    "reminder_slip",
    "extension_approval",
    "extension_notice",
    "joint_review_minutes",
    "investigation_report",
    "handling_opinion",
    "closing_approval",
    "closing_report",
    "reply",
    "satisfaction_rating",
    "review_request",
    "review_opinion",
    "rereview_request",
    "rereview_opinion",
    "monthly_report",
    "zero_report",
    "major_event_report",
    "risk_ledger_entry",
    "duty_log",
    "reception_register",
    "reception_schedule",
    "first_contact",
    "meeting_minutes",
    "training_record",
    "stability_risk_assessment",
    "emergency_report",
    "annual_assessment",
    "rectification_notice",
    "rectification_proposal",
    "accountability_proposal",
    "archive_lending",
    # 第七章、第九章 (issue 15): the plan, the aftermath record, the rectification report
    "emergency_plan",
    "emergency_aftermath",
    "rectification_report",
    # 第二章、第五章第五节 (issue 14): the leading group, the yearly training plan
    "leading_group",
    "training_plan",
}


def test_the_real_registry_is_valid():
    assert schemas.validate_registry() == schemas.document_types()


def test_registry_holds_exactly_the_documents_asked_for():
    assert {doc.code for doc in schemas.document_types()} == EXPECTED_CODES


def test_order_is_stable_and_starts_with_registration():
    first = [doc.code for doc in schemas.document_types()]
    assert first == [doc.code for doc in schemas.document_types()]
    assert first[0] == "registration"
    assert len(first) == len(set(first))


def test_lookup():
    doc = schemas.get_document_type("extension_approval")
    assert doc.title == "延期办理审批表"
    assert doc.filled_by == "unit_liaison"
    assert doc.context == "case"
    assert doc.template == "generic"


@pytest.mark.parametrize("code", ["nope", "", None, ["registration"], "Registration"])
def test_unknown_code_raises_a_key_error(code):
    with pytest.raises(schemas.UnknownDocumentType) as caught:
        schemas.get_document_type(code)
    assert isinstance(caught.value, KeyError)
    assert caught.value.code == code
    assert "unknown document type" in str(caught.value)


def test_rows_are_frozen_and_table_is_immutable():
    doc = schemas.get_document_type("registration")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "x"
    assert isinstance(schemas.document_types(), tuple)
    assert isinstance(registry._BY_CODE, types.MappingProxyType)


def test_schema_is_a_fresh_titled_copy_each_time():
    doc = schemas.get_document_type("registration")
    one, two = doc.schema(), doc.schema()
    assert one.title == "信访事项登记表"
    assert one is not two
    assert one["petitioner"]["name"] is not two["petitioner"]["name"]
    one["subject"].title = "改过"
    assert two["subject"].title == "事由"


def test_document_titles_for_the_workflow_loader():
    titles = schemas.document_titles()
    assert list(titles) == [doc.code for doc in schemas.document_types()]
    assert titles["closing_report"] == "结案报告"
    with pytest.raises(TypeError):
        titles["x"] = "y"


def test_roles_and_contexts_are_from_the_agreed_lists():
    from portal.security.roles import ROLES

    for doc in schemas.document_types():
        assert doc.filled_by in ROLES
        assert doc.context in schemas.CONTEXTS


def test_public_forms_are_the_petitioners_own():
    public = {doc.code for doc in schemas.document_types() if doc.public}
    assert public == {"satisfaction_rating", "review_request", "rereview_request"}


# --- validate_registry finds problems --------------------------------------------------------


class _Good(Form):
    subject = text("事由")


class _EnglishTitle(Form):
    subject = text("Subject")


class _EnglishRequired(Form):
    subject = colander.SchemaNode(colander.String(), title="事由")


def _row(code="good_doc", title="好文书", factory=_Good, **kw):
    kw.setdefault("filled_by", "petition_officer")
    kw.setdefault("context", "case")
    return registry.DocumentType(code, title, factory, **kw)


def _broken():
    raise RuntimeError("boom")


def test_a_sound_custom_table_passes():
    table = (_row(),)
    assert schemas.validate_registry(table) == table


@pytest.mark.parametrize(
    "rows, fragment",
    [
        ((_row(code="GoodDoc"),), "not snake_case"),
        ((_row(code="good-doc"),), "not snake_case"),
        ((_row(code="good__doc"),), "not snake_case"),
        ((_row(), _row()), "used twice"),
        ((_row(title=""),), "title is empty or not Chinese"),
        ((_row(title="Good"),), "title is empty or not Chinese"),
        ((_row(filled_by="petitioner"),), "unknown role 'petitioner'"),
        ((_row(context="school"),), "unknown context 'school'"),
        ((_row(template=""),), "template name is empty"),
        ((_row(factory=_broken),), "schema cannot be built"),
        ((_row(factory=dict),), "schema cannot be built"),
        ((_row(factory=_EnglishTitle),), "field subject has no Chinese title"),
        ((_row(factory=_EnglishRequired),), "missing message is not Chinese"),
    ],
)
def test_bad_tables_are_reported(rows, fragment):
    from portal.security.roles import ROLES

    with pytest.raises(schemas.RegistryError) as caught:
        schemas.validate_registry(rows, roles=set(ROLES))
    assert any(fragment in problem for problem in caught.value.problems), caught.value.problems


def test_all_problems_are_reported_together():
    rows = (_row(code="Bad", title=""), _row(code="ok_doc", factory=_EnglishTitle))
    with pytest.raises(schemas.RegistryError) as caught:
        schemas.validate_registry(rows)
    assert caught.value.problems == (
        "'Bad': code is not snake_case",
        "Bad: title is empty or not Chinese",
        "Bad: field (root) has no Chinese title",
        "ok_doc: field subject has no Chinese title",
    )


def test_schemas_package_imports_only_colander_deform_and_stdlib():
    """(and translationstring, colander's own message factory: schemas.i18n)"""
    import ast
    import pathlib
    import sys

    allowed = {"colander", "deform", "translationstring"} | set(sys.stdlib_module_names)
    package = pathlib.Path(schemas.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, (path.name, name)
