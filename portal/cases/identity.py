"""Every rendering of a petitioner's identity goes through :func:`disclose`.

``disclose(request, context, what=…)`` answers how this response may show the identity of the
people behind ``context`` (a case, a document on a case, or a document on a unit such as a
reception register): a :class:`Disclosure` that either shows values in full or masks them
(``portal.cases.masking``). It shows them only when the user holds ``view_identity`` on
``context`` (and the caller does not ask for ``reveal=False``: the case page masks until
the user presses 查看). When it shows them it first

- writes one entry to the identity audit log (who, when, which case or document, what was
  rendered, from where) -- once per request and context, however many values are shown;
- marks the response ``Cache-Control: private, no-store`` (``request.response`` and, through a response
  callback, whatever response the view returns: a PDF, a print page).

Pages, print pages, PDFs, archive volumes, document forms and exports take their identity
values from a ``Disclosure`` only; nothing else unmasks. The person mappings of a case are read
here and nowhere else (``case.identity`` is never indexed or shown raw).
"""

from dataclasses import dataclass, field

from pyramid.traversal import find_interface, resource_path

from portal.caching.http import NO_STORE  # the staff pages' own header; re-exported here
from portal.security.permissions import VIEW_IDENTITY

from .audit import get_audit_log
from .masking import PERSON_FIELDS, mask, mask_in_text, masked

_AUDITED = "portal.identity_audited"


@dataclass(frozen=True)
class Disclosure:
    """How one rendering shows identity. ``shown`` is True only for an audited, no-store
    response. ``people`` are the person mappings whose values free text may contain."""

    shown: bool = False
    people: tuple = field(default=(), compare=False)

    def value(self, kind, text):
        """One identity value of ``kind`` (``name``, ``phone`` ...): in full or masked."""
        return text if self.shown else mask(kind, text)

    def person(self, person):
        """A person mapping, in full or with every identity field masked."""
        return dict(person) if self.shown else masked(person)

    def text(self, text):
        """Free text: in full, or with the people's identity values masked where they occur."""
        return text if self.shown else mask_in_text(text, self.people)

    def with_people(self, more):
        """The same disclosure, also masking ``more`` people's values in free text."""
        return Disclosure(self.shown, tuple(self.people) + tuple(more))


#: The disclosure of a rendering nobody is shown in full (the text index, exports).
MASKED = Disclosure(False)


def case_of(context):
    """The case ``context`` is or belongs to, or None (a unit's own documents)."""
    from .resource import Case

    return find_interface(context, Case)


def people_of(context):
    """The person mappings of the case ``context`` belongs to (petitioner first), or ()."""
    case = case_of(context)
    identity = getattr(case, "identity", None)
    return tuple(identity.people()) if identity is not None else ()


def may_reveal(request, context):
    return bool(request.has_permission(VIEW_IDENTITY, context))


def _no_store(request, response):
    response.headers["Cache-Control"] = NO_STORE


def _audit(request, context, what, fields):
    done = request.__dict__.setdefault(_AUDITED, set())
    path = resource_path(context) or "/"
    if (path, what) in done:
        return
    done.add((path, what))
    case = case_of(context)
    label = (
        getattr(case, "number", None)
        or getattr(context, "number", None)
        or getattr(context, "title", "")
        or path
    )
    get_audit_log(request.root).record(
        request.authenticated_userid or "", path, label, tuple(fields), request.client_addr or "", view=what
    )
    request.response.headers["Cache-Control"] = NO_STORE
    request.add_response_callback(_no_store)


def disclose(request, context, what="页面", *, reveal=True, fields=PERSON_FIELDS, people=()):
    """The :class:`Disclosure` for rendering the identity behind ``context`` (see module
    docstring). ``what`` says what is rendered (页面, 打印, PDF, 案卷, 表单) for the audit log;
    ``people`` adds person mappings beyond the case's (a unit document's own visitor)."""
    everyone = people_of(context) + tuple(people)
    if not (reveal and may_reveal(request, context)):
        return Disclosure(False, everyone)
    _audit(request, context, what, fields)
    return Disclosure(True, everyone)


def comment_text(context, request):
    """How history comments on ``context`` are shown: the case's people masked where a comment
    names them (``text -> text``; nothing is ever shown in full there)."""
    return disclose(request, context, reveal=False).text


def masked_people(case):
    """Every person of the case (petitioner first), masked (listings, exports)."""
    return [MASKED.person(p) for p in people_of(case)]
