"""The notification centre page (``@@notifications`` on the site root).

Every signed-in user (``view_home``) sees and changes only their own notices and preferences:
the view never takes a userid from the request, only ids inside the user's own inbox. POSTs
(checked against the session's CSRF token, field ``csrf_token``) are told apart by their fields:
``mark_all`` marks everything read, ``id`` (one or more) marks those notices, ``save`` stores
the mail preferences. Each ends in a redirect with a Chinese flash message.
"""

from itertools import islice

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from portal.forms import button, make_form, validate
from portal.i18n import _
from portal.resources import Site
from portal.security import permissions as P

from .centre import (
    mail_kinds,
    mark_all_read,
    mark_read,
    notifications_of,
    set_mail_kinds,
    total_count,
    unread_count,
)
from .kinds import registered_kinds

PAGE_SIZE = 50


@colander.deferred
def _kinds_widget(node, kw):
    """Every kind the request's registry knows."""
    registered = registered_kinds(kw["request"].registry)
    return deform.widget.CheckboxChoiceWidget(
        values=[(code, kind.title) for code, kind in registered.items()]
    )


class PreferencesSchema(colander.Schema):
    mail_kinds = colander.SchemaNode(
        colander.Set(), title=_("以下类别的通知同时发送邮件"), missing=frozenset(), widget=_kinds_widget
    )


def preferences_form(request):
    return make_form(
        request,
        PreferencesSchema(),
        (button("save", _("保存邮件设置"), True),),
        formid="notification-preferences",
    )


def _page(request):
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


@view_config(
    context=Site,
    name="notifications",
    renderer="templates/notifications.pt",
    permission=P.VIEW_HOME,
    request_method="GET",
)
def centre(context, request):
    user = request.identity
    page = _page(request)
    total = total_count(context, user.userid)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(page, pages)
    items = list(islice(notifications_of(context, user.userid), (page - 1) * PAGE_SIZE, page * PAGE_SIZE))
    form = preferences_form(request)
    return {
        "items": items,
        "total": total,
        "unread": unread_count(context, user.userid),
        "page": page,
        "pages": pages,
        "kinds": registered_kinds(request.registry),
        "has_email": bool(user.email),
        "form": form.render({"mail_kinds": set(mail_kinds(context, user.userid, request.registry))}),
    }


@view_config(
    context=Site,
    name="notifications",
    renderer="templates/notifications.pt",
    permission=P.VIEW_HOME,
    request_method="POST",
)
def centre_post(context, request):
    userid = request.identity.userid
    here = request.resource_url(context, "@@notifications")
    flash = request.session.flash
    if "save" in request.POST:
        appstruct, rendered = validate(preferences_form(request), request)
        if appstruct is None:
            flash(_("邮件设置未能保存，请检查后重试"), "danger")
        else:
            set_mail_kinds(context, userid, appstruct["mail_kinds"], request.registry)
            registered = registered_kinds(request.registry)
            chosen = [registered[c].title for c in registered if c in appstruct["mail_kinds"]]
            flash(
                _("已保存邮件设置：")
                + ("、".join(chosen) + _("类通知将同时发送邮件") if chosen else _("不再发送任何通知邮件")),
                "success",
            )
    elif "mark_all" in request.POST:
        changed = mark_all_read(context, userid)
        flash(f"已将全部通知标为已读（{changed}条）" if changed else _("没有未读通知"), "success")
    elif request.POST.getall("id"):
        changed = mark_read(context, userid, request.POST.getall("id"))
        if changed:
            flash(f"已将{changed}条通知标为已读", "success")
        else:
            flash(_("未找到该通知，或已是已读状态"), "warning")
    return HTTPFound(here)


def unread_notifications(request):
    """The signed-in user's unread count (``request.unread_notifications``; 0 when signed out)."""
    user = request.identity
    if user is None:
        return 0
    from portal.storage import get_site

    return unread_count(get_site(request), user.userid)


def includeme(config):
    config.add_request_method(unread_notifications, "unread_notifications", reify=True)
    config.scan(__name__)
