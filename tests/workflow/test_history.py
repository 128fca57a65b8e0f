"""The append-only, persistent workflow history."""

import dataclasses
from datetime import datetime

import pytest
import transaction
import ZODB
from ZODB.FileStorage import FileStorage

from portal.workflow import HistoryEntry, HistoryIsAppendOnly, WorkflowHistory


@pytest.fixture
def entry(at):
    def make(n=1, actor="u1"):
        return HistoryEntry(
            actor=actor,
            when=at(9, n),
            transition=f"t{n}",
            transition_title=f"操作{n}",
            comment=f"意见{n}",
            from_state="a",
            to_state="b",
        )

    return make


@pytest.fixture
def history(entry):
    h = WorkflowHistory()
    for n in (1, 2, 3):
        h.append(entry(n))
    return h


def test_append_and_read(history, entry):
    assert len(history) == 3
    assert [e.transition for e in history] == ["t1", "t2", "t3"]
    assert history[0] == entry(1) and history[-1] == entry(3)
    assert history[1:] == (entry(2), entry(3))
    assert [e.transition for e in reversed(history)] == ["t3", "t2", "t1"]
    assert history.last == entry(3)
    assert WorkflowHistory().last is None
    assert entry(2) in history
    assert "3" in repr(history)


def test_constructor_takes_entries(entry):
    assert len(WorkflowHistory([entry(1), entry(2)])) == 2
    with pytest.raises(TypeError):
        WorkflowHistory([{"actor": "u1"}])


def test_only_entries_may_be_appended(history):
    with pytest.raises(TypeError):
        history.append(("u1", "now"))
    assert len(history) == 3


@pytest.mark.parametrize(
    "mutation",
    [
        lambda h, e: h.__setitem__(0, e),
        lambda h, e: h.__delitem__(0),
        lambda h, e: h.__delitem__(slice(0, 2)),
        lambda h, e: h.clear(),
        lambda h, e: h.insert(0, e),
        lambda h, e: h.sort(),
        lambda h, e: h.sort(key=lambda x: x.when),
        lambda h, e: h.reverse(),
        lambda h, e: h.pop(),
        lambda h, e: h.pop(0),
        lambda h, e: h.remove(h[0]),
        lambda h, e: h.extend([e]),
        lambda h, e: h.__iadd__([e]),
        lambda h, e: setattr(h, "_entries", ()),
        lambda h, e: setattr(h, "entries", [e]),
        lambda h, e: delattr(h, "_entries"),
    ],
    ids=[
        "setitem",
        "delitem",
        "delslice",
        "clear",
        "insert",
        "sort",
        "sort-key",
        "reverse",
        "pop",
        "pop-index",
        "remove",
        "extend",
        "iadd",
        "reassign-entries",
        "new-attribute",
        "delattr",
    ],
)
def test_mutations_other_than_append_raise(history, entry, mutation):
    before = tuple(history)
    with pytest.raises(HistoryIsAppendOnly) as info:
        mutation(history, entry(9))
    assert "只能追加" in info.value.message
    assert tuple(history) == before


def test_syntax_level_mutations_raise(history, entry):
    with pytest.raises(TypeError):
        history[0] = entry(9)
    with pytest.raises(TypeError):
        del history[0]
    with pytest.raises(TypeError):
        history += [entry(9)]
    assert len(history) == 3


def test_entries_are_immutable(history):
    first = history[0]
    for name in ("actor", "when", "transition", "transition_title", "comment", "from_state", "to_state"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(first, name, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        del first.comment
    assert first.actor == "u1"


def test_entry_needs_aware_datetime_and_actor(at):
    fields = dict(transition="t", transition_title="操作", comment="", from_state="a", to_state="b")
    with pytest.raises(ValueError):
        HistoryEntry(actor="u1", when=datetime(2026, 3, 2, 9), **fields)
    with pytest.raises(TypeError):
        HistoryEntry(actor="u1", when="2026-03-02", **fields)
    with pytest.raises(ValueError):
        HistoryEntry(actor="", when=at(9), **fields)


def test_persists_in_zodb(tmp_path, history, entry):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root.history = history
        with db.transaction() as conn:
            loaded = conn.root.history
            assert list(loaded) == [entry(1), entry(2), entry(3)]
            assert loaded[0].when.utcoffset().total_seconds() == 8 * 3600
            loaded.append(entry(4))
        with db.transaction() as conn:
            loaded = conn.root.history
            assert len(loaded) == 4
            with pytest.raises(HistoryIsAppendOnly):
                loaded.clear()
            with pytest.raises(dataclasses.FrozenInstanceError):
                loaded[0].actor = "x"
    finally:
        db.close()


def test_concurrent_appends_are_both_kept(tmp_path, entry):
    """Two transactions appending at once: conflict resolution keeps both."""
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root.history = WorkflowHistory([entry(1)])
        tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
        conn1, conn2 = db.open(transaction_manager=tm1), db.open(transaction_manager=tm2)
        conn1.root.history.append(entry(2, actor="first"))
        conn2.root.history.append(entry(3, actor="second"))
        tm1.commit()
        tm2.commit()  # would raise ConflictError without _p_resolveConflict
        conn1.close()
        conn2.close()
        with db.transaction() as conn:
            assert [e.actor for e in conn.root.history] == ["u1", "first", "second"]
    finally:
        db.close()


def test_conflict_resolution_refuses_rewritten_history(entry):
    from ZODB.POSException import ConflictError

    h = WorkflowHistory()
    old = {"_entries": (entry(1),)}
    with pytest.raises(ConflictError):
        h._p_resolveConflict(old, {"_entries": (entry(2),)}, {"_entries": (entry(1), entry(3))})


def test_fired_history_persists_with_its_object(tmp_path, sample, document_class, request_for, at):
    from portal.workflow import acl_for_state, fire, initialize

    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root.doc = doc = document_class()
            initialize(doc, sample, "creator", at(9))
            fire(
                doc,
                "submit",
                request_for("unit_liaison"),
                actor="u1",
                when=at(10),
                documents_present={"monthly_report"},
            )
        with db.transaction() as conn:
            doc = conn.root.doc
            assert doc.workflow_state == "submitted"
            assert [e.to_state for e in doc.workflow_history] == ["draft", "submitted"]
            assert doc.__acl__ == acl_for_state(sample, "submitted")
    finally:
        db.close()
