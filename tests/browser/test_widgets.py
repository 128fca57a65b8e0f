"""deform's widgets run on the maintained jQuery the frame loads (deform 3 ships 2.0.3)."""


def test_registration_form_widgets_work_on_the_maintained_jquery(page, sign_in):
    sign_in(page, "zy_officer")
    page.goto("/zhongyuan/@@register-case")
    assert page.evaluate("window.jQuery.fn.jquery") == "3.7.1"
    sources = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert not [s for s in sources if "jquery-2." in s]
    # the sequence widget adds a representative's fields; the date widget takes a date
    before = page.locator("input[name='name']").count()
    page.get_by_text("添加代表").click()
    assert page.locator("input[name='name']").count() == before + 1
    date = page.locator("input[type=date]").first
    date.fill("2026-11-20")
    assert date.input_value() == "2026-11-20"


def test_the_old_jquery_url_serves_the_maintained_one(page):
    response = page.request.get("/deform_static/scripts/jquery-2.0.3.min.js")
    assert response.ok and "jQuery v3.7.1" in response.text()
