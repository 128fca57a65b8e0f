"""Building blocks shared by several documents: people, notices, rules.

Cross-field rules are functions ``rule(value) -> iterable of (field, message)``
for :func:`schemas.fields.all_rules`.  They run only after every field has
deserialized cleanly, and they skip fields that are empty.
"""

import datetime

from . import fields as f
from .i18n import _
from .vocabularies import GENDER

__all__ = [
    "EMPTY",
    "Petitioner",
    "PetitionerNotice",
    "Representative",
    "not_before",
    "required_when",
]

EMPTY = (None, "", [], (), frozenset())


class Petitioner(f.Group):
    """The identity of a petitioner as registered (信访人身份信息)."""

    name = f.person_name(_("姓名"), identity=True)
    gender = f.choice(_("性别"), GENDER, required=False, radio=True)
    id_number = f.id_number(required=False)
    phone = f.phone(identity=True, required=False)
    address = f.address(_("住址"), identity=True, required=False)
    work_unit = f.unit_name(_("工作单位或学校"), required=False)


class Representative(f.Group):
    """A representative of a group petition (集体访代表)."""

    name = f.person_name(_("姓名"), identity=True)
    id_number = f.id_number(required=False)
    phone = f.phone(identity=True, required=False)
    address = f.address(_("住址"), identity=True, required=False)


class PetitionerNotice(f.Form):
    """Fields every written notice to a petitioner carries; the case fills in who, what,
    when and which unit (the petitioner's name only when the notice is signed off)."""

    petitioner_name = f.from_case("petitioner.name", f.person_name(_("信访人姓名"), identity=True))
    subject = f.from_case("subject", f.text(_("信访事项"), 200))
    received_on = f.from_case("received_on", f.date(_("收到信访事项日期")))
    issuing_unit = f.from_case("registering_unit", f.unit_name(_("告知单位")))
    issued_on = f.date(_("告知日期"))


def not_before(later, earlier, message):
    """Rule: ``value[later]`` is not before ``value[earlier]`` (when both are given).

    A datetime compared with a date is compared by its calendar day.
    """

    def rule(value):
        first, second = value.get(earlier), value.get(later)
        if first in EMPTY or second in EMPTY:
            return
        if isinstance(first, datetime.datetime) != isinstance(second, datetime.datetime):
            first, second = _day(first), _day(second)
        if second < first:
            yield later, message

    return rule


def _day(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def required_when(field, condition, message=f.REQUIRED_MSG):
    """Rule: ``value[field]`` must be given when ``condition(value)`` is true."""

    def rule(value):
        if condition(value) and value.get(field) in EMPTY:
            yield field, message

    return rule


def notice_dates():
    """Rule for :class:`PetitionerNotice`: notice not before receipt."""
    return not_before("issued_on", "received_on", _("告知日期不得早于收到信访事项日期"))
