"""``pshell INI`` opens the portal with the names of ``portal.operations.shell.setup``, and the
console scripts reach the site the same way (``portal.storage.scripts.run_on_site``)."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.testing.web import BASE_SETTINGS, file_uri

ROOT = Path(__file__).resolve().parents[2]


def shell_ini(tmp_path, db_dir, source="development.ini"):
    """An ini on a copy of ``db_dir`` whose ``[pshell]`` section is the one ``source`` ships."""
    target = tmp_path / "db"
    shutil.copytree(db_dir, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))
    shipped = configparser.ConfigParser(interpolation=None)
    shipped.read(ROOT / source)
    settings = dict(BASE_SETTINGS, **{"zodbconn.uri": file_uri(target)})
    ini = tmp_path / "shell.ini"
    ini.write_text(
        "[app:main]\nuse = egg:zz-petition-portal\n"
        + "".join(f"{k} = {v}\n" for k, v in settings.items())
        + f"\n[pshell]\nsetup = {shipped['pshell']['setup']}\n"
    )
    return ini


def pshell(ini, commands):
    script = Path(sys.executable).with_name("pshell")
    return subprocess.run(
        [str(script), str(ini)],
        input=commands,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
    )


@pytest.mark.parametrize("source", ["development.ini", "production.ini"])
def test_the_shipped_ini_files_name_the_shell_setup(source):
    shipped = configparser.ConfigParser(interpolation=None)
    shipped.read(ROOT / source)
    assert shipped["pshell"]["setup"] == "portal.operations.shell.setup"


def test_pshell_offers_the_site_a_finder_and_the_transaction(tmp_path, demo_db_dir):
    ini = shell_ini(tmp_path, demo_db_dir)
    done = pshell(
        ini,
        "print('SITE', site.title, site is root)\n"
        "print('FOUND', find('/zhongyuan').title)\n"
        "find('/zhongyuan').title = '中原区教育局（改）'\n"
        "tm.commit()\n"
        "print('TODAY', today.year > 2000)\n",
    )
    assert done.returncode == 0, done.stderr
    assert "SITE 郑州市教育局 True" in done.stdout
    assert "FOUND 中原区教育局" in done.stdout
    assert "TODAY True" in done.stdout
    again = pshell(ini, "print('AFTER', find('/zhongyuan').title)\n")
    assert "AFTER 中原区教育局（改）" in again.stdout, again.stderr


def test_a_script_on_an_unevolved_database_says_so_and_leaves_it_closed(unevolved_ini, capsys):
    from portal.reports.reminders import main

    ini = unevolved_ini
    assert main([str(ini)]) == 2
    assert "请先运行 portal-evolve" in capsys.readouterr().err
    # the first run closed the database: a lock left behind would stop the second
    assert main([str(ini)]) == 2
