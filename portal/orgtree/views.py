"""Unit pages and the administrators' actions on the tree (add, edit, move, (de)activate).

Every view names its permission; listings come from the catalog filtered by the ``allowed``
index, so a user only ever sees units their roles reach.
"""

from hypatia.query import Eq
from pyramid.httpexceptions import HTTPFound
from pyramid.traversal import resource_path
from pyramid.view import view_config

from portal.catalog import allowed_query, search, text_query
from portal.forms import button, make_form, validate
from portal.i18n import _
from portal.resources import InvalidName, Site, Unit
from portal.resources.events import ObjectModified
from portal.resources.kinds import KINDS
from portal.security import permissions as P

from .actions import offered_actions
from .forms import AddUnitSchema, MoveSchema, UnitSchema
from .results import describe

PAGE_SIZE = 50


def unit_url(request, unit):
    return request.resource_url(unit, "@@unit") if isinstance(unit, Site) else request.resource_url(unit)


def page_number(request):
    try:
        return max(1, int(request.params.get("page", "1")))
    except ValueError:
        return 1


def child_listing(request, context, show_inactive=False, q=""):
    """One page of the context's sub-units the user may view, and the total count."""
    site = request.root
    query = (
        Eq(site.catalog["parent_path"], resource_path(context) or "/")
        & Eq(site.catalog["type_name"], "unit")
        & allowed_query(site, request.user_principals)
    )
    if not show_inactive:
        query = query & Eq(site.catalog["state"], "active")
    tq = text_query(site, q) if q else None
    if tq is not None:
        query = query & tq
    results = search(site, query, sort_index="sort_key")
    page = page_number(request)
    return results.page((page - 1) * PAGE_SIZE, PAGE_SIZE), results.total, page


@view_config(context=Unit, renderer="templates/unit.pt", permission=P.VIEW)
@view_config(context=Unit, name="unit", renderer="templates/unit.pt", permission=P.VIEW)
def unit_view(context, request):
    show_inactive = request.params.get("inactive") == "1"
    q = request.params.get("q", "").strip()
    children, total, page = child_listing(request, context, show_inactive, q)
    cat = request.root.catalog
    counts = {id(u): _subunit_count(cat, u) for u in children}
    from portal.layout.panels import rendered_panels

    return {
        "panels": rendered_panels(context, request),
        "subunit_count": lambda u: counts[id(u)],
        "children": children,
        "total": total,
        "page": page,
        "page_size": PAGE_SIZE,
        "show_inactive": show_inactive,
        "q": q,
        "can_manage": request.has_permission(P.MANAGE_UNITS, context),
        "can_share": request.has_permission(P.MANAGE_SHARING, context),
        "can_add": bool(KINDS[context.kind].children),
        "unit_url": lambda u: unit_url(request, u),
        "actions": offered_actions(context, request),
    }


def _subunit_count(catalog, unit):
    """How many units sit directly under ``unit`` (from the catalog: no child is loaded)."""
    query = Eq(catalog["parent_path"], resource_path(unit)) & Eq(catalog["type_name"], "unit")
    return len(query.execute())


def _free_name(context, prefix="u"):
    n = len(context) + 1
    while f"{prefix}{n:03d}" in context:
        n += 1
    return f"{prefix}{n:03d}"


@view_config(
    context=Unit, name="add-unit", renderer="portal.layout:templates/form.pt", permission=P.MANAGE_UNITS
)
def add_unit(context, request):
    if not KINDS[context.kind].children:
        request.session.flash(f"“{context.kind_title}”之下不能再设下级机构", "warning")
        return HTTPFound(unit_url(request, context))
    form = make_form(
        request,
        AddUnitSchema(),
        (button("save", _("提交"), True), button("cancel", _("取消"))),
        bind={"parent": context},
    )
    if "cancel" in request.POST:
        return HTTPFound(unit_url(request, context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is not None:
            name = appstruct["name"] or _free_name(context, "s" if appstruct["kind"] == "school" else "u")
            unit = Unit(appstruct["title"], appstruct["kind"], appstruct["code"])
            unit.order = appstruct.get("order")
            try:
                context.add(name, unit, registry=request.registry)
            except InvalidName as exc:
                request.session.flash(str(exc), "danger")
                return {"title": _("新增下级机构"), "form": form.render(appstruct)}
            request.session.flash(f"已新增机构“{unit.title}”", "success")
            return HTTPFound(request.resource_url(unit))
        return {"title": _("新增下级机构"), "form": rendered}
    return {"title": _("新增下级机构"), "form": form.render()}


@view_config(
    context=Unit, name="edit-unit", renderer="portal.layout:templates/form.pt", permission=P.MANAGE_UNITS
)
def edit_unit(context, request):
    form = make_form(request, UnitSchema(), (button("save", _("提交"), True), button("cancel", _("取消"))))
    if "cancel" in request.POST:
        return HTTPFound(unit_url(request, context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": _("修改机构信息"), "form": rendered}
        old = context.title
        context.title, context.code, context.order = appstruct["title"], appstruct["code"], appstruct["order"]
        request.registry.notify(ObjectModified(context))
        request.session.flash(f"已将“{old}”修改为“{context.title}”", "success")
        return HTTPFound(unit_url(request, context))
    return {
        "title": _("修改机构信息"),
        "form": form.render({"title": context.title, "code": context.code, "order": context.order}),
    }


def move_targets(request, context):
    """Units the user manages that may contain a unit of this kind (excluding its own subtree)."""
    site = request.root
    parent_kinds = [k.id for k in KINDS.values() if context.kind in k.children]
    own = resource_path(context)
    targets = []
    for kind in parent_kinds:
        query = Eq(site.catalog["kind"], kind) & allowed_query(site, request.user_principals)
        for unit in search(site, query, "title").all():
            path = resource_path(unit) or "/"
            if unit is context.__parent__ or path == own or path.startswith(own + "/"):
                continue
            if request.has_permission(P.MANAGE_UNITS, unit):
                targets.append((path, unit.title))
    return targets


@view_config(
    context=Unit, name="move-unit", renderer="portal.layout:templates/form.pt", permission=P.MANAGE_UNITS
)
def move_unit(context, request):
    if isinstance(context, Site):
        request.session.flash(_("市教育局是机构树的根，不能移动"), "warning")
        return HTTPFound(unit_url(request, context))
    targets = move_targets(request, context)
    form = make_form(
        request,
        MoveSchema(),
        (button("save", _("移动"), True), button("cancel", _("取消"))),
        bind={"targets": targets},
    )
    if "cancel" in request.POST:
        return HTTPFound(unit_url(request, context))
    if "save" in request.POST:
        appstruct, rendered = validate(form, request)
        if appstruct is None:
            return {"title": _("移动机构"), "form": rendered}
        from pyramid.traversal import find_resource

        target = find_resource(request.root, appstruct["target"])
        old_name = context.__name__
        new_name = (
            old_name
            if old_name not in target
            else _free_name(target, "s" if context.kind == "school" else "u")
        )
        try:
            context.__parent__.move(old_name, target, new_name, registry=request.registry)
        except InvalidName as exc:
            request.session.flash(str(exc), "danger")
            return {"title": _("移动机构"), "form": form.render()}
        note = "" if new_name == old_name else f"（原标识已被占用，新标识为 {new_name}）"
        request.session.flash(f"已将“{context.title}”移动到“{target.title}”之下{note}", "success")
        return HTTPFound(request.resource_url(context))
    if not targets:
        request.session.flash(_("没有可以移入的上级机构"), "warning")
    return {"title": _("移动机构"), "form": form.render()}


@view_config(
    context=Unit, name="set-active", renderer="portal.layout:templates/confirm.pt", permission=P.MANAGE_UNITS
)
def set_active(context, request):
    """GET shows the confirmation step; POST (with ``active`` 0 or 1) changes the status."""
    active = request.params.get("active") == "1"
    if isinstance(context, Site) and not active:
        request.session.flash(_("市教育局不能停用"), "warning")
        return HTTPFound(unit_url(request, context))
    verb = _("启用") if active else _("停用")
    if request.method == "POST":
        context.active = active
        request.registry.notify(ObjectModified(context))
        request.session.flash(f"已{verb}“{context.title}”", "success")
        return HTTPFound(unit_url(request, context))
    note = (
        _("停用后该机构不再出现在机构列表和选择框中，已有数据和历史记录保留，可随时重新启用。")
        if not active
        else _("启用后该机构重新出现在机构列表中。")
    )
    return {
        "title": f"{verb}机构",
        "question": f"确定要{verb}“{context.title}”吗？",
        "note": note,
        "fields": {"active": "1" if active else "0"},
        "confirm": f"确认{verb}",
    }


@view_config(context=Site, name="units", renderer="templates/my_units.pt", permission=P.VIEW_HOME)
def my_units(context, request):
    return {"can_view_root": request.has_permission(P.VIEW, context)}


@view_config(context=Site, name="search", renderer="templates/search.pt", permission=P.VIEW_HOME)
def search_view(context, request):
    """Full-text search over what the user may view (Chinese words found by bigrams)."""
    q = request.params.get("q", "").strip()[:100]
    results, total, hint = [], 0, None
    if q and len(q) < 2:
        hint = _("请至少输入两个字")
    elif q:
        tq = text_query(context, q)
        if tq is not None:
            from portal.catalog.relations import viewable_query

            res = search(context, tq & viewable_query(request), "title")
            total = res.total
            results = res.page((page_number(request) - 1) * PAGE_SIZE, PAGE_SIZE)
    return {
        "q": q,
        "results": results,
        "total": total,
        "hint": hint,
        "hits": [describe(request, r) for r in results],
    }


def includeme(config):
    config.scan(__name__)
    config.include(".io_views")
