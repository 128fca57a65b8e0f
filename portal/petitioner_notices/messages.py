"""What the petitioner is told, and when: one declarative table, validated at start-up.

``NOTICES`` maps a step of the case to the message templates it sends. A step is a transition
id of the case workflow (``workflows/case.toml``) or ``registered`` (the case was created).
``validate(workflow)`` runs at start-up (``__init__``): a step that is not a transition of the
case workflow, a template whose text does not use exactly its parameters, or one too long for
a text message stops the application. When the workflow's transitions change, this table is
the one place to follow them.

Templates are plain Chinese with named placeholders (``{number}``); for the SMS provider they
are registered with positional ones ({1}, {2}, ...) in the order they appear
(``provider_text``; ``python -m portal.petitioner_notices.messages`` prints them all). They
carry the case number, a date, the office's phone or the reason written for the petitioner --
never anyone's identity, never internal handling (who instructed, which unit handles).

The query code: only its hash is stored (``portal.public.querycodes``), so the plain code can
travel only with the messages queued while it exists. A code issued at online submission or at
acceptance is held (``store.held_codes``) until the step's ``code_template`` message is
queued: the registration message of an online petition and the acceptance message carry it;
every later message tells how to look the case up with it. The plain code stays in a message
only until that message is delivered or given up, then it is erased.
"""

import re
from dataclasses import dataclass

SMS_MAX_CHARS = 180  # three billed segments of a Chinese text message, signature included


@dataclass(frozen=True)
class Template:
    code: str  # the key the provider's template id is configured under (sms.templates)
    text: str

    @property
    def params(self):
        return tuple(re.findall(r"{(\w+)}", self.text))

    def provider_text(self):
        """The text as registered with the provider: {1}, {2}, ... in order of appearance."""
        names = iter(range(1, len(self.params) + 1))
        return re.sub(r"{\w+}", lambda _m: "{%d}" % next(names), self.text)

    def render(self, values):
        return self.text.format(**{k: values[k] for k in self.params})


@dataclass(frozen=True)
class Notice:
    step: str  # a case transition id, or "registered"
    title: str  # Chinese, how the record on the case names the step
    template: Template  # sent when no query code travels with this step
    code_template: Template | None = None  # sent instead while a plain query code is held
    deadline: str | None = None  # the case deadline whose due date is the next one


LOOKUP = "可凭查询码和联系电话后四位在“查询我的信访”栏目查看办理进度"

T = Template
NOTICES = (
    Notice(
        "registered",
        "登记告知",
        T(
            "registered",
            "您反映的信访事项已登记，编号{number}。我们将在{deadline}前告知是否受理，届时一并告知查询码。",
        ),
        T(
            "registered_code",
            "您反映的信访事项已登记，编号{number}，查询码{code}，请妥善保管。"
            "我们将在{deadline}前告知是否受理，" + LOOKUP + "。",
        ),
        deadline="acceptance_notice",
    ),
    Notice(
        "accept",
        "受理告知",
        T(
            "accepted",
            "您的信访事项（编号{number}）已受理，受理告知单将另行送达。办理期限至{deadline}，"
            "咨询电话{phone}。" + LOOKUP + "。",
        ),
        T(
            "accepted_code",
            "您的信访事项（编号{number}）已受理，查询码{code}，请妥善保管。办理期限至"
            "{deadline}，咨询电话{phone}。" + LOOKUP + "。",
        ),
        deadline="handling",
    ),
    Notice(
        "decline",
        "不予受理告知",
        T(
            "declined",
            "您的信访事项（编号{number}）不予受理，理由：{reason}。不予受理告知单将另行送达，"
            "其中载明反映问题的途径。",
        ),
    ),
    Notice(
        "forward",
        "转送告知",
        T(
            "forwarded",
            "您的信访事项（编号{number}）不属于本机关职权范围，已转送{body}办理，请向该机关了解办理情况。",
        ),
    ),
    Notice(
        "reply",
        "答复告知",
        T(
            "replied",
            "您的信访事项（编号{number}）已办结，书面答复将另行送达。如不服答复，"
            "可在{deadline}前向上一级机关请求复查。",
        ),
        deadline="review_request",
    ),
    Notice(
        "request_review",
        "复查申请受理告知",
        T(
            "review_received",
            "您就信访事项（编号{number}）提出的复查请求已收到，"
            "将在{deadline}前提出复查意见。" + LOOKUP + "。",
        ),
        deadline="review_answer",
    ),
    Notice(
        "answer_review",
        "复查意见告知",
        T(
            "review_answered",
            "您就信访事项（编号{number}）提出的复查请求已有复查意见，书面意见将另行送达。"
            "如不服，可在{deadline}前请求复核。",
        ),
        deadline="rereview_request",
    ),
    Notice(
        "request_rereview",
        "复核申请受理告知",
        T(
            "rereview_received",
            "您就信访事项（编号{number}）提出的复核请求已收到，"
            "将在{deadline}前提出复核意见。" + LOOKUP + "。",
        ),
        deadline="rereview_answer",
    ),
    Notice(
        "answer_rereview",
        "复核意见告知",
        T(
            "rereview_answered",
            "您就信访事项（编号{number}）提出的复核请求已有复核意见，书面意见将另行送达。",
        ),
    ),
)
NOTICE_BY_STEP = {n.step: n for n in NOTICES}
#: Sent on its own when staff issue a new code for a petitioner who lost theirs.
REISSUED = T(
    "code_reissued", "您的信访事项（编号{number}）查询码已重新生成：{code}，原查询码作废。" + LOOKUP + "。"
)
PARAMS = frozenset({"number", "code", "deadline", "phone", "reason", "body"})
#: The longest values the parameters take (for the length check): case numbers are like
#: 郑教信〔2026〕0001, codes ABCD-EFGH-JKLM, dates 2026年12月31日, reasons and bodies are cut.
LONGEST = {
    "number": "郑州市教育局〔2026〕0001",
    "code": "ABCD-EFGH-JKLM",
    "deadline": "2026年12月31日",
    "phone": "0371-67891234",
    "reason": "理" * 40,
    "body": "机" * 30,
}
SIGNATURE = "【郑州市教育局】"


def templates():
    """Every template of the table (each once), and ``REISSUED``."""
    seen = {REISSUED.code: REISSUED}
    for notice in NOTICES:
        for template in (notice.template, notice.code_template):
            if template is not None:
                seen.setdefault(template.code, template)
    return list(seen.values())


def validate(transition_ids):
    """Raise ``ValueError`` naming every problem of the table (see the module docstring)."""
    problems = []
    steps = set()
    for notice in NOTICES:
        if notice.step in steps:
            problems.append(f"{notice.step}: declared twice")
        steps.add(notice.step)
        if notice.step != "registered" and notice.step not in transition_ids:
            problems.append(f"{notice.step}: not a transition of the case workflow")
        if notice.code_template is not None and "code" not in notice.code_template.params:
            problems.append(f"{notice.step}: code_template does not carry {{code}}")
        if "code" in notice.template.params:
            problems.append(f"{notice.step}: template carries {{code}} (only code_template may)")
    codes = {}
    for template in templates():
        if template.code in codes and codes[template.code] != template:
            problems.append(f"{template.code}: two templates with one code")
        codes[template.code] = template
        unknown = set(template.params) - PARAMS
        if unknown:
            problems.append(f"{template.code}: unknown parameters {sorted(unknown)}")
        elif len(SIGNATURE + template.render(LONGEST)) > SMS_MAX_CHARS:
            problems.append(f"{template.code}: longer than {SMS_MAX_CHARS} characters")
    if problems:
        raise ValueError("petitioner notice table: " + "; ".join(problems))


if __name__ == "__main__":  # pragma: no cover - prints the templates to register
    for t in templates():
        print(f"{t.code}\t{t.provider_text()}")
