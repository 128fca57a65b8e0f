"""Seeding for the public-area tests (plain module, so the browser journey can use it too):
cases registered through ``register_case`` and driven through the real workflow (``fire``
with the registry's subscribers), with petitioners whose identities are known."""

from datetime import date, timedelta

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource, resource_path

from portal.clock import as_date, at


def id_number(body17):
    """A valid 18-character ID number from its first 17 digits (GB 11643 check digit)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body17, weights))
    return body17 + "10X98765432"[total % 11]


PETITIONER = {
    "name": "欧阳明华",
    "id_number": id_number("41010219750312461"),
    "phone": "13912345678",
    "address": "郑州市中原区棉纺西路88号院3号楼",
}
REPRESENTATIVE = {
    "name": "司马小芸",
    "id_number": id_number("41010519800521352"),
    "phone": "13698765432",
    "address": "郑州市金水区花园路66号",
}
SECOND = {
    "name": "诸葛红梅",
    "id_number": id_number("41018219900101002"),
    "phone": "",
    "address": "郑州市上街区中心路1号",
}
SECRETS = tuple(
    v
    for p in (PETITIONER, REPRESENTATIVE, SECOND)
    for v in (p["name"], p["id_number"], p["phone"], p["address"])
    if v
)


def problem_text(person, rep=None):
    text = (
        f"我是{person['name']}，身份证号{person['id_number']}，联系电话{person['phone'] or '无'}，"
        f"住{person['address']}。学校以资料费名义收取费用，每人300元。"
    )
    if rep:
        text += (
            f"代表{rep['name']}（电话 {rep['phone'][:3]} {rep['phone'][3:7]} {rep['phone'][7:]}）一同反映。"
        )
    return text


class SystemRequest:
    """What ``fire`` needs of a request, granting every permission (seeding only)."""

    def __init__(self, registry, site):
        self.registry = registry
        self.root = site

    def has_permission(self, permission, context):
        return True


def registration(person, subject, received_on, rep=None, channel="visit", urgency="normal"):
    return {
        "channel": channel,
        "received_on": received_on,
        "handed_down_by": "",
        "handed_down_ref": "",
        "petitioner": dict(person, gender="", work_unit=""),
        "is_group": bool(rep),
        "headcount": 2 if rep else 1,
        "representatives": [dict(rep)] if rep else [],
        "level_skipping": "none",
        "urgency": urgency,
        "subject": subject,
        "problem": problem_text(person, rep),
        "demands": f"要求退还费用。联系人{person['name']}。",
        "remarks": "",
    }


DOCS = {  # transition -> (document code, appstruct factory(case, person, when))
    "accept": ("acceptance_notice", lambda c, p, w: {"note": "x"}),
    "assign": ("assignment_slip", lambda c, p, w: {"note": "x"}),
    "submit_opinion": ("investigation_report", lambda c, p, w: {"note": "x"}),
    "conclude": ("closing_report", lambda c, p, w: {"note": "x"}),
    "reply": (
        "reply",
        lambda c, p, w: {
            "addressee_kind": "petitioner",
            "subject": c.subject,
            "content": (
                f"{p['name']}：经查，学校收取资料费无依据，已责令全额退还。"
                f"如有疑问请联系 0371-67891234，或致电您登记的 {p['phone'] or p['id_number']}。"
            ),
            "delivery": "in_person",
            "issuing_unit": "中原区教育局",
            "replied_on": as_date(w),
            "delivered_on": as_date(w),
        },
    ),
    "rate": ("satisfaction_rating", lambda c, p, w: {"rating": "satisfied", "rated_on": as_date(w)}),
}


class Seeder:
    def __init__(self, app):
        self.app = app

    def __call__(
        self,
        unit="/zhongyuan",
        person=PETITIONER,
        rep=None,
        subject=None,
        received_on=date(2026, 3, 2),
        steps=(),
        start=None,
        unsuitable=False,
        channel="visit",
        rating="satisfied",
        days_per_step=2,
        assign_to=None,
    ):
        """Register a case and fire ``steps`` (transition ids), one every ``days_per_step``
        days from ``start`` (default: received_on 10:00 China time). Returns the case path."""
        from portal.cases import assignment
        from portal.cases.lifecycle import register_case
        from portal.documents.api import add_document
        from portal.time_limits import get_calendar
        from portal.workflow import fire
        from portal.workflow.config import documents_present

        registry = self.app.registry
        db = registry._zodb_databases[""]
        manager.push({"registry": registry, "request": None})
        conn = db.open()
        try:
            import transaction

            site = conn.root()["portal"]
            when = start or at(received_on, 10)
            workflow = registry["portal.workflows"]["case"]
            case = register_case(
                find_resource(site, unit),
                registration(person, subject or "反映学校违规收费问题", received_on, rep, channel),
                "zy_officer",
                workflow,
                get_calendar(site),
                registry,
                when=when,
            )
            case.unsuitable_for_publication = unsuitable
            request = SystemRequest(registry, site)
            for step in steps:
                when = when + timedelta(days=days_per_step)
                # the steps of 第五章第一节 a caller need not spell out: 阅批 before 交办, the
                # department's review before 办结
                implied = IMPLIED.get((step, case.workflow_state))
                if implied is not None:
                    fire(
                        case,
                        implied,
                        request,
                        actor="zy_officer",
                        comment="同意",
                        when=when,
                        documents_present=documents_present,
                        notify=registry.notify,
                    )
                if step == "assign":
                    target = find_resource(site, assign_to or (unit.rstrip("/") + "/s01"))
                    assignment.assign(
                        case,
                        target,
                        registry,
                        actor="zy_officer",
                        when=when,
                        reviewing=resource_path(case.__parent__),
                    )
                    comment = f"交办给{target.title}"
                else:
                    comment = "意见" if step in ("instruct",) else ""
                if step in DOCS:
                    code, make = DOCS[step]
                    values = make(case, person, when)
                    if step == "rate":
                        values["rating"] = rating
                    add_document(case, code, values, "zy_officer", registry=registry, when=when)
                if step == "submit_opinion":
                    add_document(
                        case, "handling_opinion", {"note": "x"}, "zy_officer", registry=registry, when=when
                    )
                fire(
                    case,
                    step,
                    request,
                    actor="zy_officer",
                    comment=comment,
                    when=when,
                    documents_present=documents_present,
                    notify=registry.notify,
                )
            path = resource_path(case)
            transaction.commit()
            return path
        except BaseException:
            import transaction

            transaction.abort()
            raise
        finally:
            conn.close()
            manager.pop()


FULL = ("accept", "assign", "start_handling", "submit_opinion", "conclude", "reply")
IMPLIED = {("assign", "accepted"): "instruct", ("conclude", "opinion_submitted"): "approve_opinion"}
