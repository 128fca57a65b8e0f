"""Masked display of a petitioner's identity: 张** / 138****5678 / 4101**********1234.

Every page, export and notification shows these unless the user holds ``view_identity`` on the
case and explicitly asks to see the full value (which is then written to the audit log).
"""


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


def mask_email(address):
    """Keep the first character of the name and the domain: o***@example.com."""
    name, _at, domain = (address or "").strip().partition("@")
    return (name[:1] + "***@" + domain) if domain else "*" * len(name)


MASKERS = {"name": mask_name, "phone": mask_phone, "id_number": mask_id_number,
           "address": mask_address, "email": mask_email}


def masked(identity):
    """A copy of an identity mapping with every known field masked."""
    return {k: MASKERS.get(k, lambda v: v)(v) if isinstance(v, str) else v
            for k, v in identity.items()}
