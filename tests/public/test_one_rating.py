"""The satisfaction rating is one document: staff complete what the petitioner submitted
through the query code (填写文书 opens that draft), and start a blank one only when there is none."""

from datetime import timedelta

from pyramid.traversal import find_resource

from portal import clock

from .seeding import FULL, PETITIONER


def recent_replied_case(seed):
    return seed(received_on=clock.today() - timedelta(days=10), days_per_step=1, steps=FULL)


def _ratings(app, site_of, path):
    from portal.documents.api import documents_in

    with site_of(app) as site:
        return [(d.author, d.state) for d in documents_in(find_resource(site, path), "satisfaction_rating")]


def test_staff_continue_the_petitioners_rating(app, seed, anon, staff_app, pending_code, do_lookup, site_of):
    path = recent_replied_case(seed)
    officer = staff_app("zy_officer")
    code = pending_code(officer, path)
    form = do_lookup(anon, code, PETITIONER["phone"][-4:]).follow().forms["rate-form"]
    form["rating"] = "satisfied"
    form.submit().follow()
    assert len(_ratings(app, site_of, path)) == 1
    res = officer.get(path + "/@@add-document", {"code": "satisfaction_rating"}, status=302)
    assert res.location.endswith("/@@edit")
    page = res.follow()
    assert "信访人已提交“满意度评价表”（草稿）" in page.text
    checked = page.html.select_one(".item-rating input[checked]")
    assert checked["value"] == "satisfied"  # the petitioner's answer, not a blank form
    page.forms["portal-form"].submit("save", status=302)
    ratings = _ratings(app, site_of, path)
    assert len(ratings) == 1, ratings


def test_without_a_public_rating_staff_fill_a_new_one(app, seed, staff_app):
    path = recent_replied_case(seed)
    officer = staff_app("zy_officer")
    page = officer.get(path + "/@@add-document", {"code": "satisfaction_rating"}, status=200)
    assert page.html.select_one(".item-rating") is not None
    assert page.html.select_one(".item-rating input[checked]") is None
