"""Types told from the content (never the name or the browser's claim); the uploaded name
kept clean; a download's Content-Disposition per RFC 6266/5987."""

import io

import pytest

from portal.attachments import DOCUMENT_TYPES, AttachmentRefused, Policy
from portal.attachments.names import clean_name, content_disposition
from portal.attachments.store import sniff_file

from . import samples


@pytest.mark.parametrize(
    "body, extension, family",
    [
        (samples.docx(), "docx", "word"),
        (samples.doc(), "doc", "word"),
        (samples.xlsx(), "xlsx", "excel"),
        (samples.xls(), "xls", "excel"),
        (samples.ofd(), "ofd", "ofd"),
        (samples.PNG, "png", "image"),
        (samples.PDF, "pdf", "pdf"),
    ],
)
def test_office_ofd_and_images_are_told_from_their_content(body, extension, family):
    found = sniff_file(io.BytesIO(body), DOCUMENT_TYPES)
    assert (found.extension, found.family) == (extension, family)


@pytest.mark.parametrize(
    "body",
    [
        samples.zip_of("payload.exe"),  # a ZIP that is no Office or OFD file
        samples.compound_file("PowerPoint Document"),  # an Office file of a kind not accepted
        b"MZ\x90\x00" + b"\x00" * 64,  # a program, whatever its name says
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_anything_else_is_refused_with_the_accepted_types(body):
    with pytest.raises(AttachmentRefused) as refused:
        sniff_file(io.BytesIO(body), DOCUMENT_TYPES)
    assert str(refused.value).startswith("只能上传 JPG、PNG 图片、PDF 文件、Word 文档")
    assert "Excel 表格（xls、xlsx）或 OFD 版式文件" in str(refused.value)


def test_a_truncated_compound_file_is_refused_not_a_crash():
    with pytest.raises(AttachmentRefused):
        sniff_file(io.BytesIO(samples.doc()[:600]), DOCUMENT_TYPES)


def test_the_accept_hint_lists_the_office_extensions():
    hint = Policy(families=DOCUMENT_TYPES).accept_attribute
    assert {".doc", ".docx", ".xls", ".xlsx", ".ofd", ".png", ".pdf"} <= set(hint.split(","))


@pytest.mark.parametrize(
    "raw, extension, expected",
    [
        ("张三丰的来信.pdf", "pdf", "张三丰的来信.pdf"),
        ("C:\\Users\\li\\Desktop\\调查报告.docx", "docx", "调查报告.docx"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("报告\r\nSet-Cookie: x=1.docx", "docx", "报告Set-Cookie: x=1.docx"),
        ('a"b.xlsx', "xlsx", "ab.xlsx"),
        ("\u202egpj.exe.png", "png", "gpj.exe.png"),  # no right-to-left override
        ("照片.JPEG", "jpg", "照片.JPEG"),
        ("扫描件.pdf", "png", "扫描件.pdf.png"),  # the name follows the content
        (".htaccess", "pdf", "htaccess.pdf"),
        ("/", "pdf", ""),
        ("", "pdf", ""),
        ("长" * 300 + ".docx", "docx", "长" * 115 + ".docx"),
    ],
)
def test_the_uploaded_name_is_kept_clean(raw, extension, expected):
    assert clean_name(raw, extension) == expected


def test_content_disposition_carries_the_name_in_rfc_5987_form():
    value = content_disposition("调查报告 (终稿);v2.docx", "attachment-3.docx")
    assert value == (
        'attachment; filename="attachment-3.docx"; '
        "filename*=UTF-8''%E8%B0%83%E6%9F%A5%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29%3Bv2.docx"
    )
    assert "\r" not in content_disposition("a\r\nb", 'x"\r\n.pdf') and '"x.pdf"' in content_disposition(
        "a", 'x"\r\n.pdf'
    )
