"""The signed-in user's home (我的待办) and the site settings page."""


def includeme(config):
    from portal.i18n import _

    from .todo import add_todo_provider

    config.add_directive("add_todo_provider", add_todo_provider)
    config.include(".views")
    from portal.security import permissions as P

    config.add_nav_item("", _("我的待办"), P.VIEW_HOME, order=10)
    config.add_nav_item("settings", _("系统设置"), P.MANAGE_SITE, order=140)
