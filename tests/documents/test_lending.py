"""The archive lending register (档案借阅登记) on a unit."""

import datetime

from portal.testing.web import csrf_token, login


def test_lend_and_return(testapp, app, site_of, post_document, samples):
    login(testapp, "zy_officer")
    token = csrf_token(testapp)
    empty = testapp.get("/zhongyuan/@@lending").text
    assert "尚无档案借阅记录" in empty
    loan = dict(samples.APPSTRUCTS["archive_lending"], returned_on=None)
    post_document(testapp, "/zhongyuan", "archive_lending", token, loan)
    page = testapp.get("/zhongyuan/@@lending").text
    assert "2023-XF-015" in page and "李某" in page and "2024年6月24日" in page
    assert "登记归还" in page

    bad = testapp.post(
        "/zhongyuan/doc-0001/@@return", {"returned_on": "2024-06-01", "csrf_token": token}, status=302
    ).follow()
    assert "归还日期不得早于借出日期" in bad.text
    ok = testapp.post(
        "/zhongyuan/doc-0001/@@return", {"returned_on": "2024-06-20", "csrf_token": token}, status=302
    ).follow()
    assert "已登记“某校教师绩效工资问题信访案卷”的归还" in ok.text
    assert "2024年6月20日" in ok.text
    with site_of(app) as site:
        doc = site["zhongyuan"]["doc-0001"]
        assert doc.appstruct["returned_on"] == datetime.date(2024, 6, 20)
        assert doc.history[-1].transition == "return"

    login(testapp, "zy_s01_liaison")  # reads the county's register below? no: not its unit
    testapp.get("/zhongyuan/@@lending", status=403)
