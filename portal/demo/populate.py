"""Fill an empty site with the demo tree and one account per role (printed at start).

``build_tree`` is also what the tests and the benchmark use, with other school counts.
"""

import logging

from portal.identity.users import User
from portal.resources import Unit
from portal.security.localroles import grant
from portal.security.principals import user_principal

from .data import CITY_DEPARTMENTS, COUNTIES, COUNTY_SECTIONS, DIRECT_UNITS, SCHOOL_PATTERNS, county_prefix

log = logging.getLogger(__name__)

DEMO_PASSWORD = "Demo-2026-xinfang"

# login, name, unit path, role
DEMO_ACCOUNTS = (
    ("admin", "系统管理员", "/", "site_admin"),
    ("city_head", "王建国", "/", "petition_head"),
    ("city_officer", "李晓燕", "/", "petition_officer"),
    ("city_leader", "赵志刚", "/", "principal_leader"),
    ("city_deputy", "孙丽华", "/", "leader_in_charge"),
    ("city_leader2", "周海涛", "/", "leader"),
    ("jichu_handler", "吴敏", "/jichu", "department_handler"),
    ("assessor", "郑芳", "/", "assessor"),
    ("zy_head", "陈国庆", "/zhongyuan", "petition_head"),
    ("zy_officer", "刘洋", "/zhongyuan", "petition_officer"),
    ("zy_leader", "马卫东", "/zhongyuan", "principal_leader"),
    ("zy_deputy", "马丽娟", "/zhongyuan", "leader_in_charge"),
    ("zy_jichu_handler", "郭敏", "/zhongyuan/jichu", "department_handler"),
    ("zy_s01_liaison", "黄静", "/zhongyuan/s01", "unit_liaison"),
    ("js_officer", "杨帆", "/jinshui", "petition_officer"),
    ("js_s01_liaison", "何丽", "/jinshui/s01", "unit_liaison"),
)


# A short tour printed at start: which account to try for which job.
TOUR = (
    ("（不登录）", "打开首页进入信访信息公开：办理进度公开、查询我的信访、网上信访、接待日安排"),
    (
        "zy_officer",
        "县级信访工作人员：我的待办中有超期未受理的事项和下级逾期；登记、受理、交办给学校、办结、答复",
    ),
    ("zy_s01_liaison", "学校信访联络员：办理交办的事项（含已超期、领导包案的），提交调查报告和处理意见"),
    ("zy_jichu_handler", "县级业务科室：审核学校提交的处理意见（通过或退回重办）"),
    ("zy_leader", "县级主要领导：阅批事项、查看包案事项和批示落实情况"),
    ("js_leader", "金水区主要领导：签发本局文书、督促批示落实"),
    ("city_officer", "市级信访工作人员：全市台账、受理复核申请、归档，公开办理进度"),
    ("city_head", "市级信访工作负责人：出具复核意见、登记满意度评价，管理授权"),
    ("city_leader", "市级主要领导：阅批信访事项、包案"),
    ("admin", "系统管理员：账号、流程定义、节假日设置"),
)


def build_tree(site, schools_per_county=5, registry=None):
    """Add the departments, the 16 counties with sections and schools, and the direct units."""
    for key, title, kind in CITY_DEPARTMENTS:
        site.add(key, Unit(title, kind), registry=registry)
    for key, title in COUNTIES:
        county = site.add(key, Unit(title, "county_bureau", code=key), registry=registry)
        for skey, stitle, kind in COUNTY_SECTIONS:
            county.add(skey, Unit(stitle, kind), registry=registry)
        prefix = county_prefix(title)
        for i in range(schools_per_county):
            pattern = SCHOOL_PATTERNS[i % len(SCHOOL_PATTERNS)]
            suffix = "" if i < len(SCHOOL_PATTERNS) else f"（{i // len(SCHOOL_PATTERNS) + 1}）"
            county.add(f"s{i + 1:02d}", Unit(f"{prefix}{pattern}{suffix}", "school"), registry=registry)
    for key, title, kind in DIRECT_UNITS:
        site.add(key, Unit(title, kind), registry=registry)


def add_accounts(site, accounts=DEMO_ACCOUNTS, password=DEMO_PASSWORD, registry=None):
    from pyramid.traversal import find_resource

    for login, title, path, role in accounts:
        user = site.users.get(login) or site.users.add(User(login, title))
        user.set_password(password)
        grant(find_resource(site, path), user_principal(user.userid), role, registry)


#: The unit values the demo's directory holds (the fixture directory, ``python -m
#: portal.testing.slapd``, which development.ini points at): each is mapped to the demo unit of
#: that path. tests/ldap checks that the fixture uses no other value.
DIRECTORY_UNITS = ("xinfangchu", "zhongyuan", "zhongyuan/s01", "jinshui", "jinshui/s01")


def map_directory_units(site, values=DIRECTORY_UNITS):
    """Map the demo directory's unit values to the demo units they name."""
    from pyramid.traversal import find_resource

    from portal.ldap import units

    for value in values:
        units.set_unit(site, value, find_resource(site, "/" + value))


def populate(site, settings=None, registry=None):
    """Build the demo on a site that has no units yet; return True if it did anything.

    With ``portal.demo_story`` true in ``settings``, also tell the demo's story: cases in
    every state, reports, reception days... (:mod:`portal.demo.story`).
    """
    from pyramid.settings import asbool
    from pyramid.threadlocal import get_current_registry

    if len(site):
        return False
    log.info("populating the demo tree")
    registry = registry or get_current_registry()
    build_tree(site, registry=registry)
    add_accounts(site, registry=registry)
    map_directory_units(site)
    if asbool((settings or {}).get("portal.demo_story", False)):
        from .story import tell

        tell(site, registry)
    return True


def print_accounts(settings=None):
    """Print the demo accounts (with the story's, when ``portal.demo_story`` is on) and the tour."""
    from pyramid.settings import asbool

    from portal.security.roles import ROLES

    accounts = DEMO_ACCOUNTS
    if asbool((settings or {}).get("portal.demo_story", False)):
        from .story import STORY_ACCOUNTS

        accounts = DEMO_ACCOUNTS + STORY_ACCOUNTS
    lines = ["", "演示账号（密码均为 %s）：" % DEMO_PASSWORD]
    for login, title, path, role in accounts:
        lines.append(f"  {login:<16} {title:<6} {ROLES[role].title:<14} {path}")
    lines += ["", "体验路线："] + [f"  {who:<16} {job}" for who, job in TOUR]
    print("\n".join(lines), flush=True)
