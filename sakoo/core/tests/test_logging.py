"""Personal data never reaches the logs, whatever the digit script."""

import logging
import sys

import pytest

from sakoo.core.logging import MaskPersonalDataFilter, mask_personal


@pytest.mark.parametrize(
    ("message", "masked"),
    [
        ("OTP sent to 09121234567", "OTP sent to 09*********"),
        ("OTP sent to ۰۹۱۲۱۲۳۴۵۶۷", "OTP sent to 09*********"),
        ("OTP sent to ٠٩١٢١٢٣٤٥٦٧", "OTP sent to 09*********"),
        ("OTP sent to +98 912 123 4567", "OTP sent to 09*********"),
        ("OTP sent to 0098-912-123-4567", "OTP sent to 09*********"),
        ("OTP sent to ۰۹۱۲\u200e۱۲۳۴۵۶۷", "OTP sent to 09*********"),
        ("seeker 0499370899 saved", "seeker *******899 saved"),
        ("seeker ۰۴۹۹۳۷۰۸۹۹ saved", "seeker *******899 saved"),
        ("seeker 049-937089-9 saved", "seeker *******899 saved"),
        ("employer 10380284790", "employer ********790"),
        (
            "GET /atlas/ 200 at 2026-11-26 14:14:40, 1264524 active",
            "GET /atlas/ 200 at 2026-11-26 14:14:40, 1264524 active",
        ),
    ],
)
def test_mask_personal(message, masked):
    assert mask_personal(message) == masked


def test_filter_masks_message_arguments_and_exception_text():
    record = logging.LogRecord(
        "sakoo", logging.INFO, __file__, 1, "login for %s from %s", ("۰۹۱۲۱۲۳۴۵۶۷", "ip"), None
    )
    try:
        raise ValueError("bad national id 0499370899")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert MaskPersonalDataFilter().filter(record) is True
    assert record.getMessage() == "login for 09********* from ip"
    assert record.exc_text.splitlines()[-1] == "ValueError: bad national id *******899"
    assert "0499370899" not in logging.Formatter().format(record)


def test_filter_masks_extra_values():
    record = logging.LogRecord("sakoo.security", logging.INFO, __file__, 1, "login_failed", None, None)
    record.details = {"phone": "+98 912 123 4567", "attempts": 3}
    record.national_id = "۰۴۹۹۳۷۰۸۹۹"
    MaskPersonalDataFilter().filter(record)
    assert (record.details, record.national_id) == ({"phone": "09*********", "attempts": 3}, "*******899")
