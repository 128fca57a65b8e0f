"""Widgets of our own for deform (templates in ``portal/forms/templates``)."""

import colander
import deform

from portal.i18n import _


class UnitTreeWidget(deform.widget.Widget):
    """Pick one unit from a subtree shown as a tree, with a search box that filters it.

    ``values``: ``[(path, title, depth, note)]`` in tree order (``depth`` 0 for the top units,
    ``note`` e.g. the kind of unit); ``disabled``: paths shown for orientation but not
    selectable (the assigning unit itself, a deactivated parent). The search box is labelled
    筛选：<field title> in the reader's language (``filter_label``). Without JavaScript it is a
    plain list of radio buttons; ``portal.layout:static/unit-tree.js`` filters it by name.
    """

    template = "unit_tree"
    readonly_template = "unit_tree"
    values = ()
    disabled = ()

    def serialize(self, field, cstruct, **kw):
        if cstruct in (colander.null, None):
            cstruct = ""
        kw.setdefault("values", self.values)
        kw.setdefault("disabled", frozenset(self.disabled))
        title = field.translate(field.title)
        kw.setdefault("filter_label", field.translate(_("筛选：${title}", mapping={"title": title})))
        values = self.get_template_values(field, cstruct, kw)
        return field.renderer(self.template, **values)

    def deserialize(self, field, pstruct):
        if pstruct is colander.null or not isinstance(pstruct, str) or not pstruct.strip():
            return colander.null
        return pstruct.strip()
