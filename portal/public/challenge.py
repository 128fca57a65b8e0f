"""A self-hosted challenge for the online petition form (no third-party service).

``new_challenge(secret, now)`` returns ``(question, token)``: a small sum or difference asked
in Chinese words (三加七等于几？) and a token that signs the answer, the time the form was
issued and a nonce. ``check(secret, token, answer, now, min_age, max_age)`` returns
``(key, None)`` when the token is authentic, the answer right, and the form was issued at
least ``min_age`` and at most ``max_age`` seconds ago (``key`` = (issued, nonce), sortable by
time, for the caller's record of used tokens); otherwise ``(None, message)`` with a
Chinese message. The answer is never in the token in clear (only its HMAC).
"""

import hashlib
import hmac
import secrets
import time

DIGITS = "零一二三四五六七八九十"
WRONG = "验证题答案不正确，请重新计算后填写"
TOO_FAST = "提交过快，请核对填写内容后再提交"
EXPIRED = "表单已过期，请重新填写验证题后提交"


def _words(n):
    if n <= 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")


def _sign(secret, text):
    return hmac.new(bytes.fromhex(secret), text.encode(), hashlib.sha256).hexdigest()[:32]


def new_challenge(secret, now=None):
    now = int(now or time.time())
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2) and a != b:
        a, b = max(a, b), min(a, b)
        question, answer = f"{_words(a)}减{_words(b)}等于几？", a - b
    else:
        question, answer = f"{_words(a)}加{_words(b)}等于几？", a + b
    nonce = secrets.token_hex(8)
    mac = _sign(secret, f"{now}:{nonce}:{answer}")
    return question, f"{now}.{nonce}.{mac}.{_sign(secret, question)[:8]}"


def check(secret, token, answer, now=None, min_age=3, max_age=2 * 3600):
    now = now or time.time()
    try:
        issued, nonce, mac, _q = (token or "").split(".")
        issued = int(issued)
    except ValueError:
        return None, EXPIRED
    value = "".join(c for c in (answer or "") if c.isdigit())
    if not value or not hmac.compare_digest(mac, _sign(secret, f"{issued}:{nonce}:{int(value)}")):
        return None, WRONG
    age = now - issued
    if age > max_age:
        return None, EXPIRED
    if age < min_age:
        return None, TOO_FAST
    return (issued, nonce), None


def prune_used(used, now=None, max_age=2 * 3600):
    """Forget used-token keys older than any token still accepted (keys sort by time)."""
    now = now or time.time()
    for key in list(used.keys(max=(int(now - max_age) - 1, "\uffff"))):
        del used[key]


def question_matches(secret, token, question):
    """True if ``question`` is the one ``token`` was issued with (for re-showing the form)."""
    parts = (token or "").split(".")
    return len(parts) == 4 and hmac.compare_digest(parts[3], _sign(secret, question or "")[:8])
