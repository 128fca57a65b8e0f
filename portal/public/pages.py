"""The rules-and-channels pages (信访须知): plain texts the petition office edits.

Contract: a page is a :class:`PageText` (title, body, who and when) stored in
``store.pages`` under one of :data:`PAGES`. Bodies are plain text: ``paragraphs(body)`` splits
them into paragraphs of lines for the template, which escapes every character; no HTML from a
user is ever emitted. ``seed_pages`` fills missing pages with the regulation's defaults.
"""

from dataclasses import dataclass
from datetime import datetime

from portal import clock

MAX_BODY = 20000

#: page id -> (title, default body)
PAGES = {
    "procedures": (
        "信访办理程序",
        """信访事项办理依据《郑州市教育系统信访稳定工作实施办法（试行）》第五章第一节。

一、登记。信访人可以通过来信、来访、来电或网上信访提出信访事项。工作人员登记信访人的基本情况、反映的问题和诉求。
二、受理告知。收到信访事项之日起15日内，书面告知信访人是否受理；不予受理或不属于本机关职权范围的，告知理由和应当向哪个机关提出。
三、交办与办理。受理后交由承办单位办理，承办单位调查核实后提出处理意见。
四、办结与答复。办结后向信访人出具书面处理意见书。
五、满意度评价。信访人可以对办理情况作出评价。
六、复查与复核。信访人对处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关的上一级机关复查；对复查意见不服的，可以自收到复查意见之日起30日内请求复核。""",
    ),
    "time_limits": (
        "办理时限",
        """受理告知：收到信访事项之日起15日内。
一般信访事项：自受理之日起60日内办结。
情况复杂的：经上级批准可以适当延长办理期限，延长期限不超过30日，并告知信访人延期理由。
上级交办的信访事项：按交办机关规定的期限办结。
紧急信访事项：立即办理。
复查、复核：收到申请之日起30日内提出意见。""",
    ),
    "channels": (
        "信访渠道",
        """来信：寄至郑州市教育局信访处。
来访：请在工作日到各级教育局信访接待场所，或参加领导干部接待日。
网上信访：通过本网站“网上信访”栏目提交，提交后立即获得查询码。
查询：凭查询码和联系电话后四位（未登记电话的，为身份证号码后四位）在“查询我的信访”栏目查询办理进度、评价和申请复查。""",
    ),
}


@dataclass(frozen=True)
class PageText:
    title: str
    body: str
    updated_by: str = ""
    updated_at: datetime | None = None


def seed_pages(store):
    for page_id, (title, body) in PAGES.items():
        if page_id not in store.pages:
            store.pages[page_id] = PageText(title, body)


def get_page(store, page_id):
    page = store.pages.get(page_id)
    if page is None and page_id in PAGES:
        title, body = PAGES[page_id]
        page = PageText(title, body)
    return page


def save_page(store, page_id, title, body, actor, when=None):
    if page_id not in PAGES:
        raise KeyError(page_id)
    title = (title or "").strip()[:100] or PAGES[page_id][0]
    body = (body or "").replace("\r\n", "\n").strip()[:MAX_BODY]
    store.pages[page_id] = PageText(title, body, actor, when or clock.now())
    return store.pages[page_id]


def paragraphs(body):
    """Blank-line separated paragraphs, each a list of its lines (for escaped output)."""
    out = []
    for block in (body or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out
