"""The stored document: one filled-in form of the registry, with its number, state and history.

A :class:`Document` lives as a child of the node it belongs to (a unit now, a case later: any
``Folder``-like container with ``add``/``__contains__``), under a name ``doc-0001``,
``doc-0002`` ... chosen by :func:`next_name`.

Contract:

- ``code`` is a registry code (``schemas.get_document_type``); ``appstruct`` holds the values
  as the schema deserialized them (dates, frozensets, Decimals, lists of dicts). The name
  ``appstruct`` is deliberate: an attribute called ``values`` would make the catalog's tree
  walker treat the document as a container.
- ``state`` is ``'draft'`` or ``'signed'``. A draft may change (:meth:`Document.update`); a
  signed-off document is frozen: :meth:`update` and :meth:`sign_off` raise :class:`Frozen`.
  A correction is a new Document (see ``portal.documents.api.correct``) that records
  ``supersedes``; the old one records ``superseded_by`` and stays readable.
- ``number`` (the 文号) is ``None`` until sign-off, then a string such as 郑教信〔2026〕12号
  (``portal.documents.numbering``).
- ``checked_by`` / ``checked_at``: who checked (审核) the draft and when; a change to the draft
  clears them, so what is signed off is what was checked.
- ``history`` is append-only (a :class:`portal.workflow.WorkflowHistory`): who did what, when.
"""

from persistent import Persistent

from portal import clock
from portal.i18n import _
from portal.workflow.history import HistoryEntry, WorkflowHistory
from schemas import get_document_type

from .rendering import people_in, searchable_values

DRAFT = "draft"
SIGNED = "signed"
STATE_TITLES = {DRAFT: _("草稿"), SIGNED: _("已签发")}

#: Actions recorded in the history: id -> Chinese title.
ACTIONS = {
    "create": _("创建"),
    "edit": _("修改"),
    "sign_off": _("签发"),
    "check": _("审核通过"),
    "correct": _("更正（生成新版本）"),
    "superseded": _("被新版本更正"),
    "return": _("登记归还"),
    "attach": _("上传附件"),
}

NAME_PREFIX = "doc-"


class DocumentError(Exception):
    """A refused change to a document; ``str()`` is the Chinese reason for the user."""


class Frozen(DocumentError):
    """The document is signed off and can no longer change."""

    def __init__(self, doc):
        super().__init__(f"“{doc.title}”已签发，不能再修改；如需更正，请生成新版本。")


def next_name(container):
    """A free child name ``doc-NNNN`` in ``container``, one above the highest in use.

    Two transactions that pick the same name both write the same BTree key, so the later one
    gets a ConflictError and is retried (pyramid_retry): names are unique without a lock.
    """
    n = 1
    data = getattr(container, "data", None)
    if data is not None and hasattr(data, "maxKey"):
        try:
            last = data.maxKey(NAME_PREFIX + "~")
        except ValueError:
            last = None
        if last and last.startswith(NAME_PREFIX) and last[len(NAME_PREFIX) :].isdigit():
            n = int(last[len(NAME_PREFIX) :]) + 1
    while f"{NAME_PREFIX}{n:04d}" in container:
        n += 1
    return f"{NAME_PREFIX}{n:04d}"


class Document(Persistent):
    """One document of the registry, filled in on a unit or a case (see module docstring)."""

    type_name = "document"
    __parent__ = None
    __name__ = None
    checked_by = None
    checked_at = None
    issuer_path = None  # the unit whose 文号 a signed document took, when not its container's

    def __init__(self, code, appstruct, author, when=None):
        get_document_type(code)  # raises UnknownDocumentType for a bad code
        when = when or clock.now()
        self.code = code
        self.appstruct = dict(appstruct)
        self.author = author
        self.created = self.modified = when
        self.state = DRAFT
        self.number = None
        self.signed_by = None
        self.signed_at = None
        self.supersedes = None
        self.superseded_by = None
        self.version = 1
        self.history = WorkflowHistory()
        self.record(author, "create", when=when)

    # -- what it is ------------------------------------------------------
    @property
    def doc_type(self):
        return get_document_type(self.code)

    @property
    def title(self):
        return self.doc_type.title

    @property
    def frozen(self):
        return self.state == SIGNED

    @property
    def workflow_state(self):
        """Read by the catalog's ``state`` index: ``draft`` or ``signed``."""
        return self.state

    @property
    def state_title(self):
        return STATE_TITLES[self.state]

    # -- changes -----------------------------------------------------------
    def record(self, actor, action, comment="", when=None):
        """Append one history entry (``action`` is a key of :data:`ACTIONS`)."""
        self.history.append(
            HistoryEntry(
                actor=actor or "system",
                when=when or clock.now(),
                transition=action,
                transition_title=ACTIONS[action],
                comment=comment,
                from_state=self.state if action != "create" else None,
                to_state=self.state,
            )
        )

    def record_attachment(self, actor, attachment):
        """History entry for an uploaded attachment (the file itself is not a value)."""
        self.record(actor, "attach", attachment.name, when=attachment.uploaded)

    def update(self, appstruct, actor, when=None, action="edit", comment=""):
        """Replace the values of a draft; raise :class:`Frozen` once signed off."""
        if self.frozen:
            raise Frozen(self)
        self.appstruct = dict(appstruct)
        self.modified = when or clock.now()
        self.checked_by = self.checked_at = None
        self.record(actor, action, comment, when=self.modified)

    def check(self, actor, when=None, comment=""):
        """审核通过: the draft as it stands is checked; raise :class:`Frozen` once signed off."""
        if self.frozen:
            raise Frozen(self)
        self.checked_by = actor
        self.checked_at = when or clock.now()
        self.record(actor, "check", comment, when=self.checked_at)

    def sign_off(self, number, actor, when=None, values=None):
        """Freeze the document under ``number`` (with ``values`` as its final content, when
        given: what the case fills in); raise :class:`Frozen` if already signed."""
        if self.frozen:
            raise Frozen(self)
        when = when or clock.now()
        if values is not None:
            self.appstruct = dict(values)
        self.number = number
        self.signed_by = actor
        self.signed_at = self.modified = when
        self.state = SIGNED
        self.history.append(
            HistoryEntry(
                actor=actor,
                when=when,
                transition="sign_off",
                transition_title=ACTIONS["sign_off"],
                comment=f"文号：{number}",
                from_state=DRAFT,
                to_state=SIGNED,
            )
        )

    # -- the catalog ------------------------------------------------------
    def people(self):
        """The person mappings whose identity this document may repeat in free text: its
        case's people, and the people its own identity fields name (a visitor on a unit)."""
        from portal.cases.identity import people_of

        return people_of(self) + tuple(people_in(self.doc_type.schema(), self.appstruct))

    def searchable_text(self):
        """Title, number and the values, minus every petitioner-identity field, with the
        people's identity masked where free text repeats it: nobody finds a document by the
        identity it contains.

        A case's registration form repeats what the case itself indexes (subject, problem,
        demands), so for it only the title and number are indexed: the text index would
        otherwise hold every case's text twice (bench/cases.py: two thirds of a filtered
        ledger query was the text index).
        """
        parts = [self.title, self.number or ""]
        if self.code != "registration":
            parts.extend(searchable_values(self.doc_type.schema(), self.appstruct, self.people()))
        return " ".join(p for p in parts if p)

    def __repr__(self):
        return f"<Document {self.code} {self.__name__} {self.state}>"
