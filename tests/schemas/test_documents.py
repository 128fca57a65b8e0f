"""Every registered document: sample round trip and Chinese "required" errors."""

import re

import colander
import deform
import pytest

from schemas import document_types
from schemas.fields import REQUIRED_MSG

CODES = [doc.code for doc in document_types()]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _shape(node):
    """The field names of a schema as nested dicts (sequences by their item)."""
    if isinstance(node.typ, colander.Sequence):
        return [_shape(node.children[0])]
    if isinstance(node.typ, colander.Mapping):
        return {child.name: _shape(child) for child in node.children}
    return None


def _value_shape(node, value):
    if isinstance(node.typ, colander.Sequence):
        return [_value_shape(node.children[0], item) for item in value][:1] or [_shape(node.children[0])]
    if isinstance(node.typ, colander.Mapping):
        return {key: _value_shape(node[key], item) if key in node else None for key, item in value.items()}
    return None


def test_every_document_has_samples(samples):
    assert sorted(samples.APPSTRUCTS) == sorted(CODES)
    assert sorted(samples.REQUIRED) == sorted(CODES)


@pytest.mark.parametrize("code", CODES)
def test_sample_covers_every_field(code, samples, make_schema):
    schema = make_schema(code)
    appstruct = samples.APPSTRUCTS[code]
    assert _value_shape(schema, appstruct) == _shape(schema)


@pytest.mark.parametrize("code", CODES)
def test_submitted_sample_deserializes_to_expected_appstruct(code, samples, make_schema, cstruct_of):
    expected = samples.APPSTRUCTS[code]
    assert make_schema(code).deserialize(cstruct_of(expected)) == expected


@pytest.mark.parametrize("code", CODES)
def test_round_trip(code, samples, make_schema):
    schema = make_schema(code)
    expected = samples.APPSTRUCTS[code]
    assert schema.deserialize(schema.serialize(expected)) == expected


@pytest.mark.parametrize("code", CODES)
def test_empty_form_reports_required_fields_in_chinese(code, samples, make_schema):
    with pytest.raises(colander.Invalid) as caught:
        make_schema(code).deserialize({})
    errors = caught.value.asdict()
    assert set(errors) == samples.REQUIRED[code]
    for field, message in errors.items():
        assert CJK.search(message), (field, message)
        if (code, field) not in samples.COUNT_REQUIRED:
            assert message == REQUIRED_MSG


@pytest.mark.parametrize("code", CODES)
def test_blank_text_counts_as_missing(code, samples, make_schema, cstruct_of):
    schema = make_schema(code)
    cstruct = cstruct_of(samples.APPSTRUCTS[code])
    text_fields = [
        child.name for child in schema.children if isinstance(child.typ, colander.String) and child.required
    ]
    assert text_fields, "every document has a required text field"
    for name in text_fields:
        cstruct[name] = "   "
    with pytest.raises(colander.Invalid) as caught:
        schema.deserialize(cstruct)
    errors = caught.value.asdict()
    for name in text_fields:
        assert errors[name] == REQUIRED_MSG


@pytest.mark.parametrize("code", CODES)
def test_form_renders_with_sample(code, samples, make_schema):
    form = deform.Form(make_schema(code), buttons=("提交",))
    html = form.render(samples.APPSTRUCTS[code])
    assert "提交" in html
