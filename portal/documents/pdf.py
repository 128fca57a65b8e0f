"""PDF through WeasyPrint: the same HTML as the printable page, Chinese fonts embedded.

The print stylesheet names Noto Serif CJK SC / Noto Sans CJK SC (Debian's fonts-noto-cjk);
WeasyPrint finds them through fontconfig and embeds the subset of glyphs the document uses,
so the PDF reads the same on a machine without those fonts. The HTML carries its stylesheet
inline and loads nothing else, so no URL is fetched while rendering.
"""

from .printing import page_html

MEDIA_TYPE = "application/pdf"


def html_to_pdf(html):
    """Render a complete HTML page to PDF bytes (slow-ish: about a second a document)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    return HTML(string=html, base_url=None).write_pdf(font_config=FontConfiguration())


def render_document(html):
    """The laid-out WeasyPrint document of a complete HTML page (pages, anchors), for callers
    that add to the PDF afterwards (``scans``)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    return HTML(string=html, base_url=None).render(font_config=FontConfiguration())


def document_pdf(doc, request=None, disclosure=None):
    """The PDF of one document, as printed by ``@@print`` (``disclosure``: see printing)."""
    return html_to_pdf(page_html(doc, request, disclosure))
