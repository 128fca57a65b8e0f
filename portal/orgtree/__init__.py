"""The organisation tree in the browser: unit pages, administration, xlsx/CSV import and export."""


def includeme(config):
    from portal.i18n import _

    from .actions import add_unit_action

    config.add_directive("add_unit_action", add_unit_action)
    config.include(".evolution")
    config.include(".views")
    from portal.security import permissions as P

    config.add_nav_item("units", _("机构与权限"), P.VIEW_HOME, order=120)
    config.add_nav_item("search", _("搜索"), P.VIEW_HOME, order=130)
