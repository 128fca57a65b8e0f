"""Benchmark of the case ledger (台账) and the to-do list (我的待办) at city scale.

Run by hand, never by the test suite::

    .venv/bin/python bench/cases.py                        # full size: 200,000 cases, ~20 min
    .venv/bin/python bench/cases.py --cases 20000          # quick, about 1-2 min
    .venv/bin/python bench/cases.py --keep                 # keep the database (path printed) ...
    .venv/bin/python bench/cases.py --reuse DIR --profile todo   # ... and measure it again

It builds, on a real FileStorage in a temporary directory and through the real application
(``portal.testing.web.make_app``; the catalog subscribers index everything), the city bureau,
the 16 county bureaus and ``--schools`` schools (as bench/org_tree.py builds them), one petition
officer per county and one liaison per school, then ``--cases`` cases registered with
``portal.cases.lifecycle.register_case`` by the counties and the city over 2025-2026 and moved
along the case workflow as far as their age allows (accepted, assigned to a school, handled,
concluded, replied, archived). Then it times a county officer's to-do list, the filtered ledger
of the county, the registration of one case, and reports the process's memory. Every measured
operation is also checked (right county, right count), so the numbers are of real work.
See bench/README.md.
"""

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import transaction  # noqa: E402
from hypatia.query import Eq  # noqa: E402
from org_tree import (
    Timings,
    build_tree,
    check,
    dir_size,
    fmt,
    maybe_profile,  # noqa: E402
    mib,
    ms,
    peak_rss_mib,
    person_name,
    say,
    school_counts,
)
from pyramid.threadlocal import manager  # noqa: E402
from pyramid.traversal import resource_path  # noqa: E402
from webtest import TestApp  # noqa: E402

from portal import clock  # noqa: E402
from portal.cases import (
    assignment,  # noqa: E402
    chain,  # noqa: E402
)
from portal.cases.access import case_query  # noqa: E402
from portal.cases.conditions import joint_review_grounds  # noqa: E402
from portal.cases.ledger import ledger_query, todo_items  # noqa: E402
from portal.cases.lifecycle import on_transition, register_case  # noqa: E402
from portal.catalog import search  # noqa: E402
from portal.catalog.relations import permission_tokens  # noqa: E402
from portal.demo.data import COUNTIES  # noqa: E402
from portal.documents.api import add_document  # noqa: E402
from portal.identity import passwords  # noqa: E402
from portal.identity.users import User  # noqa: E402
from portal.operations.pack import pack_database  # noqa: E402
from portal.security import localroles  # noqa: E402
from portal.security.principals import user_principal  # noqa: E402
from portal.testing.web import close_app, file_uri, login, make_app, user_request  # noqa: E402
from portal.time_limits import get_calendar  # noqa: E402
from portal.workflow import fire  # noqa: E402
from portal.workflow.config import reindex_after_transition  # noqa: E402
from portal.workflow.engine import WORKFLOWS_KEY  # noqa: E402
from schemas.validators import id_check_character  # noqa: E402

PASSWORD = "Bench-2026-xinfang"  # the real password of the accounts that sign in
CITY_OFFICER = "city_officer"
FIRST_DAY = date(2025, 1, 1)
TODO_LIMIT = 100  # todo_items' default
PAGE = 50  # the ledger's page size
TARGET_MS = 50.0  # the target: p95 in-process
SEARCH_WORD = "食堂"
LEDGER_FILTER = {
    "state": "archived",
    "channel": "visit",
    "from": "2025-01-01",
    "to": "2025-12-31",
    "q": SEARCH_WORD,
}
TALLY_FILE = "bench-cases.json"
PROFILE_PHASES = (
    "build",
    "todo",
    "home",
    "ledger",
    "ledgerpage",
    "ledgerall",
    "register",
    "citytodo",
    "cityledger",
    "grant",
)
GRANT_TARGET_MS = 20.0  # the target for a grant on a county

# -- the petitions -------------------------------------------------------------------------------

# (weight, subject, problem, demands); {s} is the school concerned, {n} a number. Several
# topics other than the canteen one mention 食堂 in passing, as real petitions do.
TOPICS = (
    (
        10,
        "反映{s}食堂饭菜质量差、价格偏高",
        "学生家长反映{s}食堂饭菜分量不足、价格偏高，部分菜品不新鲜，多次向学校反映未得到解决。",
        "要求学校加强食堂管理，公开食堂收支，改善伙食质量。",
    ),
    (
        12,
        "反映{s}违规收取资料费",
        "学校以资料费、辅导费名义向学生收取费用，每人{n}元，未开具正规收据。",
        "要求退还违规收取的费用并说明收费依据。",
    ),
    (
        10,
        "反映{s}教师绩效工资发放不到位",
        "本人系{s}教师，学校拖欠{n}个月绩效工资，多次询问学校均未答复。",
        "要求按规定足额发放绩效工资。",
    ),
    (
        12,
        "反映{s}招生划片不合理",
        "本人户籍和房产均在学区内，孩子却未被{s}录取，被调剂到距家较远的学校。",
        "要求公开招生划片依据，按规定安排孩子就近入学。",
    ),
    (
        6,
        "反映{s}校车存在安全隐患",
        "{s}接送学生的校车严重超载，车况较差，司机无相应资质。",
        "要求教育部门会同交通部门检查校车安全。",
    ),
    (
        6,
        "反映{s}学生遭受校园欺凌",
        "孩子在{s}多次被同学欺负，班主任处理不力，孩子不敢上学。",
        "要求学校严肃处理，保障孩子安全。",
    ),
    (
        6,
        "反映{s}课后服务收费偏高",
        "{s}课后服务每学期收费{n}元，午餐须在学校食堂就餐另行收费，家长负担较重。",
        "要求规范课后服务收费，允许学生自愿参加。",
    ),
    (8, "反映{s}教师师德失范问题", "{s}个别教师上课时辱骂学生，并暗示家长送礼。", "要求调查处理涉事教师。"),
    (
        5,
        "反映{s}校舍漏雨需要维修",
        "{s}教学楼屋顶漏雨，食堂墙面开裂，存在安全隐患，学校称无维修经费。",
        "要求尽快安排维修，保障师生安全。",
    ),
    (
        8,
        "反映{s}转学手续办理困难",
        "孩子随父母工作调动需转入{s}，学校以学位已满为由拒收，学籍无法转入。",
        "要求按规定办理转学和学籍手续。",
    ),
    (
        6,
        "反映{s}职称评审不公",
        "{s}今年职称评审推荐名额分配不公开，评审结果存在暗箱操作。",
        "要求公开评审过程并重新评审。",
    ),
    (
        5,
        "反映{s}民办学校拒不退费",
        "孩子从{s}退学后，学校拒绝退还已缴纳的学费和住宿费共{n}元。",
        "要求学校按规定退还剩余费用。",
    ),
    (
        6,
        "反映{s}教师有偿补课",
        "{s}部分教师在校外开办补习班，要求本班学生参加，每月收费{n}元。",
        "要求查处有偿补课行为。",
    ),
)
TOPIC_WEIGHTS = [t[0] for t in TOPICS]
CHANNELS = (("visit", 30), ("call", 25), ("letter", 20), ("online", 20), ("handed_down", 5))
HANDED_DOWN_BY = ("郑州市人民政府信访局", "河南省教育厅", "河南省人民政府信访局")
LEVEL_SKIPPING = (("none", 950), ("city", 30), ("province", 15), ("beijing", 5))
URGENT_SHARE = 0.02
ID_SHARE = 0.6  # petitioners who give an ID number (the rest leave it blank)
ROADS = ("建设路", "中原路", "嵩山路", "大学路", "农业路", "金水路", "文化路", "花园路", "经三路", "商都路")
REGIONS = (
    "410102",
    "410103",
    "410104",
    "410105",
    "410106",
    "410108",
    "410122",
    "410181",
    "410182",
    "410183",
    "410184",
    "410185",
)
CITY_SHARE = 0.10  # cases registered by the city bureau (the rest: counties)
COUNTY_WEIGHTS = (9, 8, 7, 12, 3, 5, 6, 6, 6, 7, 5, 6, 7, 6, 5, 6)  # jinshui busiest, shangjie least


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def id_number(rng):
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(45 * 365))
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + id_check_character(body)


def appstruct_for(rng, received, school_title):
    """What the registration form (``portal.cases.forms.registration_schema``) gives."""
    channel = weighted(rng, CHANNELS)
    _w, subject, problem, demands = rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]
    n = rng.choice((2, 3, 5, 6, 120, 300, 800, 1500, 4800))
    fill = {"s": school_title, "n": n}
    return {
        "channel": channel,
        "received_on": received,
        "handed_down_by": rng.choice(HANDED_DOWN_BY) if channel == "handed_down" else "",
        "handed_down_ref": f"豫教信转〔{received.year}〕{rng.randrange(1, 300)}号"
        if channel == "handed_down"
        else "",
        "petitioner": {
            "name": person_name(rng),
            "id_number": id_number(rng) if rng.random() < ID_SHARE else "",
            "phone": f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
            "address": f"郑州市{rng.choice(ROADS)}{rng.randrange(1, 300)}号",
        },
        "representatives": [],
        "is_group": False,
        "headcount": 1,
        "level_skipping": weighted(rng, LEVEL_SKIPPING),
        "urgency": "urgent" if rng.random() < URGENT_SHARE else "normal",
        "subject": subject.format(**fill),
        "problem": problem.format(**fill),
        "demands": demands.format(**fill),
        "remarks": "",
    }


def at(day, rng):
    """An aware datetime in office hours (Beijing time) on ``day``."""
    return clock.at(day, 8, 30) + timedelta(minutes=rng.randrange(9 * 60))


def plan_steps(rng, received, today):
    """The transitions this case has gone through by ``today``: [(transition, day, who)].

    ``who`` is 'officer' (the registering unit's officer) or 'liaison' (the school's). A
    realistic pipeline: accepted within 15 days (7% declined, 5% forwarded), assigned to a
    school, handled within the 60 days, concluded, replied, often rated, sometimes reviewed,
    archived once the 30-day review window has passed. Each step happens only if its day is
    not after today, so recent cases are still under way and old ones are archived.
    """
    steps = []
    day = received

    def step(tid, lo, hi, who="officer"):
        nonlocal day
        nxt = day + timedelta(days=rng.randint(lo, hi))
        if nxt > today:
            return False
        day = nxt
        steps.append((tid, day, who))
        return True

    fate = rng.random()
    if fate < 0.07:
        step("decline", 1, 14)
        return steps
    if fate < 0.12:
        step("forward", 1, 14)
        return steps
    if not (
        step("accept", 1, 14)
        and step("instruct", 0, 3)
        and step("assign", 0, 5)
        and step("start_handling", 0, 5, "liaison")
        and step("submit_opinion", 5, 50, "liaison")
        and step("approve_opinion", 0, 5)
        and step("conclude", 1, 10)
        and step("reply", 0, 5)
    ):
        return steps
    replied = day
    if rng.random() < 0.6 and not step("rate", 1, 20):
        return steps
    if rng.random() < 0.03:  # within the 30 days after the reply
        latest = max(1, 29 - (day - replied).days)
        if not (step("request_review", 1, latest) and step("answer_review", 10, 30)):
            return steps
    step("archive", 31, 60)  # once the 30-day window for the next request has passed
    return steps


COMMENTS = {
    "decline": "不属于教育行政部门职责范围，已告知信访人向有权机关反映",
    "accept": "属于本机关职责范围，予以受理",
    "instruct": "请依法依规办理",
    "conclude": "经核查，问题已处理到位",
    "reply": "已书面答复信访人",
    "archive": "材料齐全，归档",
}


class WorkflowRequest:
    """What the engine needs of a request to fire a transition in the build (the real views
    check the guard permission through the security policy; here every step is allowed)."""

    def __init__(self, site, registry, userid):
        self.root = site
        self.registry = registry
        self.authenticated_userid = userid

    def has_permission(self, permission, context):
        return True


# -- phase 1: build ----------------------------------------------------------------------------


def add_people(site, keys, officer_hash, liaison_hash):
    """One petition officer per county (and one on the city root: registers the city's cases),
    one liaison per school; granted like the demo (``portal.demo.populate.DEMO_ACCOUNTS``).
    Done before any case exists, so no grant reindexes a case."""
    rng = random.Random(11)
    user = User(CITY_OFFICER, person_name(rng), unit_path="/")
    user.password_hash = officer_hash
    site.users.add(user)
    localroles.grant(site, user_principal(CITY_OFFICER), "petition_officer")
    liaisons = {}
    for ckey, _title in COUNTIES:
        login_ = officer(ckey)
        user = User(login_, person_name(rng), unit_path=f"/{ckey}")
        user.password_hash = officer_hash
        site.users.add(user)
        localroles.grant(site[ckey], user_principal(login_), "petition_officer")
        for skey in keys[ckey]:
            login_ = f"{ckey}_{skey}_liaison"
            user = User(login_, person_name(rng), unit_path=f"/{ckey}/{skey}")
            user.password_hash = liaison_hash
            site.users.add(user)
            localroles.grant(site[ckey][skey], user_principal(login_), "unit_liaison")
            liaisons[(ckey, skey)] = login_
        transaction.commit()
    return liaisons


def officer(ckey):
    return f"{ckey}_officer"


class Tally:
    """What the build made, per registering unit path ('/' for the city, '/<county>'), so the
    measurements can be checked without asking the catalog: totals, states, the filtered
    ledger's expected count, and a case name for the 403 checks. ``counties`` holds what a
    county officer may see and must do (``COUNTY_SEES`` and ``COUNTY_TODO``): the county's own
    cases and the city's cases the city assigned to one of its schools."""

    def __init__(self, data=None):
        data = data or {}
        self.units = data.get("units", {})
        self.counties = data.get("counties", {})
        self.states = data.get("states", {})
        self.steps = data.get("steps", 0)
        self.assigned = data.get("assigned", 0)
        self.joint_reviews = data.get("joint_reviews", 0)
        self.commit_time = data.get("commit_time", 0.0)

    def add(self, unit_path, name, case, text, ckey):
        state = case.workflow_state
        u = self.units.setdefault(unit_path, {"total": 0, "states": {}, "filtered": 0, "first": name})
        u["total"] += 1
        u["states"][state] = u["states"].get(state, 0) + 1
        self.states[state] = self.states.get(state, 0) + 1
        f = LEDGER_FILTER
        filtered = (
            state == f["state"]
            and case.channel == f["channel"]
            and f["from"] <= case.received_on.isoformat() <= f["to"]
            and f["q"] in text
        )
        if filtered:
            u["filtered"] += 1
        own = unit_path != "/"
        if own or state not in BEFORE_ASSIGNMENT:
            c = self.counties.setdefault(ckey, {"total": 0, "filtered": 0, "todo": 0})
            c["total"] += 1
            c["filtered"] += int(filtered)
            c["todo"] += int(state in (COUNTY_TODO if own else CITY_CASE_COUNTY_TODO))

    def dump(self):
        return {
            "units": self.units,
            "counties": self.counties,
            "states": self.states,
            "steps": self.steps,
            "assigned": self.assigned,
            "joint_reviews": self.joint_reviews,
            "commit_time": self.commit_time,
        }


# What a petition officer finds, by the case workflow's maps (workflows/case.toml) and the
# chains the build makes (the registering unit assigns to a school directly and, having no
# business department staffed in the bench, names itself to review the opinion; a 复查 goes to
# the school's county): on the cases their unit registered, 待受理 (registered), 待交办
# (instructed), 待审核 (opinion_submitted), 待办结 (opinion_approved: their unit assigned it),
# 待答复 (concluded) and 待复查 (under_review: the county is the body above the school); on the
# city's cases handled by one of their schools (they are above them: they see them once
# assigned), 待复查 only.
BEFORE_ASSIGNMENT = ("registered", "accepted", "instructed", "declined", "forwarded")
COUNTY_TODO = (
    "registered",
    "instructed",
    "opinion_submitted",
    "opinion_approved",
    "concluded",
    "under_review",
)
CITY_CASE_COUNTY_TODO = ("under_review",)
CITY_TODO = ("registered", "instructed", "opinion_submitted", "opinion_approved", "concluded")


def build_cases(site, app, keys, liaisons, args, tally, progress, progress_note=say):
    """``args.cases`` cases in date order, each registered and moved along; a commit and
    ``cacheMinimize`` every ``args.batch`` cases."""
    registry = app.registry
    wf = registry[WORKFLOWS_KEY]["case"]
    calendar = get_calendar(site)
    # every document a transition asks for counts as present and signed off (code -> signed);
    # bench/documents.py measures the documents themselves
    documents = {
        code: True for t in wf.transitions.values() for code in t.requires_documents + t.requires_signed
    }
    rng = random.Random(args.seed)
    today = clock.today()
    span = (today - FIRST_DAY).days
    received = sorted(FIRST_DAY + timedelta(days=rng.randrange(span)) for _ in range(args.cases))
    counties = [c for c, _t in COUNTIES]
    titles = {(c, s): site[c][s].title for c in counties for s in keys[c]}
    conn = site._p_jar
    t0 = time.perf_counter()
    report_every = max(args.batch, (args.cases // 10) // args.batch * args.batch)

    # Every AfterTransition subscriber runs on every step (portal.cases.lifecycle.on_transition
    # keeps the deadlines, and whatever else is subscribed), except the catalog's
    # portal.workflow.config.reindex_after_transition: idempotent, it runs once per case after
    # the case's last step (see README); and the hand-over notices (portal.cases.notices): they
    # would fill the bench accounts' inboxes with a million notices no measurement reads.
    from zope.interface import implementedBy

    from portal.cases import notices
    from portal.workflow.events import AfterTransition

    subscribers = registry.adapters.subscriptions([implementedBy(AfterTransition)], None)
    skipped = (reindex_after_transition, notices.on_transition)
    others = [s for s in subscribers if getattr(s, "__wrapped__", s) not in skipped]
    check(
        len(others) == len(subscribers) - 2
        and any(getattr(s, "__wrapped__", s) is on_transition for s in others),
        "AfterTransition subscribers are not what build_cases expects",
    )
    progress_note(
        "  AfterTransition subscribers run on every step: "
        + ", ".join(
            f"{getattr(s, '__wrapped__', s).__module__}.{getattr(s, '__wrapped__', s).__name__}"
            for s in others
        )
        + "; reindex_after_transition once per case; no hand-over notices"
    )

    def on_step(event):
        for subscriber in others:
            subscriber(event)

    # The cyclic GC is off while the batch's objects pile up (it would scan them again and
    # again: ~40% of the build time); it runs after every commit, and is on for the measuring.
    # The price is memory (see README); --build-gc keeps it on.
    if not args.build_gc:
        gc.disable()
    for i, day in enumerate(received):
        if rng.random() < CITY_SHARE:
            unit, actor = site, CITY_OFFICER
            ckey = rng.choice(counties)
        else:
            ckey = rng.choices(counties, weights=COUNTY_WEIGHTS[: len(counties)])[0]
            unit, actor = site[ckey], officer(ckey)
        skey = rng.choice(keys[ckey])
        school = site[ckey][skey]
        appstruct = appstruct_for(rng, day, titles[(ckey, skey)])
        case = register_case(unit, appstruct, actor, wf, calendar, registry, when=at(day, rng))
        request = WorkflowRequest(site, registry, actor)
        last = None
        for tid, when_day, who in plan_steps(rng, day, today):
            if tid == "assign":
                assignment.assign(
                    case,
                    school,
                    registry,
                    actor=actor,
                    when=at(when_day, rng),
                    reviewing=resource_path(unit) or "/",
                )
                tally.assigned += 1
            elif tid == "request_review":  # the request brings the county onto the chain
                add_document(
                    case,
                    "review_request",
                    {"requested_on": when_day},
                    actor,
                    registry=registry,
                    when=at(when_day, rng),
                )
            elif tid == "submit_opinion" and joint_review_grounds(case):
                # ④ a group visit of note (and the like) is reviewed jointly before the opinion
                add_document(
                    case,
                    "joint_review_minutes",
                    {"held_on": when_day, "conclusion": "同意责任单位处理意见"},
                    actor,
                    registry=registry,
                    when=at(when_day, rng),
                )
                tally.joint_reviews += 1
            request.authenticated_userid = liaisons[(ckey, skey)] if who == "liaison" else actor
            comment = f"交办给{school.title}" if tid == "assign" else COMMENTS.get(tid, "")
            last = fire(
                case,
                tid,
                request,
                actor=request.authenticated_userid,
                when=at(when_day, rng),
                comment=comment,
                documents_present=documents,
                notify=on_step,
                workflow=wf,
            )
            tally.steps += 1
        if last is not None:
            reindex_after_transition(last)
        tally.add(resource_path(unit) or "/", case.__name__, case, case.searchable_text(), ckey)
        n = i + 1
        if n % args.batch == 0 or n == args.cases:
            tc = time.perf_counter()
            transaction.commit()
            conn.cacheMinimize()
            gc.collect()
            tally.commit_time += time.perf_counter() - tc
            if n % report_every == 0 or n == args.cases:
                progress(n, time.perf_counter() - t0, tally.commit_time)
    gc.enable()
    return time.perf_counter() - t0


# -- requests for the in-process measurements --------------------------------------------------


def in_subtree(obj, path):
    p = resource_path(obj)
    return p == path or p.startswith(path + "/")


def related(case, path):
    """Some unit of ``case``'s handling chain lies in ``path``'s subtree."""
    return any(p == path or p.startswith(path + "/") for p, _rels in chain.current(case))


def ledger_params(unfiltered=False):
    keys = ("state", "channel", "from", "to", "overdue", "owned", "unit", "q")
    return {k: ("" if unfiltered else LEDGER_FILTER.get(k, "")) for k in keys}


def open_due(case):
    dues = [d.due.due_date for d in case.deadlines.values() if d.is_open]
    return min(dues) if dues else None


def check_todo(items, ckey, expected):
    """``expected``: (by the workflow definition, as indexed today); either count passes."""
    want = {min(TODO_LIMIT, n) for n in expected}
    check(len(items) in want, f"to-do of {ckey}: {len(items)} items, expected {sorted(want)}")
    check(
        all(related(obj, f"/{ckey}") for _lists, obj in items),
        f"to-do of {ckey} lists a case outside the county",
    )
    dues = [open_due(obj) for _lists, obj in items]
    dated = [d for d in dues if d is not None]
    check(
        dated == sorted(dated) and dues[: len(dated)] == dated, f"to-do of {ckey} is not ordered by deadline"
    )


def check_ledger(results, page, ckey, expected, filtered):
    check(results.total == expected, f"ledger of {ckey}: {results.total} cases, expected {expected}")
    check(len(page) == min(PAGE, expected), f"ledger page of {ckey} has {len(page)} rows")
    check(all(related(c, f"/{ckey}") for c in page), f"ledger of {ckey} lists another county")
    dates = [c.received_on for c in page]
    check(dates == sorted(dates, reverse=True), f"ledger of {ckey} is not newest first")
    if filtered:
        f = LEDGER_FILTER
        check(
            all(
                c.workflow_state == f["state"]
                and c.channel == f["channel"]
                and f["from"] <= c.received_on.isoformat() <= f["to"]
                and f["q"] in c.searchable_text()
                for c in page
            ),
            f"filtered ledger of {ckey} lists a case the filter excludes",
        )


HOME_HEADING_RE = re.compile(r"<h1[^>]*>\s*我的待办\s*</h1>")
HOME_TOTAL_RE = re.compile(r"待办事项（(\d+)）")
HOME_MORE_RE = re.compile(r"待办事项（共(\d+)项，列出期限最近的(\d+)项）")  # more wait than are listed
HOME_TABLE_RE = re.compile(r'<table[^>]*id="todo"[^>]*>.*?<tbody>(.*?)</tbody>', re.S)
LEDGER_TOTAL_RE = re.compile(r"共 (\d+) 件")
LEDGER_ROW_RE = re.compile(r'<tr>\s*<td><a href="([^"]+)"')
CITY_CASE_HREF = re.compile(r"^https?://[^/]+/c\d{4}-\d+/$")  # a city case a school handles


def home_page_items(text):
    """The case items listed on 我的待办: the count in the card's header and the rows of its
    table, which must agree; 0 when the page is the home page and has no such table (the card
    is left out when nothing waits; the empty-state line is left out too when the work-system
    duties or 下级逾期 cards show); None when the page is not the home page or they disagree."""
    if not HOME_HEADING_RE.search(text):
        return None
    more = HOME_MORE_RE.search(text)
    m = more or HOME_TOTAL_RE.search(text)
    table = HOME_TABLE_RE.search(text)
    if m is None:
        return 0 if table is None else None
    shown = int(m.group(2 if more else 1))
    rows = table and len(re.findall(r"<tr>", table.group(1)))
    return shown if rows == shown else None


def home_page_total(text):
    """How many wait in all, as 我的待办 says it: the 共N项 of its header when it lists fewer."""
    more = HOME_MORE_RE.search(text)
    return int(more.group(1)) if more else home_page_items(text)


def check_home_page(res, ckey, expected):
    want = {min(TODO_LIMIT, n) for n in expected}
    listed = home_page_items(res.text)
    check(listed in want, f"home page of {ckey}: {listed} items, expected {sorted(want)}")
    total = home_page_total(res.text)
    check(
        total in set(expected),
        f"home page of {ckey}: {total} waiting in all, expected {sorted(set(expected))}",
    )


def check_ledger_page(res, ckey, expected):
    m = LEDGER_TOTAL_RE.search(res.text)
    check(
        m and int(m.group(1)) == expected,
        f"ledger page of {ckey}: 共 {m and m.group(1)} 件, expected {expected}",
    )
    rows = LEDGER_ROW_RE.findall(res.text)
    check(len(rows) == min(PAGE, expected), f"ledger page of {ckey} lists {len(rows)} rows")
    check(
        all(f"/{ckey}/" in href or CITY_CASE_HREF.match(href) for href in rows),
        "a ledger row links outside the county",
    )


def commit_anatomy(db):
    """What the last committed transaction wrote: [(class, objects, bytes)], biggest first."""
    from ZODB.utils import get_pickle_metadata

    storage = db.storage
    tid = storage.lastTransaction()
    rows = {}
    for txn in storage.iterator(tid, tid):
        for rec in txn:
            module, name = get_pickle_metadata(rec.data)
            key = f"{module}.{name}"
            n, size = rows.get(key, (0, 0))
            rows[key] = (n + 1, size + len(rec.data))
    return sorted(((k, n, b) for k, (n, b) in rows.items()), key=lambda r: -r[2])


def ledger_anatomy(app, site, ckey, repeat=5):
    """Each part of the filtered ledger query of ``ckey`` on its own, warm: (label, docids, ms),
    the median of ``repeat`` runs. hypatia executes every part over the whole catalog and
    intersects the results (``And``), so each part costs what its index holds citywide."""
    from hypatia.query import Ge, Le

    from portal.catalog import text_query

    cat = site.catalog
    req = user_request(app, site, officer(ckey))
    f = LEDGER_FILTER
    parts = [
        (f"path = /{ckey}", Eq(cat["path"], f"/{ckey}")),
        ("type_name = case", Eq(cat["type_name"], "case")),
        ("relations ∋ the officer's view tokens", case_query(req)),
        (f"state = {f['state']}", Eq(cat["state"], f["state"])),
        (f"channel = {f['channel']}", Eq(cat["channel"], f["channel"])),
        (f"received_on >= {f['from']}", Ge(cat["received_on"], date.fromisoformat(f["from"]))),
        (f"received_on <= {f['to']}", Le(cat["received_on"], date.fromisoformat(f["to"]))),
        (f"text contains {f['q']}", text_query(site, f["q"])),
    ]
    rows = []
    for label, query in parts:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            n = len(query.execute())
            times.append(time.perf_counter() - t)
        rows.append((label, n, ms(sorted(times)[repeat // 2])))
    params = ledger_params()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        results = search(site, ledger_query(req, site[ckey], params), "received_on", reverse=True)
        results.page(0, PAGE)
        times.append(time.perf_counter() - t)
    rows.append(("the whole query + sort + page", results.total, ms(sorted(times)[repeat // 2])))
    return ckey, rows


def policy_probe(app, site, per_state):
    """Does the catalog agree with the security policy? For up to ``per_state`` cases of each
    workflow state, the people granted on the units of its chain and above them, and one
    officer of a county it has nothing to do with: is the case among the relation tokens their
    grants reach (``portal.catalog.relations.permission_tokens``, as the ledger and the to-do
    query them) exactly when ``request.has_permission`` through the real policy says so, for
    viewing and for each worklist? Returns (checks made, {(what, state, role, catalog says): n})."""
    from portal.catalog import resolve
    from portal.security.localroles import local_roles
    from portal.security.permissions import VIEW
    from portal.security.principals import userid_of
    from portal.security.relations import grants_of

    cat = site.catalog
    wf = app.registry[WORKFLOWS_KEY]["case"]
    rev = cat["relations"]._rev_index
    checks, mismatches = 0, {}
    for state in wf.states:
        docids = []
        for docid in cat["state"].applyEq(state):
            docids.append(docid)
            if len(docids) >= per_state:
                break
        for docid in docids:
            case = resolve(site, docid)
            indexed_tokens = set(rev.get(docid, ()))
            people = {}
            for path, _rel in case.relation_tokens():
                node = chain.resolve(case, path)
                for principal, roles in local_roles(node).items():
                    if userid_of(principal):
                        people[userid_of(principal)] = "+".join(sorted(roles))
            stranger = next(officer(c) for c, _t in COUNTIES if not related(case, f"/{c}"))
            people[stranger] = "petition_officer (unrelated)"
            for userid, role in sorted(people.items()):
                req = user_request(app, site, userid)
                grants = grants_of(req)
                wanted = [(VIEW, VIEW, None)] + [
                    (wl.id, wl.permission, wl.states) for wl in wf.worklists.values()
                ]
                for what, perm, states in wanted:
                    indexed = bool(indexed_tokens & set(permission_tokens(grants, wf, perm, states)))
                    allowed = bool(req.has_permission(perm, case)) and (states is None or state in states)
                    checks += 1
                    if indexed != allowed:
                        key = (what, state, role, indexed)
                        mismatches[key] = mismatches.get(key, 0) + 1
    return checks, mismatches


# -- phase 2: measure --------------------------------------------------------------------------


def timed(T, name, fn):
    """Run ``fn``; record its wall time (perf_counter) and this process's CPU time."""
    c, t = time.process_time(), time.perf_counter()
    out = fn()
    T.add(name, time.perf_counter() - t)
    T.add(name + ".cpu", time.process_time() - c)
    return out


def line(T, name, label):
    """``Timings.line`` plus the CPU time at p50: on a busy machine the wall time includes
    waiting for the CPU, the CPU time does not."""
    cpu = sorted(T.series.get(name + ".cpu", ()))
    extra = f"  cpu p50 {ms(cpu[(len(cpu) + 1) // 2 - 1]):7.2f}" if cpu else ""
    return T.line(name, label) + extra


class GCWatch:
    """Time spent in Python's cyclic garbage collector (``gc.callbacks``) while it is on."""

    def __init__(self):
        self.runs, self.total, self.longest, self._t = {0: 0, 1: 0, 2: 0}, 0.0, 0.0, None

    def __call__(self, phase, info):
        if phase == "start":
            self._t = time.perf_counter()
        elif self._t is not None:
            d = time.perf_counter() - self._t
            self.runs[info["generation"]] += 1
            self.total += d
            self.longest = max(self.longest, d)

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)


def measure(app, site, tally, args, T, data_fs):
    wf = app.registry[WORKFLOWS_KEY]["case"]
    counties = [c for c, _t in COUNTIES]
    units = tally.units

    def total(ckey):
        """The cases the county's officer sees: its own and the city's it handles below."""
        return tally.counties.get(ckey, {}).get("total", 0)

    def todo_expected(ckey):
        n = tally.counties.get(ckey, {}).get("todo", 0)
        return (n, n)

    def filtered_expected(ckey):
        return tally.counties.get(ckey, {}).get("filtered", 0)

    rng = random.Random(1)
    order = [counties[i % len(counties)] for i in range(args.samples)]
    rng.shuffle(order)
    info = {}

    # Cold: the first calls after the build (empty object cache, OS file cache warm).
    c0 = order[0]
    items = timed(T, "todo_cold", lambda: todo_items(user_request(app, site, officer(c0))))
    check_todo(items, c0, todo_expected(c0))
    req = user_request(app, site, officer(c0))
    res = timed(
        T,
        "ledger_cold",
        lambda: search(site, ledger_query(req, site[c0], ledger_params()), "received_on", reverse=True),
    )
    check_ledger(res, res.page(0, PAGE), c0, filtered_expected(c0), True)

    # Isolation, once per county and untimed: what the officer may see in the whole city's
    # ledger is exactly the cases related to their county (its own, and the city's handled by
    # its schools); a neighbour's ledger is empty (and 403 over HTTP).
    say("checks: officer isolation (catalog), once per county ...")
    for i, c in enumerate(counties):
        req = user_request(app, site, officer(c))
        everything = search(site, ledger_query(req, site, ledger_params(unfiltered=True)))
        check(
            everything.total == total(c),
            f"{c} officer sees {everything.total} cases in the city, expected {total(c)} (the county's)",
        )
        check(
            all(related(x, f"/{c}") for x in everything.page(0, 200)),
            f"{c} officer sees cases outside the county",
        )
        other = counties[(i + 1) % len(counties)]
        res = search(site, ledger_query(req, site[other], ledger_params(unfiltered=True)))
        check(res.total == 0, f"{c} officer sees {res.total} cases of {other}")
    checks, mismatches = policy_probe(app, site, args.probe)
    info["probe"] = (checks, mismatches)
    say(
        f"checks: ok — each officer sees exactly their county's cases ({min(map(total, counties))}"
        f"–{max(map(total, counties))}), none of a neighbour's"
    )

    # (a) to-do list: todo_items(request), then GET / over HTTP.
    with maybe_profile(args, "todo"):
        for c in order:
            req = user_request(app, site, officer(c))
            items = timed(T, "todo", lambda: todo_items(req))
            check_todo(items, c, todo_expected(c))
    info["todo_sizes"] = sorted(todo_expected(c) for c in counties)

    t0 = time.perf_counter()
    browsers = {}
    for c in counties:
        ta = TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        login(ta, officer(c), PASSWORD)
        browsers[c] = ta
    info["login_ms"] = ms((time.perf_counter() - t0) / len(counties))
    transaction.begin()
    for c in counties:  # warm-up (templates compiled, each county's objects loaded) and checks
        check_home_page(browsers[c].get("/"), c, todo_expected(c))
        browsers[c].get(f"/{counties[(counties.index(c) + 1) % len(counties)]}/@@cases", status=403)
        other = counties[(counties.index(c) + 1) % len(counties)]
        browsers[c].get(f"/{other}/{units[f'/{other}']['first']}/", status=403)
    with maybe_profile(args, "home"):
        for c in order:
            res = timed(T, "home", lambda: browsers[c].get("/"))
            check_home_page(res, c, todo_expected(c))

    # (b) the filtered ledger: ledger_query + search(...).page(0, 50) as ledger_view does,
    # then the page over HTTP; and the same unfiltered (what the ledger shows when opened).
    params = ledger_params()
    with maybe_profile(args, "ledger"):
        for c in order:
            req = user_request(app, site, officer(c))

            def run():
                results = search(site, ledger_query(req, site[c], params), "received_on", reverse=True)
                return results, results.page(0, PAGE)

            results, page = timed(T, "ledger", run)
            check_ledger(results, page, c, filtered_expected(c), True)
    info["filtered_sizes"] = sorted(filtered_expected(c) for c in counties)
    info["ledger_parts"] = ledger_anatomy(app, site, max(counties, key=total))
    for c in counties:
        check_ledger_page(browsers[c].get(f"/{c}/@@cases", LEDGER_FILTER), c, filtered_expected(c))
    with maybe_profile(args, "ledgerpage"):
        for c in order:
            res = timed(T, "ledgerpage", lambda: browsers[c].get(f"/{c}/@@cases", LEDGER_FILTER))
            check_ledger_page(res, c, filtered_expected(c))
    all_params = ledger_params(unfiltered=True)
    with maybe_profile(args, "ledgerall"):
        for c in order:
            req = user_request(app, site, officer(c))

            def run_all():
                results = search(site, ledger_query(req, site[c], all_params), "received_on", reverse=True)
                return results, results.page(0, PAGE)

            results, page = timed(T, "ledgerall", run_all)
            check_ledger(results, page, c, total(c), False)
        for c in order:
            res = timed(T, "ledgerallpage", lambda: browsers[c].get(f"/{c}/@@cases"))
            check_ledger_page(res, c, total(c))

    # The city's petition officer (granted on the root: every case in the city): to-do list
    # and the unfiltered city ledger. Fewer samples; not part of the target.
    city_todo = (sum(n for s, n in units.get("/", {}).get("states", {}).items() if s in CITY_TODO),) * 2
    city_total = sum(u["total"] for u in units.values())
    with maybe_profile(args, "citytodo"):
        for _ in range(args.city_samples):
            req = user_request(app, site, CITY_OFFICER)
            items = timed(T, "citytodo", lambda: todo_items(req))
            check(
                len(items) in {min(TODO_LIMIT, n) for n in city_todo},
                f"city to-do: {len(items)} items, expected {city_todo}",
            )
    with maybe_profile(args, "cityledger"):
        for _ in range(args.city_samples):
            req = user_request(app, site, CITY_OFFICER)

            def run_city():
                results = search(site, ledger_query(req, site, all_params), "received_on", reverse=True)
                return results, results.page(0, PAGE)

            results, page = timed(T, "cityledger", run_city)
            check(results.total == city_total, f"city ledger: {results.total} != {city_total}")
    info["city_todo"], info["city_total"] = city_todo, city_total

    # (c) registering one case: register_case + transaction.commit(), on the counties in turn.
    transaction.begin()
    registry = app.registry
    calendar = get_calendar(site)
    rng2 = random.Random(2)
    today = clock.today()
    size0 = os.path.getsize(data_fs)
    keys_of = {c: [k for k in site[c].keys() if k.startswith("s") and k[1:].isdigit()] for c in counties}
    with maybe_profile(args, "register"):
        for c in order[: args.register_samples]:
            school = site[c][rng2.choice(keys_of[c])]
            appstruct = appstruct_for(rng2, today, school.title)

            def register():
                case = register_case(site[c], appstruct, officer(c), wf, calendar, registry)
                transaction.commit()
                return case

            case = timed(T, "register", register)
            if "register_anatomy" not in info:
                info["register_anatomy"] = commit_anatomy(app.registry._zodb_databases[""])
            check(
                case.workflow_state == "registered"
                and case.__parent__ is site[c]
                and case.number.startswith(site[c].title[:2] + "教信"),
                f"registered case {case.number} in {c}",
            )
            tally.add(f"/{c}", case.__name__, case, case.searchable_text(), c)
    info["register_bytes"] = (os.path.getsize(data_fs) - size0) / max(
        1, min(len(order), args.register_samples)
    )
    # The new cases are in the county's ledger and its officer's to-do list.
    for c in counties[:3]:
        req = user_request(app, site, officer(c))
        check_todo(todo_items(req), c, todo_expected(c))
        res = search(site, ledger_query(req, site[c], all_params), "received_on", reverse=True)
        check_ledger(res, res.page(0, PAGE), c, total(c), False)

    # (d) a grant on a county bureau: a new petition officer granted there (then revoked), with
    # the subscribers that reindex what inherits grants. No case names a principal in the
    # catalog, so none is reindexed (counted), and the new officer's ledger shows the county's
    # cases at once.
    case_docids = set(site.catalog["type_name"].applyEq("case"))
    reindexed = []
    for i, c in enumerate(order[: args.grant_samples]):
        login_ = f"bench_new_officer_{i}"
        if login_ not in site.users:  # a database measured before (--reuse) has them
            site.users.add(User(login_, "新任信访工作人员", unit_path=f"/{c}"))
        transaction.commit()
        principal = user_principal(login_)
        with ReindexCounter() as counter:
            with maybe_profile(args, "grant") if i == 0 else _nothing():
                timed(T, "grant", lambda: localroles.grant(site[c], principal, "petition_officer"))
            timed(T, "grantcommit", transaction.commit)
        reindexed.append(len(counter.docids))
        check(not case_docids & counter.docids, f"a grant on {c} reindexed a case")
        req = user_request(app, site, login_)
        res = search(site, ledger_query(req, site[c], all_params))
        check(
            res.total == total(c), f"the officer granted on {c} sees {res.total} cases, expected {total(c)}"
        )
        with ReindexCounter() as counter:
            timed(T, "revoke", lambda: localroles.revoke(site[c], principal, "petition_officer"))
            transaction.commit()
        check(not case_docids & counter.docids, f"a revoke on {c} reindexed a case")
        check(
            ledger_query(user_request(app, site, login_), site[c], all_params) is None,
            f"the officer revoked on {c} still sees cases",
        )
        # the same again, now that the county's units are in the object cache
        timed(T, "grantwarm", lambda: localroles.grant(site[c], principal, "petition_officer"))
        transaction.commit()
        localroles.revoke(site[c], principal, "petition_officer")
        transaction.commit()
    info["grant_reindexed"] = (min(reindexed), max(reindexed)) if reindexed else (0, 0)
    return info


class ReindexCounter:
    """The docids hypatia's indexes (re)index while it is active (a set)."""

    def __enter__(self):
        from hypatia.field import FieldIndex
        from hypatia.keyword import KeywordIndex
        from hypatia.text import TextIndex

        self.docids, self.saved = set(), []
        for cls in (FieldIndex, KeywordIndex, TextIndex):
            for name in ("index_doc", "reindex_doc"):
                original = cls.__dict__.get(name) or getattr(cls, name)
                self.saved.append((cls, name, cls.__dict__.get(name)))
                setattr(cls, name, self._wrap(original))
        return self

    def _wrap(self, original):
        def counting(index, docid, obj):
            self.docids.add(docid)
            return original(index, docid, obj)

        return counting

    def __exit__(self, *exc):
        for cls, name, original in reversed(self.saved):
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# -- main --------------------------------------------------------------------------------------


def code_version():
    """The commit measured, and how many files under portal/ differ from it (work in progress
    of others shows up in the figures too)."""
    root = os.path.dirname(HERE)
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "portal", "workflows", "schemas"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head or 'unknown'}" + (
        f" + {len(dirty)} uncommitted files in portal/, workflows/, schemas/" if dirty else " (clean)"
    )


def rss_now_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024.0 * 1024.0)


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Quick run: --cases 20000",
    )
    p.add_argument("--cases", type=int, default=200000, help="cases (200000)")
    p.add_argument("--schools", type=int, default=3000, help="schools over the 16 counties (3000)")
    p.add_argument("--samples", type=int, default=200, help="repetitions of each measurement (200)")
    p.add_argument(
        "--register-samples", type=int, default=None, help="registrations timed (default: --samples)"
    )
    p.add_argument("--grant-samples", type=int, default=16, help="grants on a county bureau timed (16)")
    p.add_argument(
        "--city-samples",
        type=int,
        default=10,
        help="repetitions of the city officer's to-do list and city ledger (10)",
    )
    p.add_argument(
        "--build-gc",
        action="store_true",
        help="keep Python's cyclic GC on during the build (slower, less memory)",
    )
    p.add_argument(
        "--probe",
        type=int,
        default=20,
        help="cases per workflow state compared between catalog and policy (20)",
    )
    p.add_argument("--batch", type=int, default=10000, help="cases per commit (10000)")
    p.add_argument("--seed", type=int, default=20261126)
    p.add_argument(
        "--cache-size",
        type=int,
        default=0,
        help="ZODB connection cache in objects, added to the URI (default: zodburi's 10000)",
    )
    p.add_argument(
        "--profile",
        choices=PROFILE_PHASES,
        default=None,
        help="run cProfile over one phase and print its top functions",
    )
    p.add_argument("--profile-lines", type=int, default=30)
    p.add_argument("--keep", action="store_true", help="keep the database directory (path printed)")
    p.add_argument(
        "--no-pack",
        action="store_true",
        help="skip packing at the end (it rewrites Data.fs; --keep keeps the packed one)",
    )
    p.add_argument(
        "--reuse",
        metavar="DIR",
        default=None,
        help="measure a database kept by an earlier --keep run instead of building one",
    )
    args = p.parse_args(argv)
    if args.register_samples is None:
        args.register_samples = args.samples
    return args


def main(argv=None):
    args = parse_args(argv)
    tmp = args.reuse or tempfile.mkdtemp(prefix="portal-bench-cases-")
    try:
        return run(args, tmp)
    finally:
        if args.keep or args.reuse:
            say(f"database kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp):
    T = Timings()
    t_start = time.perf_counter()
    data_fs = os.path.join(tmp, "Data.fs")
    uri = file_uri(tmp) + (f"&connection_cache_size={args.cache_size}" if args.cache_size else "")
    say("郑州市教育系统信访稳定工作平台 — case ledger and to-do benchmark (bench/cases.py)")
    say(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cpu, load average "
        f"{os.getloadavg()[0]:.2f}, FileStorage in {tmp}, connection cache "
        f"{args.cache_size or 'zodburi default (10000)'} objects"
    )
    say(f"code: {code_version()}")
    if args.reuse:
        with open(os.path.join(tmp, TALLY_FILE)) as f:
            saved = json.load(f)
        tally, build = Tally(saved["tally"]), saved["build"]
        say(
            f"re-using the database of an earlier run: {build['cases']} cases, "
            f"{build['schools']} schools (built in {build['t_total']:.0f} s)"
        )
    else:
        tally, build = Tally(), None
        say(
            f"size: {len(COUNTIES)} counties, {args.schools} schools, {args.cases} cases "
            f"(commit every {args.batch}); samples: {args.samples}"
        )
    say()

    app = make_app(uri)
    db = app.registry._zodb_databases[""]
    manager.push({"registry": app.registry, "request": None})
    conn = db.open()
    info = {}
    try:
        site = conn.root()["portal"]
        if build is None:
            say("[1] build")
            counts = school_counts(args.schools, len(COUNTIES))
            t0 = time.perf_counter()
            keys = build_tree(site, counts)
            t_tree = time.perf_counter() - t0
            n_units = len(site.catalog["type_name"].applyEq("unit"))
            say(f"  tree: {n_units} units ({args.schools} schools), in {t_tree:.1f} s")
            t0 = time.perf_counter()
            officer_hash = passwords.hash_password(PASSWORD)
            liaison_hash = passwords.hash_password(os.urandom(16).hex())  # nobody knows it
            liaisons = add_people(site, keys, officer_hash, liaison_hash)
            t_people = time.perf_counter() - t0
            say(
                f"  people: {len(site.users)} accounts ({len(COUNTIES)} county officers + the "
                f"city's, {len(liaisons)} school liaisons), granted, in {t_people:.1f} s"
            )
            conn.cacheMinimize()

            def progress(n, elapsed, committing):
                say(
                    f"  cases: {n:>7} in {elapsed:6.0f} s ({n / elapsed:4.0f}/s, {committing:5.0f} s "
                    f"of it in commits); Data.fs {mib(os.path.getsize(data_fs)):6.0f} MiB; "
                    f"RSS {rss_now_mib():5.0f} MiB; load {os.getloadavg()[0]:.1f}"
                )

            with maybe_profile(args, "build"):
                t_cases = build_cases(site, app, keys, liaisons, args, tally, progress)
            t_total = t_tree + t_people + t_cases
            build = {
                "cases": args.cases,
                "schools": args.schools,
                "t_tree": t_tree,
                "t_people": t_people,
                "t_cases": t_cases,
                "t_total": t_total,
                "size": os.path.getsize(data_fs),
                "rss": peak_rss_mib(),
                "steps": tally.steps,
                "assigned": tally.assigned,
            }
            say(
                f"  total build: {t_total:.0f} s ({ms(t_cases) / args.cases:.2f} ms per case, "
                f"{tally.steps} transitions fired, {tally.assigned} assignments, "
                f"{tally.joint_reviews} joint reviews); "
                f"Data.fs {mib(build['size']):.0f} MiB (never packed); peak RSS {build['rss']:.0f} MiB"
            )
            say(
                "  states: "
                + ", ".join(f"{s} {n}" for s, n in sorted(tally.states.items(), key=lambda kv: -kv[1]))
            )
            if args.keep:
                with open(os.path.join(tmp, TALLY_FILE), "w") as f:
                    json.dump({"tally": tally.dump(), "build": build}, f)
        say()
        conn.cacheMinimize()
        rss_before = rss_now_mib()
        say("[2] measure")
        with GCWatch() as gcw:
            info = measure(app, site, tally, args, T, data_fs)
        if args.keep or args.reuse:
            with open(os.path.join(tmp, TALLY_FILE), "w") as f:
                json.dump({"tally": tally.dump(), "build": build}, f)
        transaction.abort()
        if not args.no_pack:
            say("[3] pack (portal.operations.pack.pack_database, keeping no history)")
            t0 = time.perf_counter()
            info["pack"] = pack_database(db, days=0) + (time.perf_counter() - t0,)
            before, after, took = info["pack"]
            say(f"  Data.fs {mib(before):.0f} MiB before, {mib(after):.0f} MiB after, in {took:.0f} s")
    finally:
        transaction.abort()
        conn.close()
        manager.pop()
        rss_after = rss_now_mib()
        close_app(app)

    if True:
        say()
        n_counties = len(COUNTIES)
        sizes = info["todo_sizes"]
        lo, hi = min(x[1] for x in sizes), max(x[1] for x in sizes)
        say(
            f"  (a) a county petition officer's to-do list: {lo}–{hi} cases wait for the "
            f"officer (the county's own and the 复查 of its schools' cases); the list shows "
            f"{TODO_LIMIT}"
        )
        say(line(T, "todo", "todo_items(request), in-process"))
        say(line(T, "todo_cold", "  the first call after the build (cold caches)"))
        say(line(T, "home", "GET / (我的待办) over HTTP, signed in"))
        flo, fhi = info["filtered_sizes"][0], info["filtered_sizes"][-1]
        f = LEDGER_FILTER
        say(
            f"  (b) the county ledger, filtered: state={f['state']} channel={f['channel']} "
            f"{f['from']}..{f['to']} q={f['q']} ({flo}–{fhi} hits)"
        )
        say(line(T, "ledger", "ledger_query + search + page(0, 50), in-process"))
        say(line(T, "ledger_cold", "  the first call after the build (cold caches)"))
        say(line(T, "ledgerpage", "GET /<county>/@@cases?<filter> over HTTP"))
        ckey, parts = info["ledger_parts"]
        say(f"      its parts, each executed alone over the whole catalog, warm, for {ckey} (median of 5):")
        for label, n, t in parts:
            say(f"        {label:<36} {n:>7} docids {t:8.2f} ms")
        say("      unfiltered (the ledger as opened: every case of the county, newest first)")
        say(line(T, "ledgerall", "ledger_query + search + page(0, 50), in-process"))
        say(line(T, "ledgerallpage", "GET /<county>/@@cases over HTTP"))
        say(
            f"      the city's petition officer (granted on the root: {info['city_todo'][0]} cases "
            f"on the worklists, {info['city_total']} in the ledger)"
        )
        say(line(T, "citytodo", "todo_items(request), in-process"))
        say(line(T, "cityledger", "city ledger, unfiltered, page(0, 50), in-process"))
        say("  (c) registering one case")
        say(line(T, "register", "register_case + transaction.commit()"))
        say(
            f"      Data.fs growth per registration: {info['register_bytes'] / 1024:.0f} KiB; the "
            f"first one wrote:"
        )
        anatomy = info["register_anatomy"]
        say(
            f"        {sum(r[1] for r in anatomy)} objects, {sum(r[2] for r in anatomy) / 1024:.0f} KiB: "
            + ", ".join(f"{k.rsplit('.', 1)[-1]} {n} ({b / 1024:.0f} KiB)" for k, n, b in anatomy[:8])
        )
        say(f"  sign-in through /login: {info['login_ms']:.0f} ms each, {n_counties} officers")
        say(
            f"  Python's cyclic GC during the measurements: {gcw.runs[2]} full collections "
            f"({gcw.runs[0]} + {gcw.runs[1]} young), {ms(gcw.total):.0f} ms in all, the longest "
            f"{ms(gcw.longest):.0f} ms"
        )
        checks, mismatches = info["probe"]
        lo_r, hi_r = info["grant_reindexed"]
        say(
            f"  (d) a grant on a county bureau (a new petition officer), {args.grant_samples} "
            f"counties: {lo_r}–{hi_r} objects reindexed (units and what inherits grants), 0 cases"
        )
        say(line(T, "grant", "localroles.grant + its subscribers, in-process"))
        say(line(T, "grantwarm", "  the same with the county's units in the object cache"))
        say(line(T, "grantcommit", "  transaction.commit() after it"))
        say(line(T, "revoke", "localroles.revoke + its subscribers, in-process"))
        say(
            f"  catalog vs security policy: {checks} comparisons (the relation tokens a user's "
            f"grants reach, for view and each worklist, against request.has_permission), "
            f"{sum(mismatches.values())} disagree"
        )
        for (what, state, roles, indexed), n in sorted(mismatches.items()):
            say(
                f"      {what:<10} {state:<18} {roles:<28} catalog "
                f"{'grants' if indexed else 'denies'}, policy {'denies' if indexed else 'grants'}: {n}"
            )
        say()

        size_end = dir_size(tmp)
        t_total = time.perf_counter() - t_start
        rss = peak_rss_mib()
        say("[4] summary")
        rows = [
            (
                "build",
                f"{build['t_total']:.0f} s",
                f"{build['cases']} cases ({ms(build['t_cases']) / build['cases']:.2f} ms each), "
                f"{build['schools']} schools" + (" (earlier run)" if args.reuse else ""),
            ),
            ("Data.fs after build", f"{mib(build['size']):.0f} MiB", "never packed"),
        ]
        verdicts = []
        for key, label in (
            ("todo", "to-do list, in-process"),
            ("home", "to-do page GET / (HTTP)"),
            ("ledger", "filtered ledger, in-process"),
            ("ledgerpage", "filtered ledger page (HTTP)"),
            ("ledgerall", "unfiltered ledger, in-process"),
            ("ledgerallpage", "unfiltered ledger page (HTTP)"),
            ("citytodo", "city officer's to-do, in-process"),
            ("cityledger", "city ledger, in-process"),
            ("register", "register one case + commit"),
            ("grant", "grant on a county, in-process"),
            ("grantwarm", "grant on a county, units cached"),
        ):
            _n, p50, p95, mx = T.stats(key)
            rows.append((label, f"{fmt(p50)} / {fmt(p95)} / {fmt(mx)} ms", "p50 / p95 / max"))
            if key in ("todo", "ledger"):
                verdicts.append((label, p95, TARGET_MS))
            elif key == "grant":
                verdicts.append((label, p95, GRANT_TARGET_MS))
        if "pack" in info:
            rows.append(
                (
                    "Data.fs before pack",
                    f"{mib(info['pack'][0]):.0f} MiB",
                    "after the build and the measurements",
                )
            )
            rows.append(
                (
                    "Data.fs after pack",
                    f"{mib(info['pack'][1]):.0f} MiB",
                    f"no history kept; packed in {info['pack'][2]:.0f} s",
                )
            )
        rows.append(
            (
                "written per registration",
                f"{info['register_bytes'] / 1024:.0f} KiB",
                "Data.fs growth, mean over the registrations timed (target < 64 KiB)",
            )
        )
        rows.append(("Data.fs + blobs at end", f"{mib(size_end):.0f} MiB", "after the registrations"))
        rows.append(
            (
                "peak RSS",
                f"{rss:.0f} MiB",
                f"whole process (build: {build['rss']:.0f} MiB)" if not args.reuse else "whole process",
            )
        )
        rows.append(
            (
                "current RSS",
                f"{rss_after:.0f} MiB",
                f"after the measurements ({rss_before:.0f} MiB before them)",
            )
        )
        rows.append(
            ("wall time", f"{t_total:.0f} s", f"whole run; load average now {os.getloadavg()[0]:.2f}")
        )
        w1 = max(len(r[0]) for r in rows)
        w2 = max(len(r[1]) for r in rows)
        for a, b, c in rows:
            say(f"  {a:<{w1}}  {b:>{w2}}  {c}")
        say(
            f"targets (the issue): to-do and ledger p95 under {TARGET_MS:.0f} ms in-process, a grant "
            f"on a county under {GRANT_TARGET_MS:.0f} ms"
        )
        for label, p95, target in verdicts:
            say(f"  {label:<30} p95 {fmt(p95):>7} ms  {'met' if p95 < target else 'NOT MET'}")
        if args.profile:
            say(f"(cProfile was on during '{args.profile}': its figures are inflated)")
        say("all correctness checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
