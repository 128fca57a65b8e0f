"""The table of document types: code -> what it is, who fills it, where it belongs.

The table is declared once, as a tuple of frozen :class:`DocumentType` rows
in :data:`DOCUMENT_TYPES`, and never changes at run time.  Adding a
document is one schema class plus one row here.

Public API:

* :func:`get_document_type` -- look a code up; unknown codes raise
  :class:`UnknownDocumentType` (a ``KeyError``);
* :func:`document_types` -- all rows, in the declared (stable) order;
* :func:`document_titles` -- a read-only mapping code -> Chinese title (what
  ``portal.workflow.load_workflows(documents=...)`` takes);
* :func:`validate_registry` -- check a table (the real one by default) and
  raise :class:`RegistryError` listing every problem; the portal calls it
  once at start-up.
"""

import dataclasses
import re
import types

import colander

from . import accountability as acc
from . import case_closing as closing
from . import case_handling as handling
from . import case_intake as intake
from . import emergency, leadership, reporting, unit_work
from .i18n import _
from .identity import declaration_problems

__all__ = [
    "CONTEXTS",
    "DOCUMENT_TYPES",
    "DocumentType",
    "GENERIC_TEMPLATE",
    "RegistryError",
    "UnknownDocumentType",
    "document_titles",
    "document_types",
    "get_document_type",
    "validate_registry",
]

#: Where a document lives: on a case, on a unit, or portal-wide.
CONTEXTS = frozenset({"case", "unit", "portal"})

#: The print template used unless a document needs its own layout.
GENERIC_TEMPLATE = "generic"

#: Layout of a document addressed to the petitioner (letterhead, no internal fields).
PETITIONER_LETTER = "petitioner_letter"

_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", re.ASCII)
_CJK = re.compile(r"[\u4e00-\u9fff]")


class UnknownDocumentType(KeyError):
    """No document type has the given code."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code

    def __str__(self):
        return f"unknown document type code: {self.code!r}"


class RegistryError(ValueError):
    """The document table is inconsistent; ``problems`` lists every finding."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("document registry is invalid:\n" + "\n".join(self.problems))


@dataclasses.dataclass(frozen=True)
class DocumentType:
    """One kind of document.

    ``schema_factory`` is a zero-argument callable returning a colander
    schema (normally the schema class).  ``filled_by`` is a role id of the
    portal's role table (``portal.security.roles``); ``context`` one of :data:`CONTEXTS`.  ``public`` marks
    documents a petitioner may also submit from the public area.
    """

    code: str
    title: str
    schema_factory: object
    filled_by: str
    context: str
    template: str = GENERIC_TEMPLATE
    public: bool = False

    def schema(self):
        """Return a new schema instance of its own (safe to bind or alter),
        titled with the document's title."""
        schema = self.schema_factory().clone()
        if not schema.title:
            schema.title = self.title
        return schema


def _row(code, title, factory, filled_by, context, **kw):
    return DocumentType(code, title, factory, filled_by, context, **kw)


#: The declared table, in the order the portal lists documents: a case's
#: documents in workflow order, then the unit's, then portal-wide ones.
DOCUMENT_TYPES = (
    # registration, acceptance (第五章第一节①)
    _row("registration", _("信访事项登记表"), intake.Registration, "petition_officer", "case"),
    _row(
        "acceptance_notice",
        _("信访事项受理告知单"),
        intake.AcceptanceNotice,
        "petition_officer",
        "case",
        template=PETITIONER_LETTER,
    ),
    _row(
        "decline_notice",
        _("信访事项不予受理告知单"),
        intake.DeclineNotice,
        "petition_officer",
        "case",
        template=PETITIONER_LETTER,
    ),
    _row(
        "forward_notice",
        _("信访事项转送告知单"),
        intake.ForwardNotice,
        "petition_officer",
        "case",
        template=PETITIONER_LETTER,
    ),
    _row("filing_request", _("立案请示签"), handling.FilingRequest, "petition_officer", "case"),
    # leaders' reading and instruction (第四章第二节)
    _row("letter_request", _("人民来信请示单"), leadership.LetterRequest, "petition_officer", "case"),
    _row(
        "instruction_assignment",
        _("领导批示交办单"),
        leadership.InstructionAssignment,
        "petition_officer",
        "case",
    ),
    # assignment, supervision, reminders
    _row("assignment_slip", _("信访事项交办单"), handling.AssignmentSlip, "petition_officer", "case"),
    _row("supervision_slip", _("信访事项督办单"), handling.SupervisionSlip, "petition_officer", "case"),
    _row("reminder_slip", _("信访事项催办单"), handling.ReminderSlip, "petition_officer", "case"),
    # case ownership (第四章第三节)
    _row("ownership_register", _("领导包案登记表"), leadership.OwnershipRegister, "petition_officer", "case"),
    _row("ownership_report", _("包案情况报告"), leadership.OwnershipReport, "unit_liaison", "case"),
    # handling (第五章第一节③-⑤)
    _row("extension_approval", _("延期办理审批表"), handling.ExtensionApproval, "unit_liaison", "case"),
    _row(
        "extension_notice",
        _("延期办理告知书"),
        handling.ExtensionNotice,
        "unit_liaison",
        "case",
        template=PETITIONER_LETTER,
    ),
    _row("joint_review_minutes", _("会审纪要"), handling.JointReviewMinutes, "petition_officer", "case"),
    _row(
        "investigation_report",
        _("责任单位调查处理报告"),
        handling.InvestigationReport,
        "unit_liaison",
        "case",
    ),
    _row(
        "handling_opinion",
        _("信访事项书面处理意见书及稳控措施"),
        handling.HandlingOpinion,
        "unit_liaison",
        "case",
        template=PETITIONER_LETTER,
    ),
    _row(
        "major_case_review_memo",
        _("重要信访案件查结呈审笺"),
        leadership.MajorCaseReviewMemo,
        "department_handler",
        "case",
    ),
    # conclusion (第五章第一节⑥-⑦)
    _row("closing_approval", _("结案呈批签"), closing.ClosingApproval, "petition_officer", "case"),
    _row("closing_report", _("结案报告"), closing.ClosingReport, "unit_liaison", "case"),
    _row("reply", _("答复意见书"), closing.Reply, "petition_officer", "case", template=PETITIONER_LETTER),
    _row(
        "satisfaction_rating",
        _("满意度评价表"),
        closing.SatisfactionRating,
        "petition_officer",
        "case",
        public=True,
    ),
    # appeals
    _row("review_request", _("复查申请书"), closing.ReviewRequest, "petition_officer", "case", public=True),
    _row(
        "review_opinion",
        _("复查意见书"),
        closing.ReviewOpinion,
        "petition_officer",
        "case",
        template=PETITIONER_LETTER,
    ),
    _row(
        "rereview_request", _("复核申请书"), closing.RereviewRequest, "petition_officer", "case", public=True
    ),
    _row(
        "rereview_opinion",
        _("复核意见书"),
        closing.RereviewOpinion,
        "petition_officer",
        "case",
        template=PETITIONER_LETTER,
    ),
    # a unit's reception work (第四章第一节, 第四章第四节)
    _row(
        "reception_schedule",
        _("领导接访日安排公示"),
        leadership.ReceptionSchedule,
        "petition_officer",
        "unit",
    ),
    _row("reception_register", _("领导接访登记表"), leadership.ReceptionRegister, "petition_officer", "unit"),
    _row("first_contact", _("首问登记表"), intake.FirstContact, "petition_officer", "unit"),
    # reports and screening (第四章第五节, 第六章第一节, 第七章)
    _row("monthly_report", _("信访工作月报表"), reporting.MonthlyReport, "unit_liaison", "unit"),
    _row("zero_report", _("零报告"), reporting.ZeroReport, "unit_liaison", "unit"),
    _row("major_event_report", _("重大信访事项报告"), reporting.MajorEventReport, "unit_liaison", "unit"),
    _row("risk_ledger_entry", _("矛盾隐患排查台账"), reporting.RiskLedgerEntry, "unit_liaison", "unit"),
    _row("duty_log", _("值班记录"), reporting.DutyLog, "unit_liaison", "unit"),
    _row("emergency_plan", _("信访应急预案"), emergency.EmergencyPlan, "petition_officer", "unit"),
    _row(
        "emergency_report",
        _("突发信访事件应急处置情况报告"),
        reporting.EmergencyReport,
        "unit_liaison",
        "unit",
    ),
    _row(
        "emergency_aftermath",
        _("突发信访事件善后处置记录"),
        emergency.EmergencyAftermath,
        "unit_liaison",
        "unit",
    ),
    _row(
        "stability_risk_assessment",
        _("社会稳定风险评估报告"),
        unit_work.StabilityRiskAssessment,
        "department_handler",
        "unit",
    ),
    # a unit's own petition work (第二章, 第五章第三节、第五节、第六节)
    _row(
        "leading_group", _("信访工作领导小组组成"), unit_work.LeadingGroupRoster, "petition_officer", "unit"
    ),
    _row("meeting_minutes", _("信访会议记录"), unit_work.MeetingMinutes, "petition_officer", "unit"),
    _row("training_plan", _("信访业务培训计划"), unit_work.TrainingPlan, "petition_officer", "unit"),
    _row("training_record", _("信访业务培训登记表"), unit_work.TrainingRecord, "petition_officer", "unit"),
    _row("archive_lending", _("信访档案借阅登记表"), unit_work.ArchiveLending, "petition_officer", "unit"),
    # assessment and accountability (第八章, 第九章)
    _row("annual_assessment", _("信访稳定工作年度考评表"), acc.AnnualAssessment, "assessor", "unit"),
    _row("rectification_notice", _("整改通知书"), acc.RectificationNotice, "petition_officer", "unit"),
    _row("rectification_proposal", _("整改建议书"), acc.RectificationProposal, "petition_officer", "unit"),
    _row("rectification_report", _("整改情况报告"), acc.RectificationReport, "unit_liaison", "unit"),
    _row(
        "accountability_proposal",
        _("信访责任追究建议书"),
        acc.AccountabilityProposal,
        "petition_head",
        "unit",
    ),
)

_BY_CODE = types.MappingProxyType({row.code: row for row in DOCUMENT_TYPES})


def get_document_type(code):
    """Return the :class:`DocumentType` for ``code``; raise :class:`UnknownDocumentType`."""
    try:
        return _BY_CODE[code]
    except (KeyError, TypeError):
        raise UnknownDocumentType(code) from None


def document_types():
    """Return every :class:`DocumentType` as a tuple, in the declared order."""
    return DOCUMENT_TYPES


def document_titles():
    """Return a read-only mapping of every code to its Chinese title, in table order."""
    return _TITLES


_TITLES = types.MappingProxyType({row.code: row.title for row in DOCUMENT_TYPES})


def _walk(node, path):
    yield node, path
    for child in node.children:
        yield from _walk(child, f"{path}.{child.name}" if path else child.name)


def _field_problems(code, schema):
    for node, path in _walk(schema, ""):
        where = f"{code}: field {path or '(root)'}"
        if not _CJK.search(str(node.title or "")):
            yield f"{where} has no Chinese title"
        if node.required and not _CJK.search(str(node.missing_msg or "")):
            yield f"{where} is required but its missing message is not Chinese"


def validate_registry(table=None, roles=None):
    """Check ``table`` (default :data:`DOCUMENT_TYPES`); return it if sound.

    Checks: codes are snake_case and unique; titles contain Chinese; roles
    (when ``roles``, the ids of the portal's role table, is given: the
    table lives in ``portal.security.roles``, which checks ``filled_by``
    again at start-up), contexts and templates are known/non-empty; every schema factory
    returns a colander schema; every field of it has a Chinese title, and
    every required field a Chinese "required" message; every field that may
    hold a person's identity declares whether it does
    (:mod:`schemas.identity`).  Raises
    :class:`RegistryError` with all problems found.
    """
    table = DOCUMENT_TYPES if table is None else tuple(table)
    problems = []
    seen = set()
    for row in table:
        code = row.code
        if not isinstance(code, str) or not _CODE.match(code):
            problems.append(f"{code!r}: code is not snake_case")
        if code in seen:
            problems.append(f"{code!r}: code is used twice")
        seen.add(code)
        if not isinstance(row.title, str) or not _CJK.search(row.title):
            problems.append(f"{code}: title is empty or not Chinese")
        if roles is not None and row.filled_by not in roles:
            problems.append(f"{code}: unknown role {row.filled_by!r}")
        if row.context not in CONTEXTS:
            problems.append(f"{code}: unknown context {row.context!r}")
        if not isinstance(row.template, str) or not row.template:
            problems.append(f"{code}: template name is empty")
        try:
            schema = row.schema()
        except Exception as exc:  # a broken factory is reported, not raised
            problems.append(f"{code}: schema cannot be built: {exc!r}")
            continue
        if not isinstance(schema, colander.SchemaNode):
            problems.append(f"{code}: schema factory did not return a colander schema")
            continue
        problems.extend(_field_problems(code, schema))
        problems.extend(declaration_problems(code, schema))
    if problems:
        raise RegistryError(problems)
    return table
