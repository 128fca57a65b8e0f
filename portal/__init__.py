"""郑州市教育系统信访稳定工作平台: the Pyramid application.

One sub-package per concern, each with its own ``includeme``; ``main`` includes them in
dependency order and then opens the database once to create or check the site.
"""

from pyramid.config import Configurator
from pyramid.settings import asbool

CONCERNS = (
    "portal.storage",  # ZODB, transactions, retry, root factory
    "portal.evolve",  # the add_evolution_step directive; each concern declares its own steps
    "portal.i18n",  # zh_CN default, English second
    "portal.identity",  # sessions, CSRF, accounts, sign-in
    "portal.security",  # roles, local roles, the policy
    "portal.catalog",  # hypatia indexes kept current by subscribers
    "portal.forms",  # deform with Chinese messages
    "portal.caching",  # validators and 304s (public), no-store (staff), static tokens
    "portal.layout",  # the staff frame and error pages
    "portal.home",  # 我的待办, settings
    "portal.orgtree",  # unit pages, tree administration, import/export
    "portal.sharing",  # the sharing page
    "portal.ldap.signin",  # directory sign-in (when ldap.enabled) and its admin page
    "portal.workflow.config",  # workflow definitions validated at start-up, history pages
    "portal.time_limits",  # the stored holiday calendar and its admin page
    "portal.notifications",  # notification centre, e-mail, the periodic sweep
    "portal.escalation",  # overdue work climbs the tree (sources register here)
    "portal.documents",  # documents: forms, printable pages, PDF, archive volumes
    "portal.cases",  # the case lifecycle
    "portal.reports",  # monthly, zero and major event reports; risk ledgers
    "portal.prevention",  # 第六章: major risks upward, 积案, decisions' risk assessment
    "portal.emergencies",  # 第七章: emergency plans, incidents, their clock
    "portal.assessment",  # 第八章: the annual assessment, computed and ranked
    "portal.accountability",  # 第九章: rectification notices and proposals, accountability
    "portal.public",  # the public area (no sign-in)
    "portal.duties",  # standing duties of 第二章至第五章: leading group, receptions ...
    "portal.petitioner_notices",  # text messages and mail to petitioners at each step
    "portal.ontime",  # on-time rates of each unit (dashboards, annual assessment)
    "portal.operations",  # /@@health for the proxy; backups, packing, retention scripts
)


def include_evolution_steps(config):
    """Every concern's evolve steps (its ``evolution`` module), without the rest of the concern:
    for the console scripts that need the code's generation but no views."""
    from importlib.util import find_spec

    config.include("portal.evolve")
    for concern in CONCERNS:
        try:
            found = find_spec(f"{concern}.evolution")
        except ModuleNotFoundError:  # a concern that is a module, not a package
            found = None
        if found is not None:
            config.include(f"{concern}.evolution")


def make_config(settings):
    """A Configurator with every concern included (tests use this to add their own views)."""
    from portal.layout.templating import install
    from portal.operations.settings import prepared
    from portal.resources.kinds import validate_kinds

    validate_kinds()
    install()
    config = Configurator(settings=prepared(settings))
    config.include("pyramid_chameleon")
    config.set_default_permission("manage_site")  # safety net; every view names its own
    for concern in CONCERNS:
        config.include(concern)
    if asbool(config.registry.settings.get("portal.demo", False)):
        config.include("portal.demo")  # a string: the app never imports the demo's content
    return config


def main(global_config=None, **settings):
    """The WSGI application. A console script starting it through
    ``portal.storage.scripts.bootstrapped`` (``global_config`` then holds ``SCRIPT_OPTION``)
    skips compiling every template up front. If the stored site cannot be opened (a database
    at another generation), the database is closed before the error is raised."""
    from portal.storage.scripts import SCRIPT_OPTION

    config = make_config(settings)
    app = config.make_wsgi_app()
    from portal.layout.templating import precompile

    as_script = asbool((global_config or {}).get(SCRIPT_OPTION, False))
    if not as_script and asbool(app.registry.settings.get("portal.precompile_templates", True)):
        precompile(app.registry)  # off only where a process is started often (tests)
    from portal.storage.bootstrap import open_site

    db = app.registry._zodb_databases[""]
    try:
        open_site(db, app.registry, app.registry.settings)
    except BaseException:
        db.close()
        raise
    from portal.caching.microcache import wrap

    return wrap(app)
