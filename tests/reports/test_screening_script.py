"""The monthly full-screening reminder as a console script: once a month, however often run."""

import shutil

from portal.reports.reminders import main
from portal.testing.web import BASE_SETTINGS, file_uri


def test_screening_reminder_script_runs_once_a_month(tmp_path, demo_db_dir, capsys):
    target = tmp_path / "db"
    shutil.copytree(demo_db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    ini = tmp_path / "remind.ini"
    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": file_uri(target)})
    ini.write_text(
        "[app:main]\nuse = egg:zz-petition-portal\n" + "".join(f"{k} = {v}\n" for k, v in settings.items())
    )
    assert main([str(ini)]) == 0
    first = capsys.readouterr().out
    assert "已提醒" in first and "已提醒 0 人" not in first
    assert main([str(ini)]) == 0
    assert "本月已提醒过，未重复发送" in capsys.readouterr().out
