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


def _po_entries(text: str):
    """Yield (msgctxt, msgid, msgstrs) for each entry of a .po file (enough of the format for checks)."""
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                if current:
                    fields[current] += line[1:-1]
                continue
            key, _, value = line.partition(" ")
            current = key
            fields[key] = value[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        yield fields.get("msgctxt"), fields["msgid"], strs, fuzzy


def _unescape(value: str) -> str:
    return value.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


@pytest.mark.parametrize("po_path", _po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_persian_catalogue_is_complete_and_compiled(po_path):
    entries = list(_po_entries(po_path.read_text(encoding="utf-8")))
    assert entries, f"{po_path} is empty"
    untranslated = [msgid for _, msgid, strs, _ in entries if not all(strs)]
    assert untranslated == [], f"untranslated in {po_path}"
    fuzzy = [msgid for _, msgid, _, is_fuzzy in entries if is_fuzzy]
    assert fuzzy == [], f"fuzzy entries in {po_path}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is not compiled"
    with mo_path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for context, msgid, strs, _ in entries:
        if len(strs) != 1:
            continue
        msgid, msgstr = _unescape(msgid), _unescape(strs[0])
        got = catalogue.pgettext(_unescape(context), msgid) if context else catalogue.gettext(msgid)
        if got != msgstr:
            stale.append(msgid)
    assert stale == [], f"{mo_path} is older than its .po: recompile with msgfmt"


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
        # Templates under a pdf/ folder are rendered to PDF by WeasyPrint on the server, never served.
        if "pdf" not in path.name and "/pdf/" not in str(path) and (re.search(r"\sstyle\s*=", text) or "<style" in text):
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
