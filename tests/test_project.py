"""Project-wide guards: migrations, translations, CSP-safe templates, production settings."""

import gettext
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "sakoo").glob("*/templates"))]


def _po_files():
    return [ROOT / "locale" / "fa" / "LC_MESSAGES" / "django.po", *sorted((ROOT / "sakoo").glob("*/locale/fa/LC_MESSAGES/django.po"))]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()}") if exc.code else None


@pytest.mark.parametrize("po_path", _po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_persian_catalogue_is_complete_and_compiled(po_path):
    text = po_path.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, flags=re.M)
    untranslated = [msgid for msgid, msgstr in pairs if not msgstr]
    assert untranslated == [], f"untranslated in {po_path}"
    fuzzy = "#, fuzzy" in text.replace("#, fuzzy\nmsgid \"\"", "")
    assert not fuzzy, f"fuzzy entries in {po_path}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is not compiled"
    with mo_path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, msgstr in pairs[:50]:
        if "\\" in msgid or "%" in msgid:
            continue
        assert catalogue.gettext(msgid) == msgstr.replace('\\"', '"'), f"{mo_path} is older than its .po"


def _template_files():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))


def test_templates_have_no_inline_scripts_or_styles():
    offenders = []
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0) and 'type="application/json"' not in match.group(0):
                offenders.append(f"{path}: inline <script>")
        if re.search(r"\sstyle\s*=", text) or "<style" in text:
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path}: inline event handler")
    assert offenders == []


def test_production_settings_refuse_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    env["SAKOO_ENV"] = "production"
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings'); django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    env = {k: v for k, v in os.environ.items() if k not in {"ALLOWED_HOSTS", "DEBUG"}}
    env.update(SAKOO_ENV="production", SECRET_KEY="x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789")
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings'); django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only setting")
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_no_product_code_reads_shared_data():
    offenders = []
    for path in (ROOT / "sakoo").rglob("*.py"):
        if "/tests/" in str(path):
            continue
        if "../shared" in path.read_text(encoding="utf-8") or "shared/data" in path.read_text(encoding="utf-8"):
            offenders.append(str(path))
    assert offenders == []
