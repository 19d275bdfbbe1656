import os

import pytest

os.environ.setdefault("SAKOO_ENV", "test")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
