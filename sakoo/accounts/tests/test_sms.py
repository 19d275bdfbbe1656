import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone

from sakoo.accounts.models import OneTimeCode
from sakoo.accounts.sms import ConsoleSMSBackend, HttpGatewaySMSBackend, SMSError, SMSMessage

pytestmark = pytest.mark.django_db


def test_console_backend_prints_the_message_with_a_masked_number():
    stream = StringIO()
    ConsoleSMSBackend(stream).send(SMSMessage("09121234567", "Sakoo code: 123456"))
    assert stream.getvalue() == "[SMS to 0912*****67] Sakoo code: 123456\n"


@pytest.fixture
def gateway():
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], json.loads(body)))
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", received, Handler
    server.shutdown()


def test_http_gateway_posts_json_with_the_token(settings, gateway):
    url, received, _handler = gateway
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TOKEN = url, "secret-token"
    HttpGatewaySMSBackend().send(SMSMessage("09121234567", "hello"))
    assert received == [("Bearer secret-token", {"to": "09121234567", "text": "hello"})]


def test_http_gateway_error_voids_the_code_and_says_so(client, settings, gateway):
    url, _received, handler = gateway
    handler.status = 500
    settings.SMS_BACKEND = "sakoo.accounts.sms.HttpGatewaySMSBackend"
    settings.SMS_GATEWAY_URL = url
    response = client.post(reverse("accounts:login"), {"phone": "09121234567"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "پیامک هم‌اکنون فرستاده نشد. لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید."
    ]
    code = OneTimeCode.objects.get()
    assert code.expires_at <= timezone.now()


def test_http_gateway_unreachable_raises_sms_error(settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"
    with pytest.raises(SMSError):
        HttpGatewaySMSBackend().send(SMSMessage("09121234567", "hello"))


def test_gateway_without_url_fails_the_system_check(settings):
    from sakoo.accounts.checks import check_sms_backend

    settings.SMS_BACKEND = "sakoo.accounts.sms.HttpGatewaySMSBackend"
    settings.SMS_GATEWAY_URL = ""
    assert [m.id for m in check_sms_backend(None)] == ["sakoo.accounts.E001"]
    settings.SMS_GATEWAY_URL = "https://sms.example.ir/send"
    assert check_sms_backend(None) == []


def test_development_console_shows_the_code_and_only_a_masked_number(client, settings, capsys):
    import re

    settings.SMS_BACKEND = "sakoo.accounts.sms.ConsoleSMSBackend"
    client.post(reverse("accounts:login"), {"phone": "09121234567"})
    out = capsys.readouterr().out
    assert re.fullmatch(r"\[SMS to 0912\*\*\*\*\*67\] Sakoo code: [0-9]{6}\n[^\n]+\n", out)
