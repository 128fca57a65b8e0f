"""The text index's parts, written so that concurrent transactions do not collide.

Two registrations at the same moment both add words to the text index; hypatia's parts turn
that into conflicts no retry resolves while registrations keep coming (four in parallel lost
one in five to a 500):

- ``Lexicon`` numbers new words 1, 2, 3 …, so two transactions that each add a word (every
  case brings one: its number) take the same id and write the same key of the word table.
  :class:`ConcurrentLexicon` gives a new word a random free id instead.
- ``OkapiIndex`` keeps a rare word's postings (docid -> weight) as a plain dict inside the
  bucket of its word table, and stores every word's postings again on each document added
  ("not redundant: Persistency!"). BTrees cannot resolve a conflict in a bucket holding a
  dict at all (dicts do not order), and the rewrite marks the bucket even when nothing in it
  changed: any two documents sharing a word conflicted. :class:`ConcurrentOkapiIndex` gives
  every word its own postings BTree (so the word table holds only references, which BTrees
  merge) and writes the word table only when a word is new.

Both classes are module-level (they are pickled into the database); evolve step 14 turns the
stored lexicon and index into these.
"""
import random

from hypatia.text.lexicon import Lexicon
from hypatia.text.okapiindex import OkapiIndex

MAX_WID = 0x10000000 - 1  # hypatia's widcode stores word ids below 2**28


class ConcurrentLexicon(Lexicon):

    def _new_wid(self):
        self.word_count.change(1)
        while True:
            wid = random.randint(1, MAX_WID)
            if wid not in self._words:
                return wid


class ConcurrentOkapiIndex(OkapiIndex):

    def _postings(self, wid):
        """``(postings BTree, stored)``: a dict left by an older index becomes a BTree."""
        postings = self._wordinfo.get(wid)
        if postings is None:
            return self.family.IF.BTree(), False
        if isinstance(postings, dict):
            return self.family.IF.BTree(postings), False
        return postings, True

    def _add_wordinfo(self, wid, f, docid):
        self._mass_add_wordinfo({wid: f}, docid)

    def _mass_add_wordinfo(self, wid2weight, docid):
        new_words = 0
        for wid, weight in wid2weight.items():
            if wid not in self._wordinfo:
                new_words += 1
            postings, stored = self._postings(wid)
            postings[docid] = weight
            if not stored:
                self._wordinfo[wid] = postings
        if new_words:
            self.word_count.change(new_words)

    def _del_wordinfo(self, wid, docid):
        postings, stored = self._postings(wid)
        del postings[docid]
        if not postings:
            del self._wordinfo[wid]
            self.word_count.change(-1)
        elif not stored:
            self._wordinfo[wid] = postings

    def convert_postings(self):
        """Turn every dict of postings an older index left into a BTree (evolve step 14)."""
        for wid, postings in list(self._wordinfo.items()):
            if isinstance(postings, dict):
                self._wordinfo[wid] = self.family.IF.BTree(postings)
