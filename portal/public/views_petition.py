"""网上信访: the public form that registers a case in the ``online`` channel.

Contract:

- Flood protection without third parties: every POST counts against the client address
  (``portal.public.petition_limit`` attempts per ``portal.public.petition_window`` seconds,
  default 10 per hour); a filled honeypot field (``website``) is refused; the challenge
  (``challenge.check``: a Chinese arithmetic question in a signed, time-stamped token at least
  ``portal.public.min_form_seconds`` old, default 3) must be answered; a token is accepted once.
  Each refusal is a Chinese message, and nothing is created.
- A valid submission is registered at once with ``portal.cases.lifecycle.register_case`` (the
  case workflow, the stored calendar, numbers reserved like the staff form does), so it is a
  real case in the chosen unit's ledger however slow the office is; the petition staff of that
  unit are notified; a query code is issued and shown once on the answer page (never stored
  in clear) and announced as ``events.QueryCodeIssued`` (the petitioner's messages carry it).
"""

import time

from pyramid.view import view_config

from portal.i18n import _
from portal.security.roles import role_ids
from portal.security.throttle import Window, get_throttle, setting
from portal.storage import get_site

from . import challenge, forms, querycodes
from .rendering import page
from .security import VIEW_PUBLIC, PublicArea
from .views_progress import public_store

ACTOR = "网上信访"
FLOODED = "提交过于频繁，请稍后再试。如情况紧急，请拨打当地教育局信访电话或前往信访接待场所。"
HONEYPOT = "提交未通过安全校验，未予登记。请刷新页面后重新填写。"
REPLAYED = "该表单已经提交过，请勿重复提交。如需另提信访事项，请重新打开网上信访页面。"

FIELDS = (  # name, title, input type, required, hint, autocomplete
    ("name", "姓名", "text", True, "", "name"),
    ("id_number", "居民身份证号码", "text", False, "选填，18位", "off"),
    ("phone", "联系电话", "tel", True, "手机或带区号的固定电话；后四位用于查询办理进度", "tel"),
    ("address", "通讯地址", "text", False, "", "street-address"),
    ("email", "电子邮箱", "email", False, "选填；填写后受理、答复等告知也会发送到此邮箱", "email"),
    ("subject", "事由（标题）", "text", True, "用一句话概括，最多100字；标题可能经隐去个人信息后公开", "off"),
    ("problem", "反映的主要问题", "textarea", True, "最多3000字", None),
    ("demands", "主要诉求", "textarea", True, "最多1000字", None),
)
LABELS = dict([(f[0], f[1]) for f in FIELDS] + [("unit", "受理单位"), ("answer", "验证题")])


def target_units(site):
    """Units that take online petitions: the city bureau and the county bureaus."""
    from portal.resources import Unit

    units = [("/", site.title)]
    units += [
        ("/" + name, unit.title)
        for name, unit in site.items()
        if isinstance(unit, Unit) and unit.kind == "county_bureau" and unit.active
    ]
    return units


def _values(request):
    return {name: request.POST.get(name, "") for name in [f[0] for f in FIELDS] + ["unit"]}


def _page(request, store, errors=None, values=None, refusal=None, question=None, token=None):
    if not question or not token or not challenge.question_matches(store.secret, token, question):
        question, token = challenge.new_challenge(store.secret)
    request.response.headers["Cache-Control"] = "no-store"
    return page(
        request,
        "petition.pt",
        "petition",
        errors=errors or {},
        values=values or {},
        refusal=refusal,
        units=target_units(get_site(request)),
        fields=FIELDS,
        labels=LABELS,
        challenge_question=question,
        challenge_token=token,
    )


def _register(request, site, values):
    from pyramid.traversal import find_resource

    from portal import clock
    from portal.cases.lifecycle import register_case
    from portal.cases.numbering import request_reserver
    from portal.time_limits import get_calendar
    from portal.workflow.engine import WORKFLOWS_KEY

    unit = find_resource(site, values["unit"])
    person = {
        "name": values["name"],
        "gender": "",
        "id_number": values.get("id_number") or "",
        "phone": values["phone"],
        "address": values.get("address") or "",
        "work_unit": "",
    }
    if values.get("email"):
        person["email"] = values["email"]  # for the petitioner notices (masked like the rest)
    appstruct = {
        "channel": "online",
        "received_on": clock.today(),
        "handed_down_by": "",
        "handed_down_ref": "",
        "petitioner": person,
        "is_group": False,
        "headcount": 1,
        "representatives": [],
        "level_skipping": "none",
        "urgency": "normal",
        "subject": values["subject"],
        "problem": values["problem"],
        "demands": values["demands"],
        "remarks": "信访人通过网上信访栏目提交",
    }
    workflow = request.registry[WORKFLOWS_KEY]["case"]
    case = register_case(
        unit,
        appstruct,
        ACTOR,
        workflow,
        get_calendar(site),
        request.registry,
        reserve=request_reserver(request),
    )
    return unit, case, person


def _notify(site, unit, case):
    from pyramid.traversal import resource_path

    from portal.notifications.centre import notify
    from portal.security.localroles import people_with

    staff = people_with(unit, role_ids("office"))
    if staff:
        notify(
            site,
            staff,
            "task",
            _("新的网上信访事项 ${number}，请及时登记受理", mapping={"number": case.number}),
            url=resource_path(case),
        )


@view_config(route_name="public", context=PublicArea, name="petition", permission=VIEW_PUBLIC)
def petition(context, request):
    store = public_store(request)
    if request.method != "POST":
        return _page(request, store)
    settings = request.registry.settings
    flood = [
        (
            ("petition", request.client_addr or "?"),
            Window(
                setting(settings, "portal.public.petition_limit", 10),
                setting(settings, "portal.public.petition_window", 3600),
            ),
        )
    ]
    values = _values(request)
    throttle = get_throttle(request)
    if throttle.wait(flood):
        request.response.status = 429
        return _page(request, store, values=values, refusal=FLOODED)
    throttle.fail(flood)
    if request.POST.get("website", ""):
        request.response.status = 400
        return _page(request, store, refusal=HONEYPOT)

    errors = {}
    token = request.POST.get("challenge_token", "")
    question = request.POST.get("challenge_question", "")
    nonce, problem = challenge.check(
        store.secret,
        token,
        request.POST.get("answer", ""),
        min_age=setting(settings, "portal.public.min_form_seconds", 3),
    )
    if problem:
        errors["answer"] = problem
        question = token = None  # a fresh question
    elif nonce in store.used_challenges:
        request.response.status = 400
        return _page(request, store, refusal=REPLAYED)
    units = dict(target_units(get_site(request)))
    parsed, field_errors = forms.validate(forms.OnlinePetition(), request.POST)
    errors.update(field_errors)
    if parsed is not None and parsed["unit"] not in units:
        errors["unit"] = "请选择受理单位"
    if errors:
        request.response.status = 400
        return _page(request, store, errors=errors, values=values, question=question, token=token)

    challenge.prune_used(store.used_challenges)
    store.used_challenges[nonce] = time.time()
    site = get_site(request)
    unit, case, person = _register(request, site, parsed)
    from pyramid.traversal import resource_path

    code = querycodes.issue(store, resource_path(case), person, ACTOR)
    from .events import QueryCodeIssued

    request.registry.notify(QueryCodeIssued(site, resource_path(case), code, case.created, "online"))
    _notify(site, unit, case)
    request.response.headers["Cache-Control"] = "no-store"
    return page(
        request,
        "petition_done.pt",
        "petition",
        number=case.number,
        unit_title=unit.title,
        code=querycodes.display(code),
    )
