"""Which unit a directory user belongs to: an administrator-edited mapping, never a path lookup.

Real directories put anything in the unit attribute: a DN (``ou=中原区第一中学,ou=中原区教育局,
dc=…``), a path of unit names (``郑州市教育局/中原区教育局/中原区第一中学``), a code. The portal
never traverses the tree with that raw text; administrators map each value to a unit on the
directory page (``/@@directory``).

Contract:

- ``normalise_value(text)`` is the one form values are stored and compared in: Unicode NFKC,
  format characters dropped, case folded, white space around ``, = / +`` and at the ends
  removed, at most :data:`MAX_LENGTH` characters; ``""`` for no value.
- ``mapping(site)``: the stored OOBTree value -> unit path (``resource_path`` of the unit).
  ``set_unit(site, value, unit)`` / ``remove(site, value)`` edit it.
- ``resolve(site, value)`` -> the mapped unit's path, or None (no value, unmapped, or the unit
  has gone). The first time an unmapped value is seen the administrators are notified
  (``unmapped(site)`` records it: value -> first seen); later sign-ins with it say nothing.
  Mapping a value removes it from that record.
"""

import logging
import re
import unicodedata

from BTrees.OOBTree import OOBTree

from portal.i18n import _

log = logging.getLogger(__name__)
MAX_LENGTH = 256
_AROUND_SEPARATORS = re.compile(r"\s*([,=/+])\s*")
_SPACES = re.compile(r"\s+")


def normalise_value(text):
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _AROUND_SEPARATORS.sub(r"\1", _SPACES.sub(" ", text)).strip().casefold()
    return text[:MAX_LENGTH]


def _tree(site, name):
    tree = getattr(site, name, None)
    if tree is None:
        tree = OOBTree()
        setattr(site, name, tree)
    return tree


def mapping(site):
    return _tree(site, "directory_units")


def unmapped(site):
    return _tree(site, "directory_units_unmapped")


def set_unit(site, value, unit):
    """Map ``value`` to ``unit`` (a Unit in ``site``); returns the normalised value."""
    from pyramid.traversal import resource_path

    key = normalise_value(value)
    if not key:
        raise ValueError("请填写目录中的单位属性值")
    mapping(site)[key] = resource_path(unit) or "/"
    unmapped(site).pop(key, None)
    return key


def remove(site, value):
    return mapping(site).pop(normalise_value(value), None) is not None


def unit_of(site, path):
    """The unit stored at ``path`` (one of our own resource paths), or None if it has gone."""
    from pyramid.traversal import find_resource

    from portal.resources import Unit

    try:
        unit = find_resource(site, path)
    except (KeyError, ValueError, UnicodeError):
        return None
    return unit if isinstance(unit, Unit) else None


def resolve(site, value):
    key = normalise_value(value)
    if not key:
        return None
    path = mapping(site).get(key)
    if path is not None:
        return path if unit_of(site, path) is not None else None
    _report_unmapped(site, key)
    return None


def _report_unmapped(site, key):
    from portal.clock import now

    seen = unmapped(site)
    if key in seen:
        return
    seen[key] = now()
    log.warning("directory unit value %r is not mapped to a unit", key)
    from portal.notifications.centre import notify
    from portal.security.localroles import people_with
    from portal.security.roles import role_ids

    admins = people_with(site, set(role_ids("admin")))
    if admins:
        notify(
            site,
            admins,
            "message",
            _("目录中的单位“${key}”尚未对应到本平台的机构", mapping={"key": key}),
            body=_("该单位的目录用户可以登录，但没有所在单位。请在“统一身份认证”页设置单位对照。"),
            url="/@@directory",
        )
