"""Demo cases: one or more in every state of the case workflow, at city, county and school level.

Each :class:`Story` registers a case with ``register_case`` and takes it through the steps a
person of the demo takes on the pages: documents drafted with ``add_document`` by the party
the workflow names, transitions fired with ``fire`` through a request acting as that person
(:mod:`portal.demo.acting`: the real security policy decides), assignment with
``assignment.assign``. Dates count back from ``portal.clock.today()``: a story received long
ago and still open is overdue, exactly as the deadlines compute it.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from pyramid.traversal import find_resource, resource_path

from portal import clock

from .people import PEOPLE

# What each step files before it fires: transition -> document codes.
DOCUMENTS = {
    "accept": ("acceptance_notice",),
    "decline": ("decline_notice",),
    "forward": ("forward_notice",),
    "submit_opinion": ("investigation_report", "handling_opinion"),
    "conclude": ("closing_report",),
    "reply": ("reply",),
    "rate": ("satisfaction_rating",),
    "request_review": ("review_request",),
    "answer_review": ("review_opinion",),
    "request_rereview": ("rereview_request",),
    "answer_rereview": ("rereview_opinion",),
}
# Who drafts them, when it is not the person firing the transition.
DRAFTED_BY_HANDLER = {"investigation_report", "handling_opinion", "closing_report"}

COMMENTS = {
    "decline": "反映事项属于诉讼程序处理范围，依法不予受理",
    "instruct": "请依法依规调查处理，按期反馈",
    "reject_opinion": "处理意见未说明退费依据，请补充后重新提交",
}

# The order of 第五章第一节 up to each state; the story names where it stops.
MAIN_LINE = (
    "accept",
    "instruct",
    "assign",
    "start_handling",
    "submit_opinion",
    "approve_opinion",
    "conclude",
    "reply",
    "rate",
    "request_review",
    "answer_review",
    "request_rereview",
    "answer_rereview",
)


@dataclass(frozen=True)
class Story:
    unit: str  # the registering unit
    subject: str
    problem: str
    demands: str
    person: int  # index into people.PETITIONERS
    received_days_ago: int
    stop: str  # the last transition fired ("" = registered only)
    to: str = ""  # the unit it is assigned to (with ``reviewing``)
    reviewing: str = ""
    channel: str = "visit"
    urgency: str = "normal"
    owner: str = ""  # a leader who takes ownership (包案) after instruction
    publish: bool = False
    archive: bool = False  # after the last step, sign the volume and archive
    step_days: int = 3
    extra: tuple = field(default=())  # detours fired before the main line resumes, e.g. reject


def steps_of(story):
    """The transitions of ``story`` in order."""
    if story.stop in ("", None):
        return ()
    if story.stop in ("decline", "forward"):
        return (story.stop,)
    line = MAIN_LINE[: MAIN_LINE.index(story.stop) + 1]
    if "reject_opinion" in story.extra and "approve_opinion" in line:
        i = line.index("approve_opinion")
        line = line[:i] + ("reject_opinion", "submit_opinion") + line[i:]
    return line + (("archive",) if story.archive else ())


def actor_for(story, transition):
    """The demo account that takes ``transition`` on ``story``'s case (its relation to the case
    decides, as on the pages)."""
    reg = PEOPLE[story.unit]
    handler = PEOPLE.get(story.to, {})
    reviewer = PEOPLE.get(story.reviewing, {})
    review_body = PEOPLE[_review_body(story)]
    rereview_body = PEOPLE[_above(_review_body(story))]
    return {
        "accept": reg["officer"],
        "decline": reg["head"],
        "forward": reg["officer"],
        "instruct": reg["leader"],
        "assign": reg["officer"],
        "start_handling": handler.get("liaison"),
        "submit_opinion": handler.get("liaison"),
        "approve_opinion": reviewer.get("handler"),
        "reject_opinion": reviewer.get("handler"),
        "conclude": reg["officer"],
        "reply": reg["officer"],
        "rate": reg["head"],
        "request_review": review_body["head"],
        "answer_review": review_body["officer"],
        "request_rereview": rereview_body["officer"],
        "answer_rereview": rereview_body["head"],
        "archive": reg["officer"],
    }[transition]


def _above(path):
    return "/" if path.count("/") <= 1 else path.rsplit("/", 1)[0]


def _review_body(story):
    """The 复查 body: one level above the unit that decided (the responsible school's county)."""
    decided = story.to or story.unit
    return _above(decided)


def registration(story, person, received_on):
    headcount = 1
    return {
        "channel": story.channel,
        "received_on": received_on,
        "handed_down_by": "",
        "handed_down_ref": "",
        "petitioner": dict(person, gender="", work_unit=""),
        "is_group": False,
        "headcount": headcount,
        "representatives": [],
        "level_skipping": "none",
        "urgency": story.urgency,
        "subject": story.subject,
        "problem": story.problem,
        "demands": story.demands,
        "remarks": "",
    }


def document_values(code, case, when, person):
    """The values a drafter writes for ``code`` (the case fills the rest: prefill)."""
    day = clock.as_date(when)
    texts = {
        "acceptance_notice": {"note": "经审查，您反映的事项属于本机关职责范围，决定受理。"},
        "decline_notice": {"note": "您反映的事项已进入诉讼程序，依法不予受理。"},
        "forward_notice": {"note": "您反映的事项属于人力资源和社会保障部门职责，已转送该部门处理。"},
        "investigation_report": {"note": "经调查核实，反映情况基本属实，学校已停止相关收费。"},
        "handling_opinion": {"note": "责令学校全额退还违规收取的费用，并在全校范围内公示。"},
        "closing_report": {"note": "学校已退还全部费用，相关责任人已作诫勉谈话，事项办结。"},
        "satisfaction_rating": {"rating": "satisfied", "rated_on": day},
        "review_request": {"note": "信访人对处理意见不服，于法定期限内提出复查申请。"},
        "review_opinion": {"note": "经复查，原处理意见事实清楚、依据充分，予以维持。"},
        "rereview_request": {"note": "信访人对复查意见不服，提出复核申请。"},
        "rereview_opinion": {"note": "经复核，维持复查意见，信访终结。"},
    }
    if code == "reply":
        return {
            "addressee_kind": "petitioner",
            "subject": case.subject,
            "content": "经调查核实，学校违规收取的费用已全额退还，相关责任人已受到批评教育。",
            "delivery": "in_person",
            "replied_on": day,
            "delivered_on": day,
        }
    return texts.get(code, {"note": case.subject})


class DemoError(RuntimeError):
    """A demo step the workflow refused: the demo's data no longer fits the workflow."""


def tell(cast, story, case_number=None):
    """Register ``story``'s case and take it through its steps; return the case."""
    from portal.cases import assignment
    from portal.cases.lifecycle import register_case
    from portal.documents.api import add_document
    from portal.time_limits import get_calendar
    from portal.workflow import TransitionError, fire
    from portal.workflow.config import documents_present

    from .people import PETITIONERS

    site, registry = cast.site, cast.registry
    person = PETITIONERS[story.person]
    received = clock.today() - timedelta(days=story.received_days_ago)
    when = clock.at(received, 9)
    unit = find_resource(site, story.unit)
    registrar = PEOPLE[story.unit]["officer"]
    case = register_case(
        unit,
        registration(story, person, received),
        registrar,
        registry["portal.workflows"]["case"],
        get_calendar(site),
        registry,
        when=when,
    )
    steps = steps_of(story)
    for i, transition in enumerate(steps):
        when = clock.at(received + timedelta(days=story.step_days * (i + 1)), 10)
        if transition == "archive":
            when = clock.now() - timedelta(hours=2)
        login = actor_for(story, transition)
        request = cast[login]
        if transition == "assign":
            target = find_resource(site, story.to)
            assignment.assign(
                case,
                target,
                registry,
                actor=login,
                when=when,
                from_path=resource_path(unit) or "/",
                reviewing=story.reviewing,
                request=request,
            )
            add_document(
                case,
                "assignment_slip",
                {
                    "subject": case.subject,
                    "unit": target.title,
                    "issuing_unit": unit.title,
                    "issued_on": clock.as_date(when),
                    "due_on": _handling_due(case),
                    "requirements": "查实情况，依法依规处理，按期反馈处理结果",
                    "contact_person": site.users.get(login).title,
                    "contact_phone": "0371-67880000",
                },
                login,
                registry=registry,
                when=when,
            )
        if transition == "archive":
            sign_volume(cast, story, case, when)
        for code in DOCUMENTS.get(transition, ()):
            author = actor_for(story, "submit_opinion") if code in DRAFTED_BY_HANDLER else login
            add_document(
                case, code, document_values(code, case, when, person), author, registry=registry, when=when
            )
        try:
            fire(
                case,
                transition,
                request,
                actor=login,
                comment=COMMENTS.get(transition, "同意"),
                when=when,
                documents_present=documents_present,
                notify=registry.notify,
            )
        except TransitionError as exc:
            raise DemoError(f"{story.subject}: {login} {transition}: {exc.message}") from exc
        if transition == "instruct" and story.owner:
            from portal.cases.ownership import take_ownership

            take_ownership(case, story.owner, get_calendar(site), when)
    if story.publish:
        from portal.public.publication import publish

        publish(case, registrar, when=clock.now() - timedelta(hours=1))
    return case


def _handling_due(case):
    deadline = case.deadlines.get("handling") or case.deadlines.get("urgent_case")
    return deadline.due.due_date


def sign_volume(cast, story, case, when):
    """Check and sign off the documents of the case volume (归档 requires them signed), each by
    a person the workflow's document rules allow (``portal.documents.policy``)."""
    from portal.documents.api import check, latest_versions, sign_off
    from portal.documents.policy import may_check, may_sign_off, signing_unit
    from portal.documents.prefill import document_values as final_values

    wf = cast.registry["portal.workflows"]["case"]
    codes = wf.transitions["archive"].requires_signed
    candidates = _signers(story)
    for code in codes:
        for doc in latest_versions(case, code):
            if doc.frozen:
                continue
            for login in candidates:
                if may_check(cast[login], doc):
                    check(doc, login, registry=cast.registry, when=when)
                    break
            for login in candidates:
                request = cast[login]
                if may_sign_off(request, doc):
                    sign_off(
                        doc,
                        login,
                        registry=cast.registry,
                        when=when,
                        issuer=signing_unit(request, doc),
                        values=final_values(doc),
                    )
                    break
            else:
                raise DemoError(f"{story.subject}: nobody of the demo may sign {code}")


def _signers(story):
    """Everybody of the demo around ``story``'s case, signers (leaders, heads) first."""
    logins = []
    for path in (story.unit, story.reviewing, story.to, _review_body(story)):
        people = PEOPLE.get(path, {})
        for role in ("leader", "head", "handler", "officer", "liaison"):
            if people.get(role) and people[role] not in logins:
                logins.append(people[role])
    return logins
