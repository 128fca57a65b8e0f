"""Masked display of a petitioner's identity: 张** / 138****5678 / 4101**********1234.

Pure functions, no I/O. Every rendering reaches them through ``portal.cases.identity.disclose``,
which decides whether the user sees the full value (and audits it) or these masks.

- :func:`mask` masks one value of a kind (``name``, ``id_number``, ``phone``, ``address``,
  ``postal_code``: the kinds the schemas declare, ``schemas.fields.IDENTITY_KINDS``);
- :func:`masked` masks a person mapping (the petitioner or a representative; an online
  petitioner's e-mail address too);
- :func:`mask_in_text` masks the given people's values wherever they occur in free text (a
  problem description, a reply's content), also when written with spaces, dashes, slashes or
  zero-width characters inside, or with full-width digits.
"""

import re


def mask_name(name):
    """Keep the family name (first character), mask the rest: 张** ; 欧阳** keeps one character."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone):
    """Keep the first 3 and last 4 digits of a mobile; landlines keep area code and last 2."""
    phone = (phone or "").strip()
    digits = [c for c in phone if c.isdigit()]
    if len(digits) < 7:
        return "*" * len(phone)
    if len(digits) == 11 and digits[0] == "1":
        return "".join(digits[:3]) + "****" + "".join(digits[-4:])
    return "".join(digits[:4]) + "*" * (len(digits) - 6) + "".join(digits[-2:])


def mask_id_number(value):
    """Keep the first 4 and last 4 characters of an 18-character ID number."""
    value = (value or "").strip()
    if len(value) < 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_address(address):
    """Keep at most the first 6 characters (district level), mask the rest."""
    address = (address or "").strip()
    if len(address) <= 6:
        return address[:2] + "*" * max(0, len(address) - 2)
    return address[:6] + "****"


def mask_postal_code(code):
    """Keep the first 2 digits (the province): 45****."""
    code = (code or "").strip()
    return code[:2] + "*" * max(0, len(code) - 2)


def mask_email(address):
    """Keep the first character of the name and the domain: o***@example.com."""
    name, _at, domain = (address or "").strip().partition("@")
    return (name[:1] + "***@" + domain) if domain else "*" * len(name)


MASKERS = {
    "name": mask_name,
    "phone": mask_phone,
    "id_number": mask_id_number,
    "address": mask_address,
    "postal_code": mask_postal_code,
    "email": mask_email,
}

#: The identity fields of a person mapping, in the order pages show them.
PERSON_FIELDS = ("name", "id_number", "phone", "address")
#: What free text may repeat of a person (an online petitioner also gives an e-mail address).
TEXT_FIELDS = PERSON_FIELDS + ("email",)


def mask(kind, value):
    """``value`` (a string of identity ``kind``) masked; unknown kinds are masked as names."""
    if not isinstance(value, str) or not value:
        return value
    return MASKERS.get(kind, mask_name)(value)


def masked(identity):
    """A copy of an identity mapping with every known field masked."""
    return {k: MASKERS.get(k, lambda v: v)(v) if isinstance(v, str) else v for k, v in identity.items()}


#: What may stand between the characters of a value written in free text: spaces, dashes,
#: dots, slashes and the invisible zero-width characters.
_SEPARATORS = "[\\s\\-－·.．/／\u200b\u200c\u200d\u2060\ufeff]*"
#: Shorter values than this are left in free text (a one-character "name" is not one).
MIN_LENGTH = {"name": 2, "id_number": 6, "phone": 7, "address": 4, "email": 5}


def _char(c):
    """``c``, or its full-width form for an ASCII letter or digit (１３８ for 138)."""
    if c.isascii() and c.isalnum():
        return f"[{re.escape(c)}{chr(ord(c) + 0xFEE0)}]"
    return re.escape(c)


def _loose(value):
    """A pattern for ``value`` that tolerates separators between its characters and
    full-width digits and letters."""
    chars = [_char(c) for c in value if not c.isspace() and c not in "-－/"]
    return re.compile(_SEPARATORS.join(chars), re.IGNORECASE)


def identity_values(people):
    """``[(kind, value)]`` of every identity value of ``people``, longest first."""
    found = {}
    for person in people or ():
        for kind in TEXT_FIELDS:
            value = (person.get(kind) or "").strip() if isinstance(person.get(kind), str) else ""
            if len(value) >= MIN_LENGTH[kind]:
                found[value] = kind
    return sorted(((k, v) for v, k in found.items()), key=lambda pair: -len(pair[1]))


def mask_in_text(text, people):
    """``text`` with each identity value of ``people`` replaced by its mask (张三丰 -> 张**)."""
    if not text or not isinstance(text, str):
        return text
    for kind, value in identity_values(people):
        text = _loose(value).sub(mask(kind, value), text)
    return text
