"""Every document of the registry prints to a PDF whose Chinese title and a filled value are
really there (text extraction), with the CJK font embedded."""

import io

import pytest
from pypdf import PdfReader
from pyramid import testing

from portal.cases.identity import Disclosure
from portal.documents import add_document
from portal.documents.pdf import document_pdf
from portal.resources import Folder, Unit
from schemas import document_types

SHOWN = Disclosure(True)  # a rendering for someone allowed to see identity


class FakeCase(Folder):
    document_contexts = ("case",)
    title = "关于某小学教师待遇问题的信访事项"


@pytest.fixture(scope="module")
def containers():
    config = testing.setUp()
    config.include("pyramid_chameleon")
    city = Unit("郑州市教育局", "city_bureau")
    school = city.add("s01", Unit("某小学", "school"))
    case = school.add("case-0001", FakeCase())
    yield {"case": case, "unit": school, "portal": city}
    testing.tearDown()


def _font_names(reader):
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font.get("/BaseFont")))
            for desc in font.get("/DescendantFonts", []) or []:
                d = desc.get_object().get("/FontDescriptor")
                if d is not None and any(
                    k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    names.add("embedded")
    return names


@pytest.mark.parametrize("code", [t.code for t in document_types()])
def test_pdf_of_every_document(code, containers, samples):
    doc_type = [t for t in document_types() if t.code == code][0]
    doc = add_document(containers[doc_type.context], code, samples.APPSTRUCTS[code], "tester")
    reader = PdfReader(io.BytesIO(document_pdf(doc, disclosure=SHOWN)))
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert "".join(doc.title.split()) in text
    assert "embedded" in _font_names(reader)
