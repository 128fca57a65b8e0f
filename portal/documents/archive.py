"""Archive volumes (档案, 第五章第六节): one PDF per case or per unit and year.

A volume is a cover, the 卷内目录 (table of contents, page numbers filled in by WeasyPrint's
``target-counter``), the documents, and the 备考表 (note sheet). Documents in a volume are
signed-off versions only; of a corrected document, the latest signed-off version.

A case volume puts its documents in the order the regulation prescribes
(:data:`CASE_VOLUME_ORDER`, mapped to registry codes); case documents the order does not name
go with the attachments (附件). The copies of the petitioners' letters (群众来信复印件) are the
scans attached to the case as letters: they are printed last, before the 备考表, images and
PDF pages merged into the volume's PDF (``scans``); only for a reader who may see the
petitioner's identity, else one page says they are withheld.

A unit's yearly volume holds the unit's signed-off documents of that year (by date of
sign-off, Beijing time), and its records of the year -- reception days and registers, meeting
minutes, training records, the leading group and the training plan (:data:`RECORD_DATES`) --
by their own date, signed off or not: they record what happened, they are not issued. All in
the registry's order.

The case lifecycle will call::

    volume = case_volume(case, case_number='2026-0012', title='关于……的信访事项')
    pdf_bytes = volume_pdf(volume)
"""

from dataclasses import dataclass, field

from portal import clock
from portal.clock import format_date_cn
from schemas import document_types

from .api import documents_in
from .numbering import issuing_unit, year_of
from .pdf import html_to_pdf
from .printing import body_html, print_css
from .resource import Document
from .scans import Scan, merge_pdf_scans, scan_pages

_NAMED = (
    ("结案报告", ("closing_report",)),
    ("立案请示签", ("filing_request",)),
    ("领导包案登记表", ("ownership_register",)),
    ("结案呈批签", ("closing_approval",)),
    ("责任单位调查处理报告", ("investigation_report",)),
)
_AFTER = (
    ("信访事项受理告知单", ("acceptance_notice", "decline_notice", "forward_notice")),
    ("信访事项书面处理意见书及稳控措施", ("handling_opinion",)),
    ("群众来信复印件", ()),  # the scans attached to the case as letters (Volume.scans)
)
LETTERS = "群众来信复印件"
_USED = {c for _t, codes in _NAMED + _AFTER for c in codes}
ATTACHMENT_CODES = tuple(t.code for t in document_types() if t.context == "case" and t.code not in _USED)

#: (section title, registry codes) in the prescribed order of a case volume.
CASE_VOLUME_ORDER = _NAMED + (("附件（单据、证明、法律政策依据）", ATTACHMENT_CODES),) + _AFTER


@dataclass
class Entry:
    """One document of a volume and the section it is filed under."""

    section: str
    doc: Document


@dataclass
class Volume:
    """What a volume PDF prints. ``entries`` are in filing order."""

    title: str
    number: str
    unit_title: str
    period: str
    entries: list = field(default_factory=list)
    kind: str = "case"  # 'case' or 'year'
    compiled_by: str = ""
    compiled_on: str = ""
    notes: str = ""
    scans: list = field(default_factory=list)  # Scan rows, printed at their section


def current_signed(docs):
    """Of each version chain among ``docs``, the latest signed-off version."""
    chosen = []
    for doc in docs:
        if not doc.frozen:
            continue
        later = doc.superseded_by
        while later is not None and not later.frozen:
            later = later.superseded_by
        if later is None:
            chosen.append(doc)
    return chosen


def _filed_order(doc):
    return (doc.signed_at or doc.created, doc.__name__)


def case_entries(docs):
    """``docs`` in the prescribed order of a case volume, as :class:`Entry` rows."""
    entries = []
    for section, codes in CASE_VOLUME_ORDER:
        for code in codes:
            for doc in sorted((d for d in docs if d.code == code), key=_filed_order):
                entries.append(Entry(section, doc))
    return entries


def letter_scans(case):
    """The copies of the petitioners' letters attached to ``case`` (images and PDFs)."""
    from portal.attachments import attachments_of

    return [
        Scan(LETTERS, a)
        for a in attachments_of(case, kind="letter")
        if a.content_type.startswith("image/") or a.content_type == "application/pdf"
    ]


def case_volume(case, case_number, title, docs=None, compiled_by="", scans=None):
    """The volume of a case: its signed-off documents in the prescribed order, then the
    copies of the letters."""
    docs = current_signed(documents_in(case) if docs is None else docs)
    unit = issuing_unit(case)
    return Volume(
        title=title,
        number=case_number,
        unit_title=unit.title,
        period=format_date_cn(clock.now()),
        entries=case_entries(docs),
        kind="case",
        compiled_by=compiled_by,
        compiled_on=format_date_cn(clock.now()),
        scans=letter_scans(case) if scans is None else list(scans),
    )


#: Records of a unit's petition work filed in the yearly volume by their own date (code ->
#: the field holding it), whether signed off or not.
RECORD_DATES = {
    "leading_group": "established_on",
    "reception_schedule": "reception_date",
    "reception_register": "received_on",
    "meeting_minutes": "held_on",
    "training_plan": "year",
    "training_record": "end_on",
}


def record_year(doc):
    value = doc.appstruct.get(RECORD_DATES[doc.code])
    return value if isinstance(value, int) else getattr(value, "year", None)


def year_documents(unit, year):
    """The unit's documents of ``year``: records (:data:`RECORD_DATES`, latest versions) by
    their own date, other documents (latest signed versions) by their sign-off date."""
    everything = documents_in(unit)
    docs = [
        d for d in current_signed(everything) if d.code not in RECORD_DATES and year_of(d.signed_at) == year
    ]
    docs += [
        d for d in everything if d.code in RECORD_DATES and d.superseded_by is None and record_year(d) == year
    ]
    rank = {t.code: i for i, t in enumerate(document_types())}
    return sorted(docs, key=lambda d: (rank.get(d.code, 999),) + _filed_order(d))


def unit_year_volume(unit, year, compiled_by=""):
    """The yearly volume of ``unit``: its documents signed off in ``year``."""
    entries = [Entry(d.title, d) for d in year_documents(unit, year)]
    return Volume(
        title=f"{unit.title}{year}年度信访工作档案",
        number=f"{year}-{unit.code or unit.__name__ or 'root'}",
        unit_title=unit.title,
        period=f"{year}年",
        entries=entries,
        kind="year",
        compiled_by=compiled_by,
        compiled_on=format_date_cn(clock.now()),
    )


def volume_html(volume, request=None, disclosure=None):
    """The whole volume as one HTML page (cover, 卷内目录, documents, the letters, 备考表);
    identity as ``disclosure`` (a ``portal.cases.identity.Disclosure``; ``None``: masked) says.
    The scanned letters carry identity, so they are included only when it is shown."""
    show_identity = disclosure is not None and disclosure.shown
    from pyramid.renderers import render

    bodies = [body_html(e.doc, request, disclosure, first=False) for e in volume.entries]
    rows = [
        {
            "seq": i,
            "number": e.doc.number or "",
            "title": e.doc.title,
            "date": format_date_cn(e.doc.signed_at) if e.doc.signed_at else "",
            "anchor": f"doc-{e.doc.__name__}",
            "remark": "" if e.section == e.doc.title else e.section,
        }
        for i, e in enumerate(volume.entries, 1)
    ]
    scans = scan_pages(volume.scans) if show_identity else []
    for scan, pages in scans:
        rows.append(
            {
                "seq": len(rows) + 1,
                "number": "",
                "title": scan.title,
                "date": format_date_cn(scan.attachment.uploaded),
                "anchor": pages[0].anchor,
                "remark": f"扫描件，{len(pages)}页",
            }
        )
    withheld = len(volume.scans) if volume.scans and not show_identity else 0
    if withheld:
        rows.append(
            {
                "seq": len(rows) + 1,
                "number": "",
                "title": LETTERS,
                "date": "",
                "anchor": "scans-withheld",
                "remark": f"共{withheld}件，含信访人身份信息",
            }
        )
    return render(
        "portal.documents:templates/volume.pt",
        {
            "v": volume,
            "rows": rows,
            "bodies": bodies,
            "css": print_css(),
            "scans": scans,
            "withheld": withheld,
        },
        request=request,
    )


def volume_pdf(volume, request=None, disclosure=None):
    """The PDF of ``volume``: WeasyPrint fills in the page numbers of the 卷内目录; the pages
    of the scanned letters are then drawn onto their places (``scans``) when identity is shown."""
    html = volume_html(volume, request, disclosure)
    if not (disclosure is not None and disclosure.shown and volume.scans):
        return html_to_pdf(html)
    from .pdf import render_document

    document = render_document(html)
    return merge_pdf_scans(document, document.write_pdf(), volume.scans)
