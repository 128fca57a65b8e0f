"""Public pages that the office edits: reception days (接待日安排) and rules (信访须知)."""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from portal import clock

from . import pages, receptions
from .rendering import page
from .security import VIEW_PUBLIC, PublicArea
from .views_progress import public_store, unit_titles


@view_config(route_name="public", context=PublicArea, name="reception", permission=VIEW_PUBLIC)
def reception(context, request):
    store = public_store(request)
    entries = receptions.upcoming(store, clock.today())
    return page(
        request,
        "reception.pt",
        "reception",
        entries=entries,
        titles=unit_titles(request, [e.unit_path for e in entries]),
    )


@view_config(route_name="public", context=PublicArea, name="rules", permission=VIEW_PUBLIC)
def rules(context, request):
    store = public_store(request)
    page_id = request.subpath[0] if request.subpath else next(iter(pages.PAGES))
    if len(request.subpath) > 1 or page_id not in pages.PAGES:
        raise HTTPNotFound()
    text = pages.get_page(store, page_id)
    contacts = []
    if page_id == "channels":
        places = {}
        for entry in store.receptions.values():
            places.setdefault(entry.unit_path, entry.place)
        titles = unit_titles(request, places)
        contacts = sorted((titles[p], place) for p, place in places.items() if titles[p])
    index = [(pid, pages.get_page(store, pid).title) for pid in pages.PAGES]
    return page(
        request,
        "rules.pt",
        "rules",
        page=text,
        page_id=page_id,
        index=index,
        paragraphs=pages.paragraphs(text.body),
        contacts=contacts,
    )
