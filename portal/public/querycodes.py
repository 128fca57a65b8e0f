"""Query codes (查询码): how a petitioner follows their own case without an account.

Contract:

- A code is 12 characters from :data:`ALPHABET` (31 unambiguous letters and digits: no 0/O,
  1/I/L; about 59 bits), shown grouped as ``ABCD-EFGH-JKLM``. ``normalize`` accepts any case,
  spaces and dashes.
- The store keeps only ``hmac(secret, code)`` as the key of a :class:`CodeRecord` and
  ``hmac(secret, code + second factor)`` inside it; the clear code is returned once by
  ``issue`` and kept nowhere, except ``store.pending`` for a code issued at acceptance until
  staff have shown it once (``take_pending`` removes it).
- The second factor is the last four digits of the petitioner's phone, or of their ID number
  when there is no phone (``second_factor``); a case with neither gets a code that cannot be
  used (``CodeRecord.usable`` is False), and staff are told so.
- ``verify(store, code, factor)`` returns the case path or None, doing the same work whether
  the code or the factor is wrong, so callers answer both the same way.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from portal import clock

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12


@dataclass(frozen=True)
class CodeRecord:
    case_path: str
    factor_hash: str
    factor_kind: str  # 'phone' | 'id_number' | ''
    issued_at: datetime
    issued_by: str

    @property
    def usable(self):
        return bool(self.factor_kind)


FACTOR_TITLES = {"phone": "联系电话后四位", "id_number": "身份证号码后四位"}


def generate():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalize(text):
    return "".join(c for c in (text or "").upper() if c.isalnum())


def normalize_factor(text):
    return "".join(c for c in (text or "").upper() if c.isalnum())[-4:]


def _mac(store, text):
    return hmac.new(bytes.fromhex(store.secret), text.encode("utf-8"), hashlib.sha256).hexdigest()


def code_hash(store, code):
    return _mac(store, "code:" + normalize(code))


def factor_hash(store, code, factor):
    return _mac(store, "factor:" + normalize(code) + ":" + normalize_factor(factor))


def second_factor(person):
    """``(kind, last four)`` from a petitioner dict; ``('', '')`` when it has neither."""
    phone = "".join(c for c in (person.get("phone") or "") if c.isdigit())
    if len(phone) >= 4:
        return "phone", phone[-4:]
    id_number = normalize(person.get("id_number") or "")
    if len(id_number) >= 4:
        return "id_number", id_number[-4:]
    return "", ""


def issue(store, case_path, person, actor, when=None):
    """A new code for the case at ``case_path`` (replacing any earlier one); returns it in clear."""
    when = when or clock.now()
    old = store.code_of_case.get(case_path)
    if old is not None:
        store.codes.pop(old, None)
    store.pending.pop(case_path, None)
    code = generate()
    while code_hash(store, code) in store.codes:  # astronomically unlikely
        code = generate()
    kind, last4 = second_factor(person)
    digest = code_hash(store, code)
    store.codes[digest] = CodeRecord(
        case_path, factor_hash(store, code, last4) if kind else "", kind, when, actor
    )
    store.code_of_case[case_path] = digest
    return code


def has_code(store, case_path):
    return case_path in store.code_of_case


def record_of_case(store, case_path):
    digest = store.code_of_case.get(case_path)
    return store.codes.get(digest) if digest else None


def take_pending(store, case_path):
    """The code issued at acceptance and never shown, removed from the store; or None."""
    pending = store.pending.pop(case_path, None)
    return pending[0] if pending else None


def verify(store, code, factor):
    """The case path if ``code`` and ``factor`` match a usable record, else None."""
    digest = code_hash(store, code)
    expected = factor_hash(store, code, factor)
    record = store.codes.get(digest)
    stored = record.factor_hash if record is not None and record.usable else "0" * len(expected)
    ok = hmac.compare_digest(stored, expected) and len(normalize_factor(factor)) == 4
    return record.case_path if ok and record is not None else None


def record_for_hash(store, digest):
    return store.codes.get(digest)
