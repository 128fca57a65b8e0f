"""Fixed choice lists: ``(stored value, Chinese label)`` pairs.

Stored values are stable English codes (GLOSSARY names where one exists);
labels are what the user sees.  Each list is a tuple so it cannot be
changed at run time.  Where a list comes from the regulation, the comment
names the chapter and section.
"""

# 第五章第一节: the channels a case arrives through.
from .i18n import _

CHANNELS = (
    ("letter", _("来信")),
    ("visit", _("来访")),
    ("call", _("来电")),
    ("online", _("网上信访")),
    ("handed_down", _("上级交办")),
)

# 第四章第三节 / 第四章第五节: where a level-skipping petition went.
LEVEL_SKIPPING = (
    ("none", _("否")),
    ("beijing", _("赴京")),
    ("province", _("来省")),
    ("city", _("到市")),
)

#: The destinations only (for reports that list level-skipping petitions).
LEVEL_SKIPPING_DESTINATIONS = LEVEL_SKIPPING[1:]

URGENCY = (
    ("normal", _("一般")),
    ("urgent", _("紧急")),
)

GENDER = (
    ("male", _("男")),
    ("female", _("女")),
)

# 第四章第二节: the letters leaders read and instruct on.
LETTER_KINDS = (
    ("joint", _("联名信")),
    ("reform_issue", _("反映深化改革过程中热点难点问题的来信")),
    ("mass_incident_risk", _("可能引发大规模集体上访或其他突发性事件的来信")),
    ("vital_interest", _("反映人民群众切身利益问题的来信")),
    ("other", _("其他来信")),
)

# 第四章第三节: the situations in which a leader owns a case.
OWNERSHIP_GROUNDS = (
    ("level_skipping_impact", _("赴京、来省、到市越级上访造成重大较大影响")),
    ("long_unresolved_group", _("长时间未解决的群体利益信访问题")),
    ("higher_instruction", _("上级领导批示件中的重要信访件")),
    ("serious_consequences", _("可能造成严重后果或不利于社会和谐稳定")),
    ("hard_or_own_responsibility", _("处理难度大或涉及本单位责任的疑难信访问题")),
)

# 第四章第三节: 五包 and 四亲自.
FIVE_UNDERTAKINGS = (
    ("responsibility", _("包工作责任落实")),
    ("resolution", _("包问题解决")),
    ("feedback", _("包向信访人反馈解决情况")),
    ("education_stability", _("包教育稳控")),
    ("lawful_handling", _("包依法处理")),
)

FOUR_IN_PERSON = (
    ("visit_parties", _("亲自走访当事人")),
    ("talk_with_petitioner", _("亲自与信访人谈心")),
    ("investigate", _("亲自调查研究")),
    ("supervise", _("亲自督办落实")),
)

# 第四章第一节: the forms a leader's reception takes.
RECEPTION_KINDS = (
    ("on_site", _("现场接访")),
    ("level_skipping", _("越级上访接访")),
    ("video", _("视频接访")),
    ("appointment", _("约访")),
    ("field_visit", _("下访")),
)

# 第四章第一节: what became of the matter raised at a reception.
RECEPTION_OUTCOMES = (
    ("answered_on_site", _("现场答复处理")),
    ("referred", _("批转有关单位调查处理")),
    ("to_principal", _("报主要领导研究，另约时间接待")),
)

# 第四章第四节: what the first staff member asked did.
FIRST_CONTACT_ACTIONS = (
    ("handled", _("当即办理")),
    ("procedure_explained", _("告知办理程序")),
    ("referred", _("告知并联系承办部门")),
)

SATISFACTION = (
    ("satisfied", _("满意")),
    ("basically_satisfied", _("基本满意")),
    ("unsatisfied", _("不满意")),
)

# 复查 / 复核 conclusions on the opinion under appeal.
APPEAL_CONCLUSIONS = (
    ("uphold", _("维持原处理意见")),
    ("change", _("变更原处理意见")),
    ("redo", _("撤销原处理意见，责成重新办理")),
)

REPLY_ADDRESSEES = (
    ("petitioner", _("信访人")),
    ("higher_body", _("上级机关")),
)

DELIVERY_METHODS = (
    ("in_person", _("当面送达")),
    ("post", _("邮寄")),
    ("online", _("网上答复")),
    ("other", _("其他方式")),
)

RISK_LEVELS = (
    ("high", _("高")),
    ("medium", _("中")),
    ("low", _("低")),
)

# 第六章第一节: the state of a screened risk.
RISK_STATUSES = (
    ("open", _("未化解")),
    ("in_progress", _("化解中")),
    ("resolved", _("已化解")),
)

ZERO_REPORT_KINDS = (
    ("nothing", _("无情况（零报告）")),
    ("items", _("有情况")),
)

# 第五章第三节, and the leading group's monthly meeting of 第二章.
MEETING_KINDS = (
    ("regular", _("信访工作例会")),
    ("thematic", _("信访工作专题会")),
    ("training", _("信访培训会")),
    ("case_analysis", _("信访案件分析会")),
    ("situation_assessment", _("信访形势研判会")),
    ("joint", _("信访联席会议")),
    ("leading_group", _("信访工作领导小组会议")),
)

# 第二章: the posts within a unit's petition leading group.
LEADING_GROUP_ROLES = (
    ("chair", _("组长")),
    ("deputy", _("副组长")),
    ("member", _("成员")),
)

CONFIDENTIALITY = (
    ("open", _("不涉密")),
    ("internal", _("内部")),
    ("secret", _("涉密")),
)

TRAINING_RESULTS = (
    ("passed", _("合格")),
    ("failed", _("不合格")),
    ("not_assessed", _("未考核")),
)

# 第六章第二节: the matters that need a stability risk assessment.
DECISION_KINDS = (
    ("major_decision", _("重大决策")),
    ("important_policy", _("重要政策")),
    ("major_reform", _("重大改革举措")),
    ("key_project", _("重点工程项目")),
    ("major_activity", _("重大活动")),
)

ASSESSMENT_CONCLUSIONS = (
    ("proceed", _("可以实施")),
    ("proceed_with_measures", _("落实化解措施后实施")),
    ("postpone", _("暂缓实施")),
    ("reject", _("不予实施")),
)

ASSESSMENT_RECIPIENTS = (
    ("party_organisation", _("上级党组织")),
    ("petition_office", _("信访处（科）室")),
)

# 第八章: the qualitative areas and the veto items.
QUALITATIVE_RATINGS = (
    ("good", _("好")),
    ("fairly_good", _("较好")),
    ("fair", _("一般")),
    ("poor", _("差")),
)

VETO_ITEMS = (
    ("major_case_impact", _("年度内发生重大信访案件且造成重大影响")),
    ("level_skipping_by_failure", _("因工作不力或工作失误引发越级上访且造成重大影响")),
    ("mishandling", _("因思想麻痹、推诿扯皮、处置不力造成重大影响")),
)

# 第九章: when accountability is pursued, against whom, and how.
ACCOUNTABILITY_GROUNDS = (
    ("dereliction", _("工作失职或无视群众正当权益造成矛盾激化")),
    ("concealment", _("隐瞒、迟报、漏报重大、紧急信访事项及相关信息")),
    ("prevention_failure", _("矛盾排查不彻底、预防工作不到位，引发突发信访事件")),
    ("poor_handling", _("处置不力造成恶劣影响")),
)

ACCOUNTABILITY_TRIGGERS = (
    ("overdue", _("逾期未整改")),
    ("serious_consequences", _("造成严重后果")),
)

RESPONSIBILITY_KINDS = (
    ("direct", _("直接责任者")),
    ("principal_leadership", _("主要领导责任者")),
    ("important_leadership", _("重要领导责任者")),
)

ACCOUNTABILITY_FORMS = (
    ("circulated_criticism", _("通报批评")),
    ("admonitory_talk", _("诫勉谈话")),
    ("organisational_measure", _("组织处理")),
    ("disciplinary_sanction", _("党纪政纪处分")),
    ("legal_liability", _("追究法律责任")),
)

LENDING_KINDS = (
    ("reading", _("查阅")),
    ("borrowing", _("借出")),
)

# 第七章: how serious a petition emergency is (特重大以上突发事件要立即向上级报告).
INCIDENT_LEVELS = (
    ("ordinary", _("一般")),
    ("serious", _("较大")),
    ("major", _("重大")),
    ("extraordinary", _("特别重大")),
)
