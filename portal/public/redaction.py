"""Automatic redaction of every text the public area releases, and the check that refuses what
redaction could not clean.

``redact(text, people)`` first normalises the text (``normalise``: NFKC for letters and
digits, so full-width digits and letters become plain ones; zero-width and other format
characters dropped), then removes, in this order:

1. every part of every person on the case (``people``: the petitioner and representatives as
   dicts with ``name``, ``id_number``, ``phone``, ``address``), also when written with
   separators (spaces, dashes, slashes, dots, middle dots …) between the characters: the full
   name becomes family name + 某 (张某, 欧阳某), the given name alone (two characters or more)
   becomes 某; the ID number, its last 6 and last 4 digits, the phone number, its last 8 and
   last 4 digits (the query code's second factor) and the address become fixed markers;
2. anything shaped like a citizen ID number (15 or 18 characters), a mobile number, a
   landline with area code, or any other run of 7 or more digits (single spaces allowed;
   hyphenated dates such as 2026-11-26 stay).

``redact`` is pure (no I/O) and idempotent. ``leaks(fields, people)`` is the second line:
it strips each text to its letters and digits (so no separator, bracket or punctuation can
hide anything) and returns a :class:`Leak` for every name part or number fragment still in
it — with the field, the position and a masked excerpt, to tell the editor what and where
without repeating it. Publication refuses a projection with leaks (``publication``).
"""

import re
import unicodedata
from dataclasses import dataclass

ID_MARK = "［身份证号已隐去］"
PHONE_MARK = "［电话号码已隐去］"
NUMBER_MARK = "［号码已隐去］"
ADDRESS_MARK = "［住址已隐去］"

NAME_KIND = "信访人或代表的姓名"
ID_KIND = "身份证号码（或其中几位）"
PHONE_KIND = "联系电话（或其中几位）"
ADDRESS_KIND = "住址"

#: Two-character family names (复姓); any other name's family name is its first character.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 "
    "独孤 轩辕 钟离 呼延 万俟 闻人 澹台 公冶 宗政 濮阳 太叔 申屠 赫连 拓跋 百里 东郭 左丘 "
    "第五 梁丘 司空 南门 羊舌 微生 公羊 乐正 漆雕 壤驷 谷梁 段干 子车 巫马".split()
)

_SEP_CHARS = r"\s\-－—–_·・•.．。/／\\|｜、,，:：'\"`~～*＊+＋"
_SEP = f"[{_SEP_CHARS}]*"
_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{6}" + _SEP + r"(?:\d" + _SEP + r"){11}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<!\d)\d{15}(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)[(（]?0\d{2,3}[)）]?[\s\-－]?\d{7,8}(?!\d)")
_LONG_DIGITS = re.compile(r"\d(?: ?\d){6,}")


def normalise(text):
    """``text`` without zero-width and other format characters (category Cf), and with every
    character whose NFKC form is letters or digits replaced by that form (full-width digits
    and letters, compatibility ideographs, circled numbers). Punctuation keeps its form, so
    Chinese text keeps its full-width commas and brackets (and redaction stays idempotent)."""
    out = []
    for ch in str(text):
        if unicodedata.category(ch) == "Cf":
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and all(unicodedata.category(c)[0] in "LN" for c in folded):
            ch = folded
        out.append(ch)
    return "".join(out)


def _skeleton_chars(text):
    return [ch for ch in text if unicodedata.category(ch)[0] in "LN"]


def _squeeze(value):
    """``value`` normalised and stripped to letters and digits, case folded."""
    return "".join(_skeleton_chars(normalise(value))).casefold()


def family_name(name):
    return name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[:1]


def _name_parts(name):
    """[(part, replacement)]: the full name (each part of a name written with ·), and the
    given name when it has two characters or more (a single character is too common a word
    to remove on its own; it goes with the family name)."""
    parts = []
    for piece in [name] + [p for p in re.split(r"[·・•.]", name) if p != name]:
        if len(piece) < 2:
            continue
        family = family_name(piece)
        parts.append((piece, family + "某"))
        given = piece[len(family) :]
        if len(given) >= 2:
            parts.append((given, "某"))
    return parts


def _digits(value):
    return "".join(ch for ch in normalise(value) if ch.isdigit() or ch in "Xx").upper()


def _fragments(people):
    """[(kind, squeezed fragment, replacement, is_number)] for every person, longest first."""
    found = {}
    for person in people or ():
        name = _squeeze(person.get("name") or "")
        for part, replacement in _name_parts(name):
            found.setdefault(part, (NAME_KIND, replacement, False))
        id_number = _digits(person.get("id_number") or "")
        if len(id_number) >= 6:
            for piece in (id_number, id_number[-6:], id_number[-4:]):
                found.setdefault(piece.casefold(), (ID_KIND, ID_MARK, True))
        phone = "".join(ch for ch in _digits(person.get("phone") or "") if ch.isdigit())
        if len(phone) >= 7:
            for piece in (phone, phone[-8:], phone[-4:]):
                found.setdefault(piece, (PHONE_KIND, PHONE_MARK, True))
        address = _squeeze(person.get("address") or "")
        if len(address) >= 4:
            found.setdefault(address, (ADDRESS_KIND, ADDRESS_MARK, False))
    return sorted(
        ((kind, text, mark, number) for text, (kind, mark, number) in found.items()),
        key=lambda item: -len(item[1]),
    )


def _loose(fragment, number):
    """``fragment`` with any separators between its characters; numbers not inside others."""
    body = _SEP.join(re.escape(c) for c in fragment)
    if number:
        body = r"(?<![0-9])" + body + r"(?![0-9])"
    return re.compile(body, re.IGNORECASE)


def redact(text, people=()):
    """Return ``text`` with the people's identities and every number-like identifier removed."""
    if not text:
        return ""
    text = normalise(text)
    for _kind, fragment, replacement, number in _fragments(people):
        text = _loose(fragment, number).sub(replacement, text)
    text = _ID18.sub(ID_MARK, text)
    text = _ID15.sub(ID_MARK, text)
    text = _MOBILE.sub(PHONE_MARK, text)
    text = _LANDLINE.sub(PHONE_MARK, text)
    text = _LONG_DIGITS.sub(NUMBER_MARK, text)
    return text


@dataclass(frozen=True)
class Leak:
    """What (``kind``) is still in which field, where (``position``: the character, from 1),
    with an ``excerpt`` around it in which the match itself is masked."""

    field: str
    kind: str
    position: int
    excerpt: str

    def __str__(self):
        return f"{self.field}第{self.position}字附近含有{self.kind}：“{self.excerpt}”"


def leaks(fields, people):
    """[Leak] for every name part or number fragment of ``people`` still in ``fields``
    (``[(field title, text)]``), looked for in the text stripped to letters and digits."""
    fragments = _fragments(people)
    found = []
    for title, text in fields:
        text = normalise(text or "")
        kept = [(i, ch.casefold()) for i, ch in enumerate(text) if unicodedata.category(ch)[0] in "LN"]
        skeleton = "".join(ch for _i, ch in kept)
        covered = set()  # a given name inside a full name already reported is not reported again
        for kind, fragment, _replacement, number in fragments:
            pattern = re.escape(fragment)
            if number:
                pattern = r"(?<![0-9])" + pattern + r"(?![0-9])"
            for match in re.finditer(pattern, skeleton):
                span = set(range(match.start(), match.end()))
                if span & covered:
                    continue
                covered |= span
                start, end = kept[match.start()][0], kept[match.end() - 1][0] + 1
                excerpt = text[max(0, start - 8) : start] + "＊" * (end - start) + text[end : end + 8]
                found.append(Leak(title, kind, start + 1, excerpt))
    return sorted(set(found), key=lambda leak: (leak.field, leak.position))
