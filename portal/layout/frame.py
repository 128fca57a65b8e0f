"""What the frame shows a user: navigation allowed by their roles (the entries concerns declare
with ``config.add_nav_item``, see ``nav``), breadcrumbs, their units."""

from pyramid.decorator import reify
from pyramid.i18n import TranslationString
from pyramid.traversal import lineage, resource_path

from portal.clock import format_date, format_date_cn
from portal.i18n import _
from portal.security import permissions as P

from .nav import nav_items


class FrameInfo:
    def __init__(self, request, context):
        self.request = request
        self.context = context
        self.user = request.identity
        self.format_date = format_date
        self.format_date_cn = format_date_cn

    @property
    def site(self):
        from portal.storage import get_site

        return get_site(self.request)

    @reify
    def nav(self):
        if self.user is None:
            return []
        site = self.site
        current = self.request.view_name
        items = []
        for item in nav_items(self.request.registry):
            if self.request.has_permission(item.permission, site):
                url = (
                    self.request.resource_url(site, "@@" + item.view)
                    if item.view
                    else self.request.resource_url(site)
                )
                active = self.context is site and current == item.view
                items.append({"title": item.title, "url": url, "active": active})
        return items

    @reify
    def breadcrumbs(self):
        """Ancestors from the root down; a link only where the user may view that node."""
        ctx = self.context
        if ctx is None or not hasattr(ctx, "__parent__"):
            return []
        crumbs = []
        for node in reversed(list(lineage(ctx))):
            title = getattr(node, "title", None)
            if title is None:
                continue
            url = None
            if self.request.has_permission(P.VIEW, node):
                url = self.unit_url(node)
            crumbs.append({"title": title, "url": url})
        return crumbs

    def unit_url(self, node):
        """A unit's page (the site root's is ``@@unit``: the root itself is the home page)."""
        if node.__parent__ is None:
            return self.request.resource_url(node, "@@unit")
        return self.request.resource_url(node)

    def bell_label(self, unread):
        """The bell's label: how many notifications are unread, in the user's language."""
        if unread:
            label = _("通知（${count}条未读）", mapping={"count": unread})
        else:
            label = _("通知（暂无未读）")
        return self.request.localizer.translate(label)

    def titles(self, items):
        """Titles (role titles, choice labels) in the user's language, joined with its list
        separator: 信访工作人员、主要领导 / Petition officer, Principal leader."""
        translate = self.request.localizer.translate
        return translate(_("、")).join(translate(t) for t in items)

    def translated(self, text):
        """A stored text in the user's language: flash messages (the session keeps plain
        strings) and history titles (``HistoryEntry.transition_title``) are plain Chinese
        strings, looked up as msgids of the portal's domain (unknown texts stay as they are)."""
        if not text:
            return text
        if not isinstance(text, TranslationString):
            text = TranslationString(text, domain="portal")
        return self.request.localizer.translate(text)

    def flashes(self):
        """The queued messages: a message is a string, or ``{"text": ..., "links": [{"url",
        "title"}]}`` when it offers the user somewhere to go (e.g. the document to supply).
        Messages marked with ``_`` are shown in the user's language."""
        session = self.request.session
        out = []
        for queue, css in (
            ("success", "success"),
            ("warning", "warning"),
            ("danger", "danger"),
            ("", "info"),
        ):
            for msg in session.pop_flash(queue):
                if isinstance(msg, dict):
                    text = self.translated(msg.get("text", ""))
                    out.append({"css": css, "text": text, "links": msg.get("links") or []})
                else:
                    out.append({"css": css, "text": self.translated(msg), "links": []})
        return out

    @reify
    def _people(self):
        from portal.identity.people import People

        return People(self.site)

    def person(self, userid):
        """The person's name (never the login); see ``portal.identity.people``."""
        return self._people.name(userid)

    def person_label(self, userid):
        """The person's name and unit: 李晓燕（郑州市教育局）."""
        return self._people.label(userid)

    @property
    def csrf_token(self):
        return self.request.session.get_csrf_token()

    MAX_UNITS = 200

    def my_units(self, limit=20):
        """Units (not cases) where the user holds roles directly, with those roles, for the
        header, home and 机构与权限; computed once per render and sliced."""
        return self._my_units[:limit]

    @reify
    def acting_unit(self):
        """The unit the user acts for on this page: the nearest of their units above (or at)
        the page's object, else the first of their units; None without units."""
        units = self._my_units
        if not units:
            return None
        mine = {id(u["node"]): u for u in units}
        for node in lineage(self.context) if self.context is not None else ():
            if id(node) in mine:
                return mine[id(node)]
        return units[0]

    @reify
    def _my_units(self):
        if self.user is None:
            return []
        from hypatia.query import Any, Eq

        from portal.catalog import search
        from portal.security.localroles import local_roles
        from portal.security.roles import ROLES

        site = self.site
        principals = [p for p in self.request.user_principals if not p.startswith("system.")]
        query = Any(site.catalog["local_principals"], principals) & Eq(site.catalog["type_name"], "unit")
        units = []
        for node in search(site, query, "title").page(0, self.MAX_UNITS):
            roles = set()
            for p, rs in local_roles(node).items():
                if p in principals:
                    roles.update(rs)
            units.append(
                {
                    "node": node,
                    "path": resource_path(node) or "/",
                    "roles": [ROLES[r].title for r in ROLES if r in roles],
                }
            )
        return units
