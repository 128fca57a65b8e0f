"""The demo's cases, as data: one or more in every state of the case workflow (DOMAIN.md),
registered by the city and by two counties, handled by schools; some overdue, some owned by a
leader (包案), some published with their progress, one through 复查 and 复核.

``received_days_ago`` and ``step_days`` place each case in time relative to today: a case
accepted more than 60 working days ago and not concluded is overdue; a reply less than 30
days old leaves the 复查 window open.
"""

from .cases import Story

FEES = ("学校以资料费名义向学生收取费用，每人300元，未开具收据。", "要求退还违规收取的费用并说明依据。")
MEALS = ("学校食堂饭菜质量差、价格高，学生反映吃不饱。", "要求整改食堂管理，公开伙食账目。")
TEACHER = ("班主任多次在课堂上体罚学生，家长沟通无果。", "要求调查处理涉事教师，保障学生权益。")
PAY = ("学校拖欠代课教师工资三个月，多次催要未果。", "要求尽快发放拖欠工资。")
ENROL = ("孩子符合划片入学条件，却未被片区学校录取。", "要求按政策安排就近入学。")
TUTOR = ("在职教师组织学生到校外机构有偿补课。", "要求查处有偿补课行为。")
PENSION = ("退休教师对养老待遇核定有异议，属人社部门职责。", "要求重新核定养老待遇。")
LAWSUIT = ("与学校的劳动合同纠纷已向人民法院起诉。", "要求教育局责令学校赔偿。")

ZY, ZY_S01, ZY_JICHU = "/zhongyuan", "/zhongyuan/s01", "/zhongyuan/jichu"
JS, JS_S01, JS_JICHU = "/jinshui", "/jinshui/s01", "/jinshui/jichu"


def _s(unit, subject, texts, person, days, stop, **kw):
    problem, demands = texts
    return Story(unit, subject, problem, demands, person, days, stop, **kw)


STORIES = (
    # -- registered, waiting for acceptance (one beyond the 15-day notice limit)
    _s(ZY, "反映中原区第一中学违规收取资料费", FEES, 0, 2, ""),
    _s(ZY, "反映学校食堂伙食问题", MEALS, 1, 30, ""),
    _s("/", "反映教师有偿补课问题", TUTOR, 2, 1, "", channel="phone"),
    # -- not accepted, forwarded
    _s(ZY, "劳动合同纠纷要求赔偿", LAWSUIT, 3, 20, "decline"),
    _s(JS, "退休教师养老待遇核定", PENSION, 5, 18, "forward"),
    # -- accepted, waiting for the leader's instruction; instructed, waiting for assignment
    _s(ZY, "反映教师体罚学生问题", TEACHER, 4, 6, "accept"),
    _s("/", "反映学校拖欠代课教师工资", PAY, 5, 8, "accept", channel="letter"),
    _s(JS, "反映片区入学安排问题", ENROL, 2, 7, "instruct"),
    _s("/", "反映学校违规组织补课", TUTOR, 0, 9, "instruct"),
    # -- assigned to a school, in handling (one long overdue and owned by the county leader)
    _s(ZY, "反映学校食堂价格偏高", MEALS, 3, 10, "assign", to=ZY_S01, reviewing=ZY_JICHU),
    _s(JS, "反映金水区学校收取校服费", FEES, 2, 12, "assign", to=JS_S01, reviewing=JS_JICHU),
    _s(ZY, "反映中原区第一中学拖欠工资", PAY, 1, 110, "start_handling", to=ZY_S01,
       reviewing=ZY_JICHU, owner="zy_leader", step_days=2),
    _s("/", "反映教师体罚学生（市级交办）", TEACHER, 4, 100, "start_handling", to=ZY_S01,
       reviewing="/jichu", owner="city_leader", step_days=2),
    _s(JS, "反映学校违规收取补课费", TUTOR, 5, 20, "start_handling", to=JS_S01, reviewing=JS_JICHU,
       urgency="urgent", step_days=1),
    # -- opinion submitted (one returned once before), approved
    _s(ZY, "反映学校强制购买教辅资料", FEES, 0, 25, "submit_opinion", to=ZY_S01, reviewing=ZY_JICHU),
    _s(JS, "反映学校午休管理问题", MEALS, 3, 28, "submit_opinion", to=JS_S01, reviewing=JS_JICHU,
       extra=("reject_opinion",)),
    _s("/", "反映学校违规设置重点班", ENROL, 0, 24, "submit_opinion", to=ZY_S01, reviewing="/jichu"),
    _s(ZY, "反映入学材料审核问题", ENROL, 2, 30, "approve_opinion", to=ZY_S01, reviewing=ZY_JICHU),
    # -- concluded, replied (published), rated (published)
    _s(ZY, "反映学校收取资料费问题（已办结）", FEES, 1, 40, "conclude", to=ZY_S01,
       reviewing=ZY_JICHU),
    _s("/", "反映学校食堂卫生问题", MEALS, 4, 36, "reply", to=ZY_S01, reviewing="/jichu",
       publish=True),
    _s(ZY, "反映校车接送安排问题", ENROL, 5, 45, "rate", to=ZY_S01, reviewing=ZY_JICHU,
       publish=True),
    _s(JS, "反映学校违规收费问题（已评价）", FEES, 0, 42, "rate", to=JS_S01, reviewing=JS_JICHU,
       publish=True),
    # -- 复查 and 复核: the school decided, its county reviews, the city re-reviews
    _s("/", "反映教师绩效工资发放问题", PAY, 3, 40, "request_review", to=ZY_S01,
       reviewing="/jichu", step_days=2),
    _s("/", "反映学校违规收取住宿费", FEES, 2, 44, "answer_review", to=ZY_S01, reviewing="/jichu",
       step_days=2, publish=True),
    _s("/", "反映学校招生录取问题", ENROL, 1, 46, "request_rereview", to=ZY_S01,
       reviewing="/jichu", step_days=2),
    _s("/", "反映教师职称评定问题", PAY, 4, 50, "answer_rereview", to=ZY_S01, reviewing="/jichu",
       step_days=2),
    # -- archived: the review windows closed long ago
    _s(ZY, "反映学校收取课后服务费问题", FEES, 5, 150, "rate", to=ZY_S01, reviewing=ZY_JICHU,
       archive=True, publish=True),
)  # fmt: skip
