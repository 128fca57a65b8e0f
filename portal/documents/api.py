"""What other concerns call to keep documents: add, edit, sign off, correct, list.

Every function takes the acting user's id (``actor``) and an optional ``registry`` (for the
events; the current one by default) and ``when`` (an aware datetime; now by default). They do
not check permissions: views do that with ``portal.documents.policy``. They raise
:class:`~portal.documents.resource.DocumentError` (a Chinese message) for refused changes and
send ``ObjectAdded`` / ``ObjectModified`` so that the catalog follows.

The case lifecycle will use::

    doc = add_document(case, 'closing_report', appstruct, actor)   # a draft, doc-0001 ...
    update_document(doc, appstruct, actor)                         # drafts only
    check(doc, actor)                                              # 审核通过 (cleared by edits)
    number = sign_off(doc, actor, issuer=unit, values=...)         # frozen, 文号 given
    new = correct(doc, actor)                                      # a new draft version
    documents_in(case)                                             # newest first
    latest_versions(case)                                          # current version of each
"""

import copy

from pyramid.threadlocal import get_current_registry
from pyramid.traversal import resource_path

from portal import clock
from portal.resources.events import ObjectModified

from .numbering import take_number
from .policy import accepts
from .resource import Document, DocumentError, Frozen, next_name


def _notify(registry, event):
    (registry or get_current_registry()).notify(event)


def add_document(container, code, appstruct, actor, registry=None, when=None):
    """Store a new draft of ``code`` on ``container`` and return it.

    Raises ``DocumentError`` if the registry puts ``code`` elsewhere (a case document on a
    unit, say) and ``UnknownDocumentType`` for an unknown code.
    """
    if not accepts(container, code):
        raise DocumentError("此类文书不能在这里填写")
    doc = Document(code, copy.deepcopy(dict(appstruct)), actor, when=when or clock.now())
    container.add(next_name(container), doc, registry=registry)
    return doc


def update_document(doc, appstruct, actor, registry=None, when=None, action="edit", comment=""):
    """Replace a draft's values (``Frozen`` once signed off) and reindex it."""
    doc.update(copy.deepcopy(dict(appstruct)), actor, when=when, action=action, comment=comment)
    _notify(registry, ObjectModified(doc))


def check(doc, actor, registry=None, when=None, comment=""):
    """审核通过: record that ``actor`` checked the draft as it stands (``Frozen`` if signed)."""
    doc.check(actor, when=when or clock.now(), comment=comment)
    _notify(registry, ObjectModified(doc))


def sign_off(doc, actor, registry=None, when=None, issuer=None, values=None):
    """签发: give the draft its 文号 and freeze it; return the number (``Frozen`` if signed).

    ``issuer`` is the unit whose 文号 it takes (the signer's unit; by default the unit holding
    the document); ``values``, when given, become its final content (the draft's values with
    what the case fills in, identity included: ``portal.documents.prefill``).
    """
    if doc.frozen:
        raise Frozen(doc)
    when = when or clock.now()
    number = take_number(issuer if issuer is not None else doc.__parent__, doc.code, when)
    doc.sign_off(number, actor, when=when, values=values)
    if issuer is not None:
        doc.issuer_path = resource_path(issuer) or "/"
    _notify(registry, ObjectModified(doc))
    return number


def correct(doc, actor, registry=None, when=None):
    """A new draft version of a signed-off ``doc`` with its values; the old one stays.

    The new document records ``supersedes``, the old one ``superseded_by`` and a history
    entry. Only the latest, signed-off version can be corrected (a draft is simply edited).
    """
    if not doc.frozen:
        raise DocumentError("草稿可以直接修改，无需更正")
    if doc.superseded_by is not None:
        raise DocumentError("此文书已有更正版本，请在最新版本上操作")
    when = when or clock.now()
    container = doc.__parent__
    new = Document(doc.code, copy.deepcopy(doc.appstruct), actor, when=when)
    new.supersedes = doc
    new.version = doc.version + 1
    new.record(actor, "correct", f"更正 {doc.number or doc.__name__}", when=when)
    container.add(next_name(container), new, registry=registry)
    doc.superseded_by = new
    doc.record(actor, "superseded", f"新版本 {new.__name__}", when=when)
    _notify(registry, ObjectModified(doc))
    return new


def versions(doc):
    """Every version of ``doc``'s chain, oldest first (follows supersedes/superseded_by)."""
    first = doc
    while first.supersedes is not None:
        first = first.supersedes
    chain = [first]
    while chain[-1].superseded_by is not None:
        chain.append(chain[-1].superseded_by)
    return chain


def documents_in(container, code=None, state=None):
    """The documents stored directly on ``container``, newest first (no security filter)."""
    docs = [
        v
        for v in container.values()
        if isinstance(v, Document)
        and (code is None or v.code == code)
        and (state is None or v.state == state)
    ]
    docs.sort(key=lambda d: (d.created, d.__name__), reverse=True)
    return docs


def latest_versions(container, code=None, state=None):
    """Like :func:`documents_in`, but only versions that no later version supersedes."""
    return [d for d in documents_in(container, code, state) if d.superseded_by is None]
