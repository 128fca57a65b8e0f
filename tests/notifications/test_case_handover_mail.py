"""A hand-over reaches the receiving unit's people by mail too (when they chose that kind):
the mail names the case by its number and what waits, never the petitioner."""

from .conftest import body_of, set_emails, subject_of


def test_the_county_officer_is_mailed_when_the_city_assigns_a_case(mail_app, site_of, smtp, clock):
    from tests.cases.conftest import YEAR, Flow

    flow = Flow(mail_app, site_of)
    with site_of(mail_app, commit=True) as site:
        set_emails(site, zy_officer="liuyang@zzedu.example", zy_head="chenguoqing@zzedu.example")
    path = flow.instructed()
    smtp.messages.clear()
    flow.assign("city_officer", path, "/zhongyuan", "/jichu")
    mails = {entry["to"][0]: entry for entry in smtp.messages}
    assert set(mails) == {"liuyang@zzedu.example", "chenguoqing@zzedu.example"}
    subject = subject_of(mails["liuyang@zzedu.example"])
    assert f"郑教信〔{YEAR}〕0001" in subject and "待办理" in subject and "交办" in subject
    body = body_of(mails["liuyang@zzedu.example"])
    assert "https://xinfang.zzedu.example" + path.rstrip("/") in body
    for secret in ("张三丰", "13812345678", "41010219800101123X"):
        assert secret not in body and secret not in subject
