"""第五章第六节: the case volume holds the copies of the petitioners' letters in their
prescribed place (the scans attached to the case: PDFs and images merged into the volume's
PDF); the unit's yearly volume carries its reception, meeting and training records."""

import datetime
import io

from pypdf import PdfReader
from webtest import Upload

from .conftest import at


def _letter_pdf():
    from weasyprint import HTML

    return HTML(
        string="<p>LETTER-PAGE-ONE</p><p style='page-break-before: always'>LETTER-PAGE-TWO</p>"
    ).write_pdf()


def _png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 560), (200, 200, 200)).save(out, "PNG")
    return out.getvalue()


def _register_letter(t):
    form = t.get("/@@register-case", {"channel": "letter"}).forms["portal-form"]
    form["name"] = "张三丰"
    form["phone"] = "13812345678"
    form["headcount"] = "1"
    form["subject"] = "来信反映某中学违规收费问题"
    form["problem"] = "学校以资料费名义向学生收取费用。"
    form["demands"] = "要求退还费用。"
    res = t.post("/@@register-case", form.submit_fields("save"))
    return res.location.replace("http://localhost", "")


def _attach(t, path, name, body, letter):
    form = t.get(path + "@@attachments").forms["attachment-form"]
    form["file"] = Upload(name, body)
    form["description"] = "来信" if letter else "证明材料"
    form["kind"] = "letter" if letter else "handling"
    return form.submit().follow()


def _text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return [(page.extract_text() or "").replace(" ", "") for page in reader.pages]


def test_the_case_volume_holds_the_scanned_letters_in_their_place(user, opened):
    officer = user("city_officer")
    path = _register_letter(officer)
    before = _text(officer.get(path + "@@volume").body)
    _attach(officer, path, "来信.pdf", _letter_pdf(), letter=True)
    _attach(officer, path, "信封.png", _png(), letter=True)
    from weasyprint import HTML

    _attach(officer, path, "证明.pdf", HTML(string="<p>EVIDENCE-ONLY</p>").write_pdf(), letter=False)
    pages = _text(officer.get(path + "@@volume").body)
    assert len(pages) == len(before) + 3  # two letter pages and the envelope image
    joined = "\n".join(pages)
    one = next(i for i, p in enumerate(pages) if "LETTER-PAGE-ONE" in p)
    two = next(i for i, p in enumerate(pages) if "LETTER-PAGE-TWO" in p)
    assert two == one + 1
    assert "EVIDENCE-ONLY" not in joined  # only the letters go in as 群众来信复印件
    assert "备考表" in pages[-1] and one < len(pages) - 1  # before the note sheet
    toc = next(p for p in pages if "卷内目录" in p)
    assert "群众来信复印件" in toc
    with opened() as site:
        entry = site.identity_audit.entries(1)[0]
        assert entry.userid == "city_officer" and "群众来信复印件" in "".join(entry.fields)


def test_without_the_identity_right_the_letters_stay_out(user):
    officer = user("city_officer")
    path = _register_letter(officer)
    _attach(officer, path, "来信.pdf", _letter_pdf(), letter=True)
    leader = user("city_leader2")  # 其他领导: reads the case, not the identity
    leader.get(path, status=200)
    pages = _text(leader.get(path + "@@volume").body)
    joined = "\n".join(pages)
    assert "LETTER-PAGE-ONE" not in joined and "无权查看" in joined


def test_the_yearly_volume_carries_the_receptions_meetings_and_training(user, clock, opened):
    from .test_meetings import add_meeting
    from .test_receptions import _register, day_of, schedule
    from .test_training import file_training

    day = datetime.date(2026, 6, 12)
    clock.set(at(day))
    officer = user("zy_officer")
    schedule(officer, "/zhongyuan", day)
    clock.set(at(day, 15))
    _register(officer, day_of(opened))
    add_meeting(officer, day=day)
    file_training(user("city_officer"), "", ["zy_officer"])
    pdf = officer.get("/zhongyuan/@@volume", {"year": "2026"}).body
    toc = next(p for p in _text(pdf) if "卷内目录" in p)
    for title in ("领导接访登记表", "接访日安排公示", "信访会议记录", "信访业务培训登记表"):
        assert title in toc, title
    # a record of another year is not in this year's volume
    pdf = officer.get("/zhongyuan/@@volume", {"year": "2025"}).body
    assert "信访会议记录" not in next(p for p in _text(pdf) if "卷内目录" in p)
