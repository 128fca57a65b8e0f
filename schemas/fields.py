"""Field factories: one call per form field, Chinese everywhere the user looks.

Every factory returns a fresh ``colander.SchemaNode`` with a Chinese title,
a deform widget, and a deliberate ``missing``:

* ``required=True`` (the default): an empty value fails with
  :data:`REQUIRED_MSG`;
* ``required=False``: an empty value deserializes to the factory's empty
  value -- ``''`` for text, ``None`` for dates, times and numbers,
  ``frozenset()`` for multiple choices.  Flags are never required and
  default to ``False``.

Fields that can hold a person's identity (:func:`person_name`, :func:`phone`,
:func:`address`, :func:`postal_code`, :func:`id_number`) carry ``identity``: the
kind of identity (``'name'``, ``'phone'`` ...) when they hold a petitioner's,
representative's or visitor's identity, ``False`` for staff and units. Each
must say which (``identity=True`` or ``False``); :func:`schemas.validate_registry`
refuses a schema that leaves one undeclared, so a new document cannot forget
to have its identity masked. :func:`from_case` marks a field the portal fills
from the case.

Text is stripped of surrounding whitespace before it is checked, and
whitespace-only text counts as empty.  Multiple choices deserialize to a
``frozenset``.  Types that colander would complain about in English
(dates, times, numbers) are replaced by subclasses with Chinese messages.

Time zones: this package names none.  A date and time typed without a zone
is local time; the caller says which by binding ``local_zone``, a callable
that expresses a datetime in local time, taking a naive one as local (the
portal binds its clock's China Standard Time).  Unbound, the value stays as
typed.
"""

import datetime as _datetime
import decimal as _decimal
import re

import colander
import deform.widget

from . import validators as v
from .i18n import _

__all__ = [
    "IDENTITY_KINDS",
    "REQUIRED_MSG",
    "UNDECLARED",
    "Form",
    "address",
    "Group",
    "all_rules",
    "choice",
    "choices",
    "date",
    "datetime_",
    "flag",
    "from_case",
    "id_number",
    "integer",
    "long_text",
    "mobile",
    "month",
    "person_name",
    "phone",
    "postal_code",
    "score",
    "sequence",
    "shown_when",
    "text",
    "time",
    "unit_name",
]

REQUIRED_MSG = _("此项为必填项")

PLEASE_CHOOSE = ("", _("— 请选择 —"))

#: What a field holding a petitioner's (or visitor's) identity holds, by factory.
IDENTITY_KINDS = ("name", "id_number", "phone", "address", "postal_code")

#: ``identity`` of a person field whose schema has not said whether it holds a
#: petitioner's identity; :func:`schemas.validate_registry` refuses it.
UNDECLARED = "undeclared"


# --- types with Chinese messages ---------------------------------------------


class DateType(colander.Date):
    err_template = _("日期格式不正确，应为“年-月-日”")


class DateTimeType(colander.DateTime):
    """A date and time, shown and read in local time by the binding ``local_zone``
    (see the module docstring); unbound, it stays as given."""

    err_template = _("时间格式不正确，应为“年-月-日 时:分”")

    def __init__(self):
        super().__init__(default_tzinfo=None)

    def serialize(self, node, appstruct):
        return super().serialize(node, _in_local_time(node, appstruct))

    def deserialize(self, node, cstruct):
        return _in_local_time(node, super().deserialize(node, cstruct))


def _in_local_time(node, value):
    """``value`` (a datetime, or null) expressed by the binding ``local_zone`` if bound."""
    local_zone = (getattr(node, "bindings", None) or {}).get("local_zone")
    if local_zone is None or not isinstance(value, _datetime.datetime):
        return value
    return local_zone(value)


class MinuteDateTimeWidget(deform.widget.DateTimeInputWidget):
    """The date-and-time pair of inputs showing the time to the minute (16:30, not 16:30:00):
    a browser's time field given a value with seconds shows and steps by seconds."""

    _SECONDS = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(?:\.\d+)?")

    def serialize(self, field, cstruct, **kw):
        if isinstance(cstruct, str):
            cstruct = self._SECONDS.sub(r"\1", cstruct)
        return super().serialize(field, cstruct, **kw)


class TimeType(colander.Time):
    err_template = _("时间格式不正确，应为“时:分”")


class _ChineseNumber:
    number_msg = _("请填写数字")

    def deserialize(self, node, cstruct):
        try:
            return super().deserialize(node, cstruct)
        except colander.Invalid:
            raise colander.Invalid(node, self.number_msg) from None


class IntegerType(_ChineseNumber, colander.Integer):
    number_msg = _("请填写整数")

    def __init__(self):
        super().__init__(strict=True)


class DecimalType(_ChineseNumber, colander.Decimal):
    pass


class ListType(colander.Sequence):
    """A sequence whose absence means "no entries": null deserializes as ``[]``."""

    def deserialize(self, node, cstruct):
        if cstruct is colander.null:
            cstruct = []
        return super().deserialize(node, cstruct)


# --- node base classes ----------------------------------------------------------


class Form(colander.MappingSchema):
    """Base for a document's schema and for nested groups of fields.

    Subclasses declare fields as class attributes built by the factories
    below, and cross-field checks as ``rules``: a tuple of functions
    ``rule(value) -> iterable of (field_name, Chinese message)`` (see
    :func:`all_rules`).  A subclass's ``rules`` replace its parent's, so
    repeat the parent's rules when extending them.
    """

    missing_msg = REQUIRED_MSG
    rules = ()

    def validator(self, node, value):
        if self.rules:
            all_rules(*self.rules)(node, value)


class Group(Form):
    """A nested group of fields (a sub-mapping), required unless given ``missing``."""


def _strip(value):
    if isinstance(value, str):
        value = value.strip()
        return value if value else colander.null
    return value


def _frozen(value):
    if isinstance(value, (set, frozenset, list, tuple)):
        return frozenset(value)
    return value


def _node(typ, title, required, empty, validators, widget, description, **kw):
    checks = [check for check in validators if check is not None]
    if len(checks) > 1:
        validator = colander.All(*checks)
    else:
        validator = checks[0] if checks else None
    if description is not None:
        kw["description"] = description
    return colander.SchemaNode(
        typ,
        title=title,
        missing=colander.required if required else empty,
        missing_msg=REQUIRED_MSG,
        validator=validator,
        widget=widget,
        **kw,
    )


# --- text -------------------------------------------------------------------------


def text(
    title, max_length=100, *, required=True, min_length=None, validator=None, description=None, widget=None
):
    """One line of text, at most ``max_length`` characters."""
    return _node(
        colander.String(),
        title,
        required,
        "",
        [v.Length(min_length, max_length), validator],
        widget or deform.widget.TextInputWidget(),
        description,
        preparer=_strip,
    )


def long_text(title, max_length=2000, *, required=True, min_length=None, rows=5, description=None):
    """Several lines of text in a text area, at most ``max_length`` characters."""
    return text(
        title,
        max_length,
        required=required,
        min_length=min_length,
        description=description,
        widget=deform.widget.TextAreaWidget(rows=rows),
    )


def _identity(node, kind, identity):
    """Record on ``node`` whether it holds a petitioner's identity (see module docstring)."""
    if identity is UNDECLARED:
        node.identity = UNDECLARED
    else:
        node.identity = kind if identity else False
    return node


def person_name(title=_("姓名"), *, identity=UNDECLARED, required=True, description=None):
    """A person's name, at most 50 characters.

    ``identity=True`` for a petitioner's, representative's or visitor's name (masked for
    whoever may not see it, never indexed), ``False`` for staff and leaders; it must be
    declared, or the registry refuses the schema.
    """
    return _identity(text(title, 50, required=required, description=description), "name", identity)


def unit_name(title=_("单位名称"), *, required=True, description=None):
    """The name of a unit, department or body, at most 100 characters."""
    return text(title, 100, required=required, description=description)


def _upper(value):
    value = _strip(value)
    return value.upper() if isinstance(value, str) else value


def id_number(title=_("居民身份证号码"), *, identity=True, required=False):
    """An 18-character identity number; a trailing ``x`` is stored as ``X``. Always a
    person's identity unless declared otherwise."""
    return _identity(
        _node(
            colander.String(),
            title,
            required,
            "",
            [v.IdNumber()],
            deform.widget.TextInputWidget(),
            None,
            preparer=_upper,
        ),
        "id_number",
        identity,
    )


def phone(title=_("联系电话"), *, identity=UNDECLARED, required=False):
    """A mobile number or a landline with area code; ``identity`` as for :func:`person_name`
    (a petitioner's phone, or a unit's contact line)."""
    return _identity(text(title, 30, required=required, validator=v.phone), "phone", identity)


def address(title=_("住址"), *, identity=UNDECLARED, required=False):
    """A postal address, at most 200 characters; ``identity`` as for :func:`person_name`."""
    return _identity(text(title, 200, required=required), "address", identity)


def mobile(title=_("手机号码"), *, required=False):
    """A mainland mobile number."""
    return text(title, 11, required=required, validator=v.mobile)


def postal_code(title=_("邮政编码"), *, identity=UNDECLARED, required=False):
    """A six-digit postal code; ``identity`` as for :func:`person_name`."""
    return _identity(text(title, 6, required=required, validator=v.postal_code), "postal_code", identity)


def from_case(fact, node):
    """Mark ``node`` as filled from the case the document belongs to (``fact`` names what:
    ``subject``, ``received_on``, ``petitioner.name`` ...; the portal checks the names at
    start-up). The drafter is not asked for such a field when the case knows it."""
    node.from_case = fact
    return node


def shown_when(flag, node):
    """Mark ``node`` (built with ``required=False``) as asked only when the check box ``flag``
    of the same form is ticked, and then required: the form hides it otherwise
    (``data-shown-when``, ``portal.layout:static/portal.js``) and marks it required. The form's
    rules must still say so (``required_when(name, lambda v: v.get(flag), ...)``) and decide
    what an unticked box stores."""
    node.shown_when = flag
    return node


def month(title=_("报告月份"), *, required=True):
    """A month written ``YYYY-MM``, not later than the current month."""
    return text(
        title, 7, required=required, validator=v.YearMonth(), description=_("格式为“年-月”，例如 2024-05")
    )


# --- dates and times ----------------------------------------------------------------


def date(title, *, required=True, earliest=v.DEFAULT_EARLIEST_DATE, days_ahead=0, description=None):
    """A calendar date between ``earliest`` and today + ``days_ahead`` (None: no limit)."""
    return _node(
        DateType(),
        title,
        required,
        None,
        [v.DateRange(earliest, days_ahead)],
        deform.widget.DateInputWidget(),
        description,
    )


def datetime_(title, *, required=True, days_ahead=0, description=None):
    """A date and time of day (hours and minutes); see :class:`DateTimeType` for its zone."""
    return _node(
        DateTimeType(),
        title,
        required,
        None,
        [v.DateRange(v.DEFAULT_EARLIEST_DATE, days_ahead)],
        MinuteDateTimeWidget(),
        description,
    )


def time(title, *, required=True, description=None):
    """A time of day (hours and minutes)."""
    return _node(TimeType(), title, required, None, [], deform.widget.TimeInputWidget(), description)


# --- numbers and flags -------------------------------------------------------------


def integer(title, min=None, max=None, *, required=True, validator=None, description=None):
    """A whole number between ``min`` and ``max`` inclusive."""
    return _node(
        IntegerType(),
        title,
        required,
        None,
        [v.IntRange(min, max), validator],
        deform.widget.TextInputWidget(),
        description,
    )


def score(title, max=100, *, required=True, description=None):
    """A score from 0 to ``max`` with at most one decimal place."""
    return _node(
        DecimalType(quant="0.1", rounding=_decimal.ROUND_HALF_UP),
        title,
        required,
        None,
        [v.IntRange(0, max)],
        deform.widget.TextInputWidget(),
        description,
    )


def flag(title, *, description=None):
    """A yes/no check box; unchecked or absent means ``False``."""
    return _node(colander.Boolean(), title, False, False, [], deform.widget.CheckboxWidget(), description)


# --- choices ------------------------------------------------------------------------


def choice(title, vocabulary, *, required=True, default=colander.null, radio=False, description=None):
    """One value from ``vocabulary``, a sequence of ``(value, Chinese label)`` pairs."""
    values = tuple(vocabulary)
    if radio:
        widget = deform.widget.RadioChoiceWidget(values=values)
    else:
        widget = deform.widget.SelectWidget(values=(PLEASE_CHOOSE,) + values)
    return _node(
        colander.String(),
        title,
        required,
        "",
        [v.OneOf(value for value, _label in values)],
        widget,
        description,
        default=default,
        preparer=_strip,
    )


def choices(title, vocabulary, *, min=None, description=None):
    """Any number of values from ``vocabulary`` (check boxes); a frozenset."""
    values = tuple(vocabulary)
    return _node(
        colander.Set(),
        title,
        bool(min),
        frozenset(),
        [v.SubsetOf(value for value, _label in values), v.ItemCount(min, None)],
        deform.widget.CheckboxChoiceWidget(values=values),
        description,
        preparer=_frozen,
    )


def sequence(title, item, *, min=0, max=None, description=None, item_title=None):
    """A list of ``item`` (a :class:`Group` instance), ``min`` to ``max`` entries.

    The sequence itself is never "missing": no entries (or no key at all)
    deserialize to a new ``[]`` and the count is then checked against ``min``.
    """
    if item_title is not None:
        item.title = item_title
    item.name = "item"
    node = colander.SchemaNode(
        ListType(),
        item,
        title=title,
        # ListType never yields null, so ``missing`` is never returned; it
        # only tells deform whether to mark the sequence as required.
        missing=colander.required if min else (),
        missing_msg=REQUIRED_MSG,
        validator=v.ItemCount(min or None, max),
        widget=deform.widget.SequenceWidget(
            min_len=min or None, max_len=max, add_subitem_text_template=_("添加${subitem_title}")
        ),
    )
    if description is not None:
        node.description = description
    return node


# --- cross-field rules ----------------------------------------------------------------


def all_rules(*rules):
    """Combine cross-field rules into one validator for a :class:`Form`.

    A rule is ``rule(value) -> iterable of (field_name, message)``; it
    sees the deserialized mapping and names the fields that are wrong.
    Errors are attached to those fields, so the form shows each message
    next to the field it concerns.
    """

    def validator(node, value):
        error = colander.Invalid(node)
        seen = set()
        for rule in rules:
            for name, message in rule(value):
                if name not in seen:
                    seen.add(name)
                    error[name] = message
        if error.children:
            raise error

    return validator
