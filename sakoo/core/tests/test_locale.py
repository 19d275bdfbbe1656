"""The core's Persian catalogue is complete and compiled."""

import subprocess
from pathlib import Path

import sakoo.core

LC = Path(sakoo.core.__file__).parent / "locale" / "fa" / "LC_MESSAGES"


def test_every_message_is_translated_and_the_mo_is_current(tmp_path):
    po = LC / "django.po"
    header = po.read_text(encoding="utf-8")
    assert "charset=UTF-8" in header
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in header
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr
    assert (tmp_path / "django.mo").read_bytes() == (LC / "django.mo").read_bytes()
