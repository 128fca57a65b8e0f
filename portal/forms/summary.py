"""The error summary at the top of a form that failed validation (``templates/form.pt``).

:func:`error_summary` walks a deform field tree and returns one :class:`Fault` per message, in
the order the fields appear: the label (a nested field's group title before its own), the
Chinese message and the anchor of the input to jump to (the id the widget gives its first
input, so following the link moves the focus there).
"""

from dataclasses import dataclass

import deform.widget

#: Widgets whose first input's id is the field's oid with a suffix.
_FIRST_INPUT = (
    (deform.widget.DateTimeInputWidget, "-date"),
    (deform.widget.RadioChoiceWidget, "-0"),
    (deform.widget.CheckboxChoiceWidget, "-0"),
)


@dataclass(frozen=True)
class Fault:
    label: str
    message: str  # or a TranslationString (colander's own messages)
    anchor: str


def anchor_of(field):
    """The id of ``field``'s first input (of the item around it for a group of fields)."""
    if field.children:
        return f"item-{field.oid}"
    for widget_class, suffix in _FIRST_INPUT:
        if isinstance(field.widget, widget_class):
            return field.oid + suffix
    return field.oid


def _messages(error):
    """``error``'s own messages (not its children's)."""
    if error is None or not error.msg:
        return []
    return list(error.messages())  # TranslationStrings stay so: the template translates them


def error_summary(form):
    """The :class:`Fault` list of ``form`` after a failed validation (empty otherwise)."""
    faults = []

    def walk(field, prefix):
        if getattr(field.widget, "hidden", False):
            return
        label = f"{prefix} · {field.title}" if prefix and field.title else (field.title or prefix)
        for message in _messages(field.error):
            faults.append(Fault(label, message, anchor_of(field)))
        for child in field.children:
            walk(child, label)

    for child in form.children:
        walk(child, "")
    return faults
