"""Fixed choice lists: ``(stored value, Chinese label)`` pairs.

Stored values are stable English codes (GLOSSARY names where one exists);
labels are what the user sees.  Each list is a tuple so it cannot be
changed at run time.  Where a list comes from the regulation, the comment
names the chapter and section.
"""

# 第五章第一节: the channels a case arrives through.
CHANNELS = (
    ("letter", "来信"),
    ("visit", "来访"),
    ("call", "来电"),
    ("online", "网上信访"),
    ("handed_down", "上级交办"),
)

# 第四章第三节 / 第四章第五节: where a level-skipping petition went.
LEVEL_SKIPPING = (
    ("none", "否"),
    ("beijing", "赴京"),
    ("province", "来省"),
    ("city", "到市"),
)

#: The destinations only (for reports that list level-skipping petitions).
LEVEL_SKIPPING_DESTINATIONS = LEVEL_SKIPPING[1:]

URGENCY = (
    ("normal", "一般"),
    ("urgent", "紧急"),
)

GENDER = (
    ("male", "男"),
    ("female", "女"),
)

# 第四章第二节: the letters leaders read and instruct on.
LETTER_KINDS = (
    ("joint", "联名信"),
    ("reform_issue", "反映深化改革过程中热点难点问题的来信"),
    ("mass_incident_risk", "可能引发大规模集体上访或其他突发性事件的来信"),
    ("vital_interest", "反映人民群众切身利益问题的来信"),
    ("other", "其他来信"),
)

# 第四章第三节: the situations in which a leader owns a case.
OWNERSHIP_GROUNDS = (
    ("level_skipping_impact", "赴京、来省、到市越级上访造成重大较大影响"),
    ("long_unresolved_group", "长时间未解决的群体利益信访问题"),
    ("higher_instruction", "上级领导批示件中的重要信访件"),
    ("serious_consequences", "可能造成严重后果或不利于社会和谐稳定"),
    ("hard_or_own_responsibility", "处理难度大或涉及本单位责任的疑难信访问题"),
)

# 第四章第三节: 五包 and 四亲自.
FIVE_UNDERTAKINGS = (
    ("responsibility", "包工作责任落实"),
    ("resolution", "包问题解决"),
    ("feedback", "包向信访人反馈解决情况"),
    ("education_stability", "包教育稳控"),
    ("lawful_handling", "包依法处理"),
)

FOUR_IN_PERSON = (
    ("visit_parties", "亲自走访当事人"),
    ("talk_with_petitioner", "亲自与信访人谈心"),
    ("investigate", "亲自调查研究"),
    ("supervise", "亲自督办落实"),
)

# 第四章第一节: the forms a leader's reception takes.
RECEPTION_KINDS = (
    ("on_site", "现场接访"),
    ("level_skipping", "越级上访接访"),
    ("video", "视频接访"),
    ("appointment", "约访"),
    ("field_visit", "下访"),
)

# 第四章第一节: what became of the matter raised at a reception.
RECEPTION_OUTCOMES = (
    ("answered_on_site", "现场答复处理"),
    ("referred", "批转有关单位调查处理"),
    ("to_principal", "报主要领导研究，另约时间接待"),
)

# 第四章第四节: what the first staff member asked did.
FIRST_CONTACT_ACTIONS = (
    ("handled", "当即办理"),
    ("procedure_explained", "告知办理程序"),
    ("referred", "告知并联系承办部门"),
)

SATISFACTION = (
    ("satisfied", "满意"),
    ("basically_satisfied", "基本满意"),
    ("unsatisfied", "不满意"),
)

# 复查 / 复核 conclusions on the opinion under appeal.
APPEAL_CONCLUSIONS = (
    ("uphold", "维持原处理意见"),
    ("change", "变更原处理意见"),
    ("redo", "撤销原处理意见，责成重新办理"),
)

REPLY_ADDRESSEES = (
    ("petitioner", "信访人"),
    ("higher_body", "上级机关"),
)

DELIVERY_METHODS = (
    ("in_person", "当面送达"),
    ("post", "邮寄"),
    ("online", "网上答复"),
    ("other", "其他方式"),
)

RISK_LEVELS = (
    ("high", "高"),
    ("medium", "中"),
    ("low", "低"),
)

# 第六章第一节: the state of a screened risk.
RISK_STATUSES = (
    ("open", "未化解"),
    ("in_progress", "化解中"),
    ("resolved", "已化解"),
)

ZERO_REPORT_KINDS = (
    ("nothing", "无情况（零报告）"),
    ("items", "有情况"),
)

# 第五章第三节, and the leading group's monthly meeting of 第二章.
MEETING_KINDS = (
    ("regular", "信访工作例会"),
    ("thematic", "信访工作专题会"),
    ("training", "信访培训会"),
    ("case_analysis", "信访案件分析会"),
    ("situation_assessment", "信访形势研判会"),
    ("joint", "信访联席会议"),
    ("leading_group", "信访工作领导小组会议"),
)

# 第二章: the posts within a unit's petition leading group.
LEADING_GROUP_ROLES = (
    ("chair", "组长"),
    ("deputy", "副组长"),
    ("member", "成员"),
)

CONFIDENTIALITY = (
    ("open", "不涉密"),
    ("internal", "内部"),
    ("secret", "涉密"),
)

TRAINING_RESULTS = (
    ("passed", "合格"),
    ("failed", "不合格"),
    ("not_assessed", "未考核"),
)

# 第六章第二节: the matters that need a stability risk assessment.
DECISION_KINDS = (
    ("major_decision", "重大决策"),
    ("important_policy", "重要政策"),
    ("major_reform", "重大改革举措"),
    ("key_project", "重点工程项目"),
    ("major_activity", "重大活动"),
)

ASSESSMENT_CONCLUSIONS = (
    ("proceed", "可以实施"),
    ("proceed_with_measures", "落实化解措施后实施"),
    ("postpone", "暂缓实施"),
    ("reject", "不予实施"),
)

ASSESSMENT_RECIPIENTS = (
    ("party_organisation", "上级党组织"),
    ("petition_office", "信访处（科）室"),
)

# 第八章: the qualitative areas and the veto items.
QUALITATIVE_RATINGS = (
    ("good", "好"),
    ("fairly_good", "较好"),
    ("fair", "一般"),
    ("poor", "差"),
)

VETO_ITEMS = (
    ("major_case_impact", "年度内发生重大信访案件且造成重大影响"),
    ("level_skipping_by_failure", "因工作不力或工作失误引发越级上访且造成重大影响"),
    ("mishandling", "因思想麻痹、推诿扯皮、处置不力造成重大影响"),
)

# 第九章: when accountability is pursued, against whom, and how.
ACCOUNTABILITY_GROUNDS = (
    ("dereliction", "工作失职或无视群众正当权益造成矛盾激化"),
    ("concealment", "隐瞒、迟报、漏报重大、紧急信访事项及相关信息"),
    ("prevention_failure", "矛盾排查不彻底、预防工作不到位，引发突发信访事件"),
    ("poor_handling", "处置不力造成恶劣影响"),
)

ACCOUNTABILITY_TRIGGERS = (
    ("overdue", "逾期未整改"),
    ("serious_consequences", "造成严重后果"),
)

RESPONSIBILITY_KINDS = (
    ("direct", "直接责任者"),
    ("principal_leadership", "主要领导责任者"),
    ("important_leadership", "重要领导责任者"),
)

ACCOUNTABILITY_FORMS = (
    ("circulated_criticism", "通报批评"),
    ("admonitory_talk", "诫勉谈话"),
    ("organisational_measure", "组织处理"),
    ("disciplinary_sanction", "党纪政纪处分"),
    ("legal_liability", "追究法律责任"),
)

LENDING_KINDS = (
    ("reading", "查阅"),
    ("borrowing", "借出"),
)

# 第七章: how serious a petition emergency is (特重大以上突发事件要立即向上级报告).
INCIDENT_LEVELS = (
    ("ordinary", "一般"),
    ("serious", "较大"),
    ("major", "重大"),
    ("extraordinary", "特别重大"),
)
