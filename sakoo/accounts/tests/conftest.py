import pytest

from sakoo.accounts import sms


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """Every accounts test sends SMS into the in-memory outbox (read the codes from there)."""
    settings.SMS_BACKEND = "sakoo.accounts.sms.LocmemSMSBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()
