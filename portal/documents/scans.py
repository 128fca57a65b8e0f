"""Scanned pages in an archive volume: the copies of the petitioners' letters (群众来信复印件)
in their prescribed place, images and PDFs merged into the volume's PDF.

Contract:

* A :class:`Scan` is a section title and a stored attachment (``portal.attachments``: an
  image or a PDF blob). :func:`scan_pages` turns the scans of a volume into the HTML pages the
  volume prints at that section: an image is one page holding the image; a PDF gets one
  placeholder page per page of its own (so the 卷内目录 and the page numbers count them), each
  with an anchor ``scan-<n>-<page>``.
* :func:`merge_pdf_scans` takes the rendered WeasyPrint document and its PDF bytes and draws
  each page of each scanned PDF onto its placeholder page, scaled to fit the page's content
  box below the caption; the page numbers stay as printed. The result is the volume's PDF.
* A scan that cannot be read (a damaged PDF) prints a page saying so instead of failing the
  whole volume.
"""

import base64
import io
from dataclasses import dataclass

from portal.attachments import open_attachment

MM = 72 / 25.4
#: The content box of a scan page (A4, the print stylesheet's margins, below the caption).
BOX = {"left": 25 * MM, "bottom": 22 * MM, "width": 163 * MM, "height": 236 * MM}


@dataclass(frozen=True)
class Scan:
    section: str
    attachment: object

    @property
    def title(self):
        return f"{self.section}（{self.attachment.name}）"


def _read(attachment):
    with open_attachment(attachment) as f:
        return f.read()


def _pdf_pages(data):
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # a damaged scan must not stop the volume
        return 0


@dataclass(frozen=True)
class Page:
    anchor: str
    caption: str
    image: str = ""  # a data: URI for an image scan
    placeholder: bool = False
    unreadable: bool = False


def scan_pages(scans):
    """[(scan, [Page])] in order: what the volume prints for each scan."""
    out = []
    for n, scan in enumerate(scans, 1):
        a = scan.attachment
        data = _read(a)
        caption = scan.title
        if a.content_type.startswith("image/"):
            uri = f"data:{a.content_type};base64,{base64.b64encode(data).decode('ascii')}"
            pages = [Page(f"scan-{n}-1", caption, image=uri)]
        else:
            count = _pdf_pages(data)
            pages = [
                Page(f"scan-{n}-{p}", f"{caption} 第{p}页", placeholder=True) for p in range(1, count + 1)
            ] or [Page(f"scan-{n}-1", caption, unreadable=True)]
        out.append((scan, pages))
    return out


def merge_pdf_scans(document, pdf_bytes, scans):
    """Draw every page of the PDF scans onto its placeholder page of ``document`` (a rendered
    WeasyPrint document whose ``write_pdf()`` gave ``pdf_bytes``); returns the merged PDF."""
    from pypdf import PdfReader, PdfWriter, Transformation

    targets = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("scan-"):
                targets[anchor] = index
    pdf_scans = [(n, s) for n, s in enumerate(scans, 1) if not s.attachment.content_type.startswith("image/")]
    if not pdf_scans or not targets:
        return pdf_bytes
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    for n, scan in pdf_scans:
        try:
            source = PdfReader(io.BytesIO(_read(scan.attachment)))
            pages = list(source.pages)
        except Exception:
            continue
        for p, page in enumerate(pages, 1):
            index = targets.get(f"scan-{n}-{p}")
            if index is None:
                continue
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            scale = min(BOX["width"] / width, BOX["height"] / height)
            dx = BOX["left"] + (BOX["width"] - width * scale) / 2 - float(page.mediabox.left) * scale
            dy = BOX["bottom"] + (BOX["height"] - height * scale) - float(page.mediabox.bottom) * scale
            writer.pages[index].merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
