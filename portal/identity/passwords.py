"""Password hashing with argon2id (argon2-cffi's defaults, which follow RFC 9106)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not-a-password")


def hash_password(password):
    return _hasher.hash(password)


def verify(stored_hash, password):
    """Return ``(ok, new_hash_or_None)``; ``new_hash`` is set when the hash should be upgraded."""
    try:
        _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False, None
    return True, (_hasher.hash(password) if _hasher.check_needs_rehash(stored_hash) else None)


def burn_time():
    """Spend one verification's time, so an unknown account answers as slowly as a known one."""
    verify(_DUMMY, "x")
