"""Automatic redaction of every text the public area releases.

``redact(text, people)`` removes, in this order:

1. every value literally listed on the case for its people (``people``: the petitioner and
   representatives as dicts with ``name``, ``id_number``, ``phone``, ``address``), also when
   written with spaces or hyphens between the characters: a name becomes its family name +
   某 (张某), an ID number, phone or address becomes a fixed marker;
2. anything shaped like a citizen ID number (15 or 18 characters), a mobile number, a
   landline with area code, or any other run of 7 or more digits (single spaces allowed;
   hyphenated dates such as 2026-11-26 stay).

The result never contains a listed name, ID number, phone number or address, nor 7 digits in a
row. ``redact`` is pure (no I/O) and idempotent.
"""
import re

ID_MARK = "［身份证号已隐去］"
PHONE_MARK = "［电话号码已隐去］"
NUMBER_MARK = "［号码已隐去］"
ADDRESS_MARK = "［住址已隐去］"

_SEP = r"[\s\-－·.．]*"
_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{6}" + _SEP + r"(?:\d" + _SEP + r"){11}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<!\d)\d{15}(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)[(（]?0\d{2,3}[)）]?[\s\-－]?\d{7,8}(?!\d)")
_LONG_DIGITS = re.compile(r"\d(?: ?\d){6,}")


def _loose(value):
    """A pattern for ``value`` that tolerates separators between its characters."""
    chars = [re.escape(c) for c in value if not c.isspace() and c not in "-－"]
    return re.compile(_SEP.join(chars), re.IGNORECASE)


def _name_replacement(name):
    return (name[0] + "某") if name else "某"


def redact(text, people=()):
    """Return ``text`` with the people's identities and every number-like identifier removed."""
    if not text:
        return ""
    text = str(text)
    literals = []
    for person in people or ():
        for field, mark in (("id_number", ID_MARK), ("phone", PHONE_MARK),
                            ("address", ADDRESS_MARK)):
            value = (person.get(field) or "").strip()
            if len(value) >= 4:
                literals.append((value, mark))
        name = (person.get("name") or "").strip()
        if name:
            literals.append((name, _name_replacement(name)))
    for value, replacement in sorted(literals, key=lambda pair: -len(pair[0])):
        text = _loose(value).sub(replacement, text)
    text = _ID18.sub(ID_MARK, text)
    text = _ID15.sub(ID_MARK, text)
    text = _MOBILE.sub(PHONE_MARK, text)
    text = _LANDLINE.sub(PHONE_MARK, text)
    text = _LONG_DIGITS.sub(NUMBER_MARK, text)
    return text
