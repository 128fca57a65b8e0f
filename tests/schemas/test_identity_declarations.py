"""Identity-bearing fields are declared on the schemas, so a new document cannot forget them;
fields the case fills are declared there too."""

import pytest

import schemas
from schemas import fields as f
from schemas import registry
from schemas.identity import case_sources, identity_paths


def _row(factory, code="new_notice"):
    return registry.DocumentType(code, "新的告知书", factory, "petition_officer", "case")


class Forgetful(f.Form):
    """A new document whose author did not say whose name and phone these are."""

    petitioner_name = f.person_name("信访人姓名")
    phone = f.phone("联系电话")
    address = f.text("住址", 200)


class Declared(f.Form):
    petitioner_name = f.person_name("信访人姓名", identity=True)
    phone = f.phone("联系电话", identity=True)
    address = f.address("住址", identity=True)
    officer = f.person_name("经办人", identity=False)


def test_a_person_field_without_a_declaration_is_refused():
    with pytest.raises(schemas.RegistryError) as err:
        registry.validate_registry([_row(Forgetful)])
    problems = "\n".join(err.value.problems)
    assert "new_notice: field petitioner_name may hold a person's identity" in problems
    assert "new_notice: field phone may hold a person's identity" in problems
    # a plain text field titled 住址 was not built with the address factory
    assert "new_notice: field address asks for a name, phone or address" in problems


def test_declared_fields_pass_and_are_found_by_path():
    assert registry.validate_registry([_row(Declared)])
    assert identity_paths(Declared()) == {"petitioner_name": "name", "phone": "phone", "address": "address"}


def test_the_registry_declares_every_petitioner_field():
    paths = {t.code: identity_paths(t.schema()) for t in schemas.document_types()}
    assert paths["registration"] == {
        "petitioner.name": "name",
        "petitioner.id_number": "id_number",
        "petitioner.phone": "phone",
        "petitioner.address": "address",
        "representatives.*.name": "name",
        "representatives.*.id_number": "id_number",
        "representatives.*.phone": "phone",
        "representatives.*.address": "address",
    }
    # the reply's addressee on the petitioner's side is the identity, the higher body is not
    assert paths["reply"] == {"petitioner_name": "name"}
    assert paths["first_contact"] == {"visitor_name": "name", "visitor_phone": "phone"}
    assert set(paths["review_request"].values()) == {"name", "id_number", "phone", "address", "postal_code"}
    # staff names and unit phones are not identity
    for code in ("monthly_report", "assignment_slip", "duty_log", "archive_lending"):
        assert paths[code] == {}, code


def test_case_documents_take_who_what_when_from_the_case():
    sources = {t.code: case_sources(t.schema()) for t in schemas.document_types()}
    assert sources["closing_report"] == {
        "subject": "subject",
        "petitioner_name": "petitioner.name",
        "channel": "channel",
        "responsible_unit": "responsible_unit",
        "accepted_on": "accepted_on",
        "reported_to": "assigning_unit",
    }
    assert sources["reply"]["petitioner_name"] == "petitioner.name"
    # every identity field of a case document other than the registration itself comes
    # from the case or is one the petitioner adds (a postal code): nobody types a name in
    for t in schemas.document_types():
        if t.context != "case" or t.code == "registration":
            continue
        typed = set(identity_paths(t.schema())) - set(sources[t.code])
        assert typed <= {"postal_code"}, (t.code, typed)


def test_every_fact_a_schema_names_is_known_to_the_portal():
    from portal.documents.prefill import check_sources

    check_sources()
    with pytest.raises(LookupError, match="new_notice.subject: no_such_fact"):

        class Odd(f.Form):
            subject = f.from_case("no_such_fact", f.text("信访事项"))

        check_sources([_row(Odd)])
