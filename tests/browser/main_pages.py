"""The main pages a newcomer meets, for the page-wide checks (accessibility, phone width,
screenshots for review): every public page and the staff pages of daily work, at the city,
county and school level. A plain module so several browser test modules share the list.

``seed_demo_copy(tmp_path_factory, demo_db_dir)`` makes a private copy of the demo database with
one published case (so the public progress page and a case page have something to show) and a
reception day next week, and
returns the live server's settings and the paths it created.
"""

import shutil
from datetime import timedelta

from portal.testing.web import close_app, file_uri, make_app

PUBLIC = (
    "/public/",
    "/public/progress",
    "/public/progress/{published_key}",
    "/public/query",
    "/public/petition",
    "/public/reception",
    "/public/rules",
    "/public/statistics",
    "/login",
)

# (account, path): what each role opens most
STAFF = (
    ("zy_officer", "/"),
    ("zy_officer", "/@@ledger"),
    ("zy_officer", "/zhongyuan/"),
    ("zy_officer", "/zhongyuan/@@cases"),
    ("zy_officer", "/zhongyuan/@@register-case"),
    ("zy_officer", "{case_path}/"),
    ("zy_officer", "/zhongyuan/@@reports-dashboard"),
    ("zy_officer", "/@@notifications"),
    ("zy_officer", "/@@search?q=第一中学"),
    ("zy_head", "/zhongyuan/@@sharing"),
    ("zy_head", "/zhongyuan/@@reception-days"),
    ("zy_s01_liaison", "/"),
    ("zy_s01_liaison", "/zhongyuan/s01/@@monthly-report"),
    ("city_officer", "/@@reports-dashboard"),
    ("city_leader", "/"),
    ("admin", "/@@settings"),
)


def seed_demo_copy(tmp_path_factory, demo_db_dir):
    from pyramid.traversal import find_resource

    from portal import clock
    from portal.public import publication, receptions
    from tests.public.seeding import FULL, PETITIONER, Seeder

    target = tmp_path_factory.mktemp("main-pages-db") / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    app = make_app(file_uri(target))
    try:
        case_path = Seeder(app)(subject="反映学校违规收费问题", steps=FULL)
        import transaction
        from pyramid.threadlocal import manager

        manager.push({"registry": app.registry, "request": None})
        conn = app.registry._zodb_databases[""].open()
        try:
            site = conn.root()["portal"]
            publication.publish(
                find_resource(site, case_path),
                "zy_officer",
                f"答复{PETITIONER['name']}：经查，学校已全额退还资料费。",
            )
            receptions.save(
                site.public_area,
                "/zhongyuan",
                {
                    "on": clock.today() + timedelta(days=7),
                    "start": "09:00",
                    "end": "11:30",
                    "leader_name": "陈国庆",
                    "leader_post": "中原区教育局副局长",
                    "field": "基础教育、学校安全",
                    "place": "中原区教育局一楼群众接待室",
                },
                "zy_head",
            )
            transaction.commit()
        finally:
            conn.close()
            manager.pop()
    finally:
        close_app(app)
    paths = {"case_path": case_path, "published_key": case_path.strip("/").replace("/", ".")}
    return {"zodbconn.uri": file_uri(target)}, paths


def public_pages(paths):
    return [p.format(**paths) for p in PUBLIC]


def staff_pages(paths):
    return [(login, p.format(**paths)) for login, p in STAFF]
