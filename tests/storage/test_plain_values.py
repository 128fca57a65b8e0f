"""What the portal stores is plain data (str, int, dates, tuples): never a ``TranslationString``.

A marked interface text (``portal.i18n._``) pickled into the database would tie every record
to the ``translationstring`` class, and a catalog value that is one compares and sorts by its
msgid in one process and by its translation in another. The demo database with its story holds
every kind of record the portal writes (cases in every state, documents, reports, reception
days, notices, public projections, the catalog's buckets), so none of its pickles may name it.
"""

import collections

from ZODB.FileStorage import FileStorage
from ZODB.utils import get_pickle_metadata

MARK = b"translationstring"


def classes_naming_translationstring(records):
    """``{"module.Class": count}`` of the records (pickles) that reference ``translationstring``."""
    found = collections.Counter()
    for data in records:
        if data and MARK in data:
            module, name = get_pickle_metadata(data)
            found[f"{module}.{name}"] += 1
    return dict(found)


def every_record(path):
    """The data of every record of every transaction in the FileStorage at ``path``."""
    storage = FileStorage(str(path), read_only=True)
    try:
        for txn in storage.iterator():
            for record in txn:
                yield record.data
    finally:
        storage.close()


def test_the_story_database_stores_no_translation_string(story_db_dir):
    assert classes_naming_translationstring(every_record(story_db_dir / "Data.fs")) == {}
