"""A text splitter for Chinese: CJK runs become overlapping character bigrams.

Chinese has no spaces between words, so a word splitter would index a whole sentence as one
"word" and a query for 信访 would find nothing. Bigrams make any two-character (or longer)
query match wherever it occurs; a single CJK character stays a term of its own. Latin letters
and digits form ordinary lower-cased words. The class is module-level because the lexicon that
holds it is pickled into the database.

CJK means every ideograph Unicode has, not only the Basic Multilingual Plane: extension A, the
unified block, the compatibility ideographs, and extensions B to I with the compatibility
supplement (U+20000 … U+323AF), where many names of people and places are. Python's strings
hold such a character as one code point, so it makes bigrams like any other. A query with no
term at all (emoji, punctuation only) is not "no filter": ``catalog.text_query`` then matches
nothing.
"""

import re

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
OLD_CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # before issue 12 (evolve step 21)
_TOKEN = re.compile(f"[{CJK_RANGES}]+|[0-9A-Za-z]+")
_CJK = re.compile(f"[{CJK_RANGES}]")


def terms(text):
    """The index terms of ``text``: CJK bigrams (or a lone character) and lower-cased words."""
    out = []
    for run in _TOKEN.findall(text or ""):
        if _CJK.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run.lower())
    return out


class CJKSplitter:
    """hypatia pipeline element: ``process`` for indexing, ``processGlob`` for queries.

    The text index no longer uses a lexicon (it indexes ``terms`` directly); databases from
    before evolve step 12 hold a lexicon that refers to this class, so it stays importable."""

    def process(self, lst):
        result = []
        for text in lst:
            result.extend(terms(text))
        return result

    processGlob = process


def query_text(text):
    """Turn what a user typed into a hypatia text query: every term must occur (AND)."""
    words = terms(text)
    return " AND ".join(dict.fromkeys(words)) if words else ""
