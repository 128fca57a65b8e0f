"""PDFs really hold the Chinese text (pypdf extracts it) with the fonts embedded; the unit's
yearly volume lists its signed-off documents in order. PDFs are slow: few of them here."""

import io

from pypdf import PdfReader

from portal.testing.clock import start_from_environment
from portal.testing.web import csrf_token, login

S01 = "/zhongyuan/s01"
YEAR = start_from_environment().year  # the year the suite's clock stands in


def _fonts(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                yield str(font["/BaseFont"]), desc.get_object()["/FontDescriptor"]


def _sign(testapp, path):
    testapp.post(f"{path}/@@sign-off", {"confirm": "1", "csrf_token": csrf_token(testapp)}, status=302)


def test_document_pdf_has_the_chinese_text_and_embedded_fonts(testapp, post_document):
    login(testapp, "zy_s01_liaison")
    post_document(testapp, S01, "monthly_report", csrf_token(testapp))
    login(testapp, "zy_head")
    _sign(testapp, f"{S01}/doc-0001")
    res = testapp.get(f"{S01}/doc-0001/@@pdf")
    assert res.content_type == "application/pdf"
    assert "filename*=UTF-8''" in res.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(res.body))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in (
        "信访工作月报表",
        "月报表",
        "教师绩效工资",
        "召开家长会说明情况",
        f"中原区第一中学信〔{YEAR}〕1号",
        "2024年6月15日",
        "签发人",
        "陈国庆",
        "第 1 页",
    ):
        assert expected in text, expected
    fonts = list(_fonts(reader))
    assert any("CJK" in name for name, _d in fonts)
    assert all(any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for _n, d in fonts)


def test_print_page_is_a4_with_page_counters(testapp, post_document):
    login(testapp, "zy_officer")
    post_document(testapp, "/zhongyuan", "first_contact", csrf_token(testapp))
    page = testapp.get("/zhongyuan/doc-0001/@@print").text
    assert "size: A4" in page and "counter(page)" in page and "counter(pages)" in page
    assert "首问登记表" in page and "（签发后编号）" in page and "（盖章）" in page


def test_unit_yearly_volume(testapp, post_document):
    login(testapp, "zy_s01_liaison")
    token = csrf_token(testapp)
    post_document(testapp, S01, "zero_report", token)  # doc-0001
    post_document(testapp, S01, "monthly_report", token)  # doc-0002
    post_document(testapp, S01, "duty_log", token)  # doc-0003 stays a draft
    login(testapp, "zy_head")
    _sign(testapp, f"{S01}/doc-0001")
    _sign(testapp, f"{S01}/doc-0002")
    res = testapp.get(f"{S01}/@@volume", {"year": str(YEAR)})
    assert res.content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(res.body))
    pages = [p.extract_text() for p in reader.pages]
    assert "信访档案" in pages[0] and f"中原区第一中学{YEAR}年度信访工作档案" in pages[0]
    toc = pages[1]
    assert "卷内目录" in toc.replace(" ", "")
    # registry order: the monthly report is declared before the zero report
    assert toc.index("信访工作月报表") < toc.index("零报告")
    assert "值班记录" not in toc  # drafts are not archived
    assert "备考表" in pages[-1].replace(" ", "") and "本卷共有文件 2 件" in pages[-1]
    # the page numbers in the table of contents point at the documents' first pages
    monthly = next(i for i, p in enumerate(pages) if "信访工作月报表" in p and i > 1) + 1
    zero = next(i for i, p in enumerate(pages) if "零报告" in p and i > 1) + 1
    listed = {
        line.split()[2]: int(line.split()[4])
        for line in toc.splitlines()
        if line[:1].isdigit() and len(line.split()) >= 5
    }
    assert listed == {"信访工作月报表": monthly, "零报告": zero} and monthly < zero
