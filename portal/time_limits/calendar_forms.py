"""The two forms of the holiday-calendar page, as colander schemas with Chinese messages.

Contract: ``DaySchema`` yields ``{"day": date, "name": str}`` with ``day`` between
``FIRST_DAY`` and ``LAST_DAY`` (2000-01-01 .. 2100-12-31); ``YearSchema`` yields
``{"year": int}`` between 2000 and 2100. Anything else is refused at the field, in Chinese.
"""

from datetime import date

import colander
import deform

FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)

# Buttons of the day form (name -> Chinese title); the first is the primary action.
DAY_ACTIONS = {"set_holiday": "设为法定节假日", "set_working_day": "设为调休上班日", "clear_day": "清除设置"}
YEAR_ACTIONS = {"mark_year": "确认该年数据已录入", "unmark_year": "撤销确认"}


class IsoDate(colander.Date):
    err_template = "日期格式不正确，请按“年-月-日”填写，如 2026-10-01"


class Year(colander.Integer):
    def deserialize(self, node, cstruct):
        try:
            return super().deserialize(node, cstruct)
        except colander.Invalid:
            raise colander.Invalid(node, "年份须为四位数字，如 2027") from None


class DaySchema(colander.Schema):
    day = colander.SchemaNode(
        IsoDate(),
        title="日期",
        missing_msg="请填写日期",
        description="格式：年-月-日，如 2026-10-01",
        validator=colander.Range(
            FIRST_DAY,
            LAST_DAY,
            min_err="日期须在 2000-01-01 至 2100-12-31 之间",
            max_err="日期须在 2000-01-01 至 2100-12-31 之间",
        ),
        widget=deform.widget.TextInputWidget(attributes={"placeholder": "2026-10-01", "autocomplete": "off"}),
    )
    name = colander.SchemaNode(
        colander.String(),
        title="名称（可不填）",
        missing="",
        description="如 国庆节、春节；清除设置时不用填写",
        validator=colander.Length(max=20, max_err="名称最长20个字"),
    )


def year_node():
    """A year from 2000 to 2100, refused in Chinese otherwise (this page's and the year entry's)."""
    return colander.SchemaNode(
        Year(),
        title="年份",
        missing_msg="请填写年份",
        validator=colander.Range(
            FIRST_YEAR, LAST_YEAR, min_err="年份须在 2000 至 2100 之间", max_err="年份须在 2000 至 2100 之间"
        ),
        widget=deform.widget.TextInputWidget(attributes={"placeholder": "2027", "inputmode": "numeric"}),
    )


class YearSchema(colander.Schema):
    year = year_node()
