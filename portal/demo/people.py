"""Who is who in the demo: the accounts by unit and job, and the (fictitious) petitioners.

``DEMO_ACCOUNTS`` (in ``populate``) grants the roles; :data:`PEOPLE` says, for the stories,
which account does a job at each unit: ``officer`` (信访工作人员), ``head`` (信访工作负责人),
``leader`` (主要领导), ``handler`` (业务处（科）室), ``liaison`` (学校信访联络员).
"""

PEOPLE = {
    "/": {"officer": "city_officer", "head": "city_head", "leader": "city_leader"},
    "/jichu": {"handler": "jichu_handler"},
    "/zhongyuan": {"officer": "zy_officer", "head": "zy_head", "leader": "zy_leader"},
    "/zhongyuan/jichu": {"handler": "zy_jichu_handler"},
    "/zhongyuan/s01": {"liaison": "zy_s01_liaison"},
    "/jinshui": {"officer": "js_officer", "head": "js_head", "leader": "js_leader"},
    "/jinshui/jichu": {"handler": "js_jichu_handler"},
    "/jinshui/s01": {"liaison": "js_s01_liaison"},
}


def _id_number(body17):
    """A well-formed 18-character ID number from its first 17 digits (GB 11643 check digit)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body17, weights, strict=True))
    return body17 + "10X98765432"[total % 11]


PETITIONERS = (
    {"name": "张秀英", "id_number": _id_number("41010219780312462"), "phone": "13903710001",
     "address": "郑州市中原区建设西路18号院"},
    {"name": "李建军", "id_number": _id_number("41010319820615351"), "phone": "13903710002",
     "address": "郑州市二七区大学路56号"},
    {"name": "王桂兰", "id_number": _id_number("41010519750908242"), "phone": "13903710003",
     "address": "郑州市金水区文化路99号"},
    {"name": "刘志强", "id_number": _id_number("41018219880101213"), "phone": "13903710004",
     "address": "郑州市上街区中心路8号"},
    {"name": "陈美玲", "id_number": _id_number("41010219900521402"), "phone": "13903710005",
     "address": "郑州市中原区桐柏路120号"},
    {"name": "赵德胜", "id_number": _id_number("41010519700716331"), "phone": "13903710006",
     "address": "郑州市金水区经三路28号"},
)  # fmt: skip
