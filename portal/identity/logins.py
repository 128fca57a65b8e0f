"""Logins in one normalised form, and the characters no login may hold.

Contract: ``normalise_login(text)`` returns the one form in which logins are stored and compared
(Unicode NFKC, zero-width and other format characters dropped, surrounding space stripped,
case folded), so ``ADMIN``, ``Admin`` and the full-width ``ＡＤＭＩＮ`` are the same login. It
raises ``InvalidLogin`` for a login that is empty, longer than ``MAX_LENGTH``, holds a control or
space character inside, or holds the principal separator ``:`` (also in its full-width form,
which NFKC maps onto it): a user id can then never be shaped into a ``role:``/``group:``/``user:``
principal (see ``portal.security.principals``).
"""

import unicodedata

MAX_LENGTH = 64
SEPARATOR = ":"


class InvalidLogin(ValueError):
    """The text cannot be a login (see the module contract)."""


def normalise_login(text):
    if not isinstance(text, str):
        raise InvalidLogin("not a string")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    text = unicodedata.normalize("NFKC", text.casefold())
    if not text or len(text) > MAX_LENGTH:
        raise InvalidLogin("empty or too long")
    if SEPARATOR in text:
        raise InvalidLogin("holds the principal separator")
    if any(unicodedata.category(ch)[0] in "CZ" for ch in text):
        raise InvalidLogin("holds a control or space character")
    return text


def find_login(text):
    """The normalised login, or None when ``text`` cannot be one (for typed input)."""
    try:
        return normalise_login(text)
    except InvalidLogin:
        return None
