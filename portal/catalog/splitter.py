"""A text splitter for Chinese: CJK runs become overlapping character bigrams.

Chinese has no spaces between words, so a word splitter would index a whole sentence as one
"word" and a query for 信访 would find nothing. Bigrams make any two-character (or longer)
query match wherever it occurs; a single CJK character stays a term of its own. Latin letters
and digits form ordinary lower-cased words. The class is module-level because the lexicon that
holds it is pickled into the database.
"""
import re

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def terms(text):
    """The index terms of ``text``: CJK bigrams (or a lone character) and lower-cased words."""
    out = []
    for run in _TOKEN.findall(text or ""):
        if _CJK.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.append(run.lower())
    return out


class CJKSplitter:
    """hypatia pipeline element: ``process`` for indexing, ``processGlob`` for queries.

    The text index no longer uses a lexicon (it indexes ``terms`` directly); databases from
    before evolve step 9 hold a lexicon that refers to this class, so it stays importable."""

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
