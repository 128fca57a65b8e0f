"""What a case's next steps need in documents, who must supply each, and a link for the user
when they are the one who can.

:func:`supply` says, for one document a transition waits for, what is missing (a draft, a
check, a sign-off), which party and unit must act, and the URL where the current user can do
it (or None). :func:`requirements` lists this for every transition out of the case's current
state (the case page shows it); :func:`explain` turns a refused transition
(``MissingDocuments``) into the flash message the workflow's transition view shows: the
document, the unit that must supply it, and the link when the user can.
"""

from dataclasses import dataclass

from translationstring import TranslationString

from portal.i18n import _, chinese

from . import policy
from .api import latest_versions
from .relations import units_in

VERBS = {"draft": _("起草"), "check": _("审核"), "sign": _("签发")}
#: The sentence for a missing document, by the step it waits for.
SENTENCES = {
    "draft": _("“${title}”须由${who}起草"),
    "check": _("“${title}”须由${who}审核"),
    "sign": _("“${title}”须由${who}签发"),
}


@dataclass(frozen=True)
class Supply:
    """One document a transition needs: ``step`` is ``None`` when nothing is missing.
    ``parties`` are the (party title, unit titles) pairs that may supply it."""

    code: str
    title: str
    step: str | None
    parties: tuple  # ((承办单位, (中原区第一中学,)), ...)
    url: str | None
    link_title: str
    doc: object = None

    @property
    def who(self) -> str:
        """承办单位（中原区第一中学）或…, in Chinese."""
        return self.who_in(chinese)

    def who_in(self, translate) -> str:
        """Who must act, in the language of ``translate`` (``request.localizer.translate``)."""
        comma = translate(_("、"))
        named = (
            translate(_("${party}（${units}）", mapping={"party": translate(p), "units": comma.join(units)}))
            for p, units in self.parties
        )
        return translate(_("或")).join(dict.fromkeys(named))

    @property
    def sentence(self) -> str:
        return self.sentence_in(chinese)

    def sentence_in(self, translate) -> str:
        """What is missing and who must supply it, in the language of ``translate``."""
        title = translate(TranslationString(self.title, domain="portal"))
        if self.step is None:
            return translate(_("“${title}”已具备", mapping={"title": title}))
        who = self.who_in(translate) or translate(_("有权人员"))
        return translate(TranslationString(SENTENCES[self.step], mapping={"title": title, "who": who}))


def _who(case, wf, rule, step) -> tuple:
    """The parties declared for ``step`` with their units now: ((party title, (unit titles)), ...),
    parties without a unit left out."""
    declared = rule.step(step) if rule is not None else None
    if declared is None:
        return ()
    parts = []
    for party_id in declared.by:
        party = wf.parties[party_id]
        units = tuple(u.title for u in units_in(case, party.relation))
        if units:
            parts.append((party.title, units))
    return tuple(parts)


def supply(request, case, wf, code, signed):
    """The :class:`Supply` of ``code`` on ``case`` (``signed``: a signed version is needed)."""
    rule = wf.document_rules.get(code)
    title = wf.documents.get(code) or (rule.title if rule else code)
    docs = latest_versions(case, code)
    doc = docs[0] if docs else None
    if doc is None:
        url = (
            request.resource_url(case, "@@add-document", query={"code": code})
            if policy.may_fill(request, case, code)
            else None
        )
        return Supply(code, title, "draft", _who(case, wf, rule, "draft"), url, _("立即填写"))
    if not signed or doc.frozen:
        return Supply(code, title, None, (), None, "", doc)
    if policy.needs_check(request, doc) and doc.checked_by is None:
        url = request.resource_url(doc) if policy.may_check(request, doc) else None
        return Supply(code, title, "check", _who(case, wf, rule, "check"), url, _("前往审核"), doc)
    url = request.resource_url(doc, "@@sign-off") if policy.may_sign_off(request, doc) else None
    return Supply(code, title, "sign", _who(case, wf, rule, "sign"), url, _("前往签发"), doc)


def requirements(request, case):
    """``[(transition, [Supply])]`` for each transition out of the current state that needs
    documents (none when the case's workflow declares no document rules)."""
    wf = policy.workflow_of(request, case)
    if wf is None:
        return []
    out = []
    for transition in wf.transitions_from(case.workflow_state):
        codes = list(dict.fromkeys(transition.requires_documents + transition.requires_signed))
        if codes:
            out.append(
                (transition, [supply(request, case, wf, c, c in transition.requires_signed) for c in codes])
            )
    return out


def explain(context, request, error):
    """The flash message for a transition refused for documents (``MissingDocuments``): a
    dict ``{"text": ..., "links": [{"url", "title"}]}``, or None if ``context`` has no rules."""
    wf = policy.workflow_of(request, context)
    transition = getattr(error, "transition", None)
    if wf is None or transition is None:
        return None
    items = [supply(request, context, wf, code, code in transition.requires_signed) for code in error.codes]
    items = [i for i in items if i.step is not None]
    if not items:
        return None
    text = f"执行“{transition.title}”前，" + "；".join(i.sentence for i in items) + "。"
    links = [{"url": i.url, "title": f"{i.link_title}“{i.title}”"} for i in items if i.url]
    return {"text": text, "links": links}
