"""The organisation data the demo (and the tests' fixtures) are built from (DOMAIN.md)."""

COUNTIES = (
    ("zhongyuan", "中原区教育局"),
    ("erqi", "二七区教育局"),
    ("guancheng", "管城回族区教育局"),
    ("jinshui", "金水区教育局"),
    ("shangjie", "上街区教育局"),
    ("huiji", "惠济区教育局"),
    ("gongyi", "巩义市教育局"),
    ("xingyang", "荥阳市教育局"),
    ("xinmi", "新密市教育局"),
    ("xinzheng", "新郑市教育局"),
    ("dengfeng", "登封市教育局"),
    ("zhongmou", "中牟县教育局"),
    ("zhengdong", "郑东新区教育局"),
    ("gaoxin", "高新区教育局"),
    ("jingkai", "经开区教育局"),
    ("hangkonggang", "航空港区教育局"),
)

CITY_DEPARTMENTS = (
    ("xinfangchu", "信访处", "petition_office"),
    ("bangongshi", "办公室", "department"),
    ("jichu", "基础教育处", "department"),
    ("zhijiao", "职业教育处", "department"),
    ("renshi", "人事处", "department"),
    ("anquan", "安全稳定处", "department"),
)

COUNTY_SECTIONS = (
    ("xinfangke", "信访科", "petition_office"),
    ("bangongshi", "办公室", "department"),
    ("jichu", "基础教育科", "department"),
)

SCHOOL_PATTERNS = ("第一中学", "实验小学", "第二初级中学", "幼儿园", "第三小学")

DIRECT_UNITS = (
    ("jiaoyanshi", "郑州市教育局教学研究室", "affiliated_institution"),
    ("dianhuajiaoyu", "郑州市电化教育馆", "affiliated_institution"),
    ("zz1z", "郑州市第一中学", "city_school"),
    ("zz7z", "郑州市第七中学", "city_school"),
    ("yuhua", "郑州市育华中学", "private_school"),
    ("zzsy", "郑州师范学院", "university"),
)


def county_prefix(title):
    """中原区教育局 -> 中原区 (the name schools in that county start with)."""
    return title.replace("教育局", "")
