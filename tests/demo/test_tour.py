"""``./dev demo`` prints the accounts and a short tour: which account to try for which job."""

from portal.demo.populate import DEMO_ACCOUNTS, TOUR, print_accounts
from portal.demo.story import STORY_ACCOUNTS


def test_the_tour_names_only_demo_accounts_and_is_printed(capsys):
    logins = {a[0] for a in DEMO_ACCOUNTS + STORY_ACCOUNTS}
    assert all(who in logins for who, _ in TOUR[1:])
    print_accounts()
    out = capsys.readouterr().out
    assert "体验路线" in out and "zy_s01_liaison" in out and "网上信访" in out


def test_portal_demo_prints_the_story_accounts_when_the_ini_tells_the_story(capsys):
    from pathlib import Path

    from portal.demo.script import main

    ini = Path(__file__).resolve().parents[2] / "development.ini"
    assert main([str(ini)]) == 0
    out = capsys.readouterr().out
    assert "js_leader" in out and "体验路线" in out
