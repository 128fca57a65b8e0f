"""Chinese by default, English as the second locale; colander's own messages in Chinese."""

from portal.testing.web import csrf_token, login


def test_interface_is_chinese_by_default(testapp):
    page = testapp.get("/login")
    assert 'lang="zh-CN"' in page.text and "用户登录" in page.text


def test_english_locale_translates_the_frame(testapp):
    testapp.get("/@@set-locale", {"locale": "en"}, status=302)
    page = testapp.get("/login")
    assert 'lang="en"' in page.text
    assert "Sign in" in page.text and "用户登录" not in page.text


def test_unsupported_locale_is_ignored(testapp):
    testapp.get("/@@set-locale", {"locale": "xx"}, status=302)
    assert "用户登录" in testapp.get("/login").text


def test_colander_required_message_is_chinese(testapp):
    login(testapp, "zy_head")
    res = testapp.post(
        "/zhongyuan/@@edit-unit", {"title": "", "code": "", "save": "1", "csrf_token": csrf_token(testapp)}
    )
    assert "必需" in res.text  # colander's zh_Hans catalog serving zh_CN
    assert "Required" not in res.text


def test_compiled_catalog_matches_its_source():
    """The committed .mo must be compiled from the committed .po (pybabel compile)."""
    from pathlib import Path

    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    import portal.i18n

    base = Path(portal.i18n.__file__).parent / "locale" / "en" / "LC_MESSAGES"
    with open(base / "portal.po", "rb") as f:
        po = {m.id: m.string for m in read_po(f) if m.id}
    with open(base / "portal.mo", "rb") as f:
        mo = {m.id: m.string for m in read_mo(f) if m.id}
    assert po == mo


def _catalog(name):
    from pathlib import Path

    from babel.messages.pofile import read_po

    import portal.i18n

    with open(Path(portal.i18n.__file__).parent / "locale" / name, "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_template_is_what_lingua_extracts_today(tmp_path):
    """portal.pot holds exactly the messages marked in the sources (run pot-create after marking)."""
    import subprocess
    import sys
    from pathlib import Path

    import portal

    root = Path(portal.__file__).parent.parent
    out = tmp_path / "portal.pot"
    pot_create = Path(sys.executable).parent / "pot-create"
    subprocess.run(
        [pot_create, "-c", "lingua.cfg", "-d", "portal", "-o", out, "portal", "schemas", "workflows"],
        cwd=root,
        check=True,
    )
    from babel.messages.pofile import read_po

    with open(out, "rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    assert extracted == set(_catalog("portal.pot"))


def test_every_message_has_its_english_translation():
    english = _catalog("en/LC_MESSAGES/portal.po")
    missing = sorted(set(_catalog("portal.pot")) - {k for k, v in english.items() if v})
    assert missing == []


def test_the_public_area_speaks_chinese_whatever_the_visitor_chose(testapp):
    """Public answers are cached by URL for everyone: an English visitor must not shape them."""
    testapp.get("/@@set-locale", {"locale": "en"}, status=302)
    assert 'lang="en"' in testapp.get("/login").text  # the choice holds on staff pages
    for path in ("/public/petition?first=english", "/public/query?_LOCALE_=en"):  # rendered first for them
        page = testapp.get(path)
        assert "信访" in page.text and "Petition" not in page.text, path
