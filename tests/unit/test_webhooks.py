"""Webhooks: a request signed with the endpoint's secret unwraps into its typed event; a bad
or missing signature, a stale or future timestamp, or a missing secret raises a typed error
that never shows the secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest

from async_openai_wasm import (
    Client,
    InvalidArgumentError,
    InvalidWebhookSignatureError,
    MockTransport,
    OpenAIConfig,
    Response,
    WebhookTimestampError,
)
from async_openai_wasm.types import webhooks as webhook_types
from async_openai_wasm.types.webhooks import (
    UnknownWebhookEvent,
    WebhookRealtimeCallIncoming,
    WebhookResponseCompleted,
)
from support.spec import TRIMMED_SPEC, trim_script

# The Standard Webhooks test vector (the scheme's reference libraries check the same one).
VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TIMESTAMP = 1614265330
VECTOR_PAYLOAD = '{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

SECRET = "whsec_" + base64.b64encode(b"a secret of the endpoint").decode()
EVENT = {
    "id": "evt_1",
    "object": "event",
    "type": "response.completed",
    "created_at": 1719168000,
    "data": {"id": "resp_1"},
}


def webhooks() -> Any:
    client = Client(OpenAIConfig(api_key="sk-x"), transport=MockTransport(lambda r: Response(200)))
    return client.webhooks


def signed(
    payload: str, *, secret: str = SECRET, at: int | None = None, webhook_id: str = "wh_1"
) -> dict[str, str]:
    timestamp = str(int(time.time()) if at is None else at)
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.{payload}".encode(), hashlib.sha256)
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1," + base64.b64encode(digest.digest()).decode(),
    }


def test_the_standard_webhooks_vector_verifies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: VECTOR_TIMESTAMP + 10)
    headers = {
        "webhook-id": VECTOR_ID,
        "webhook-timestamp": str(VECTOR_TIMESTAMP),
        "webhook-signature": VECTOR_SIGNATURE,
    }
    webhooks().verify_signature(VECTOR_PAYLOAD, headers, secret=VECTOR_SECRET)
    webhooks().verify_signature(VECTOR_PAYLOAD.encode(), headers, secret=VECTOR_SECRET)
    with pytest.raises(InvalidWebhookSignatureError, match="no signature"):
        webhooks().verify_signature('{"test": 2432232315}', headers, secret=VECTOR_SECRET)


def test_unwrap_gives_the_typed_event() -> None:
    payload = json.dumps(EVENT)
    event = webhooks().unwrap(payload, signed(payload), secret=SECRET)
    assert isinstance(event, WebhookResponseCompleted)
    assert (event.id, event.data.id, event.created_at) == ("evt_1", "resp_1", 1719168000)

    call = {
        **EVENT,
        "type": "realtime.call.incoming",
        "data": {"call_id": "rtc_1", "sip_headers": [{"name": "From", "value": "sip:a@b"}]},
    }
    payload = json.dumps(call)
    event = webhooks().unwrap(payload.encode(), signed(payload), secret=SECRET)
    assert isinstance(event, WebhookRealtimeCallIncoming)
    assert event.data.call_id == "rtc_1" and event.data.sip_headers[0].value == "sip:a@b"


def test_an_event_type_not_known_yet_is_kept() -> None:
    payload = json.dumps({**EVENT, "type": "video.completed", "data": {"id": "v1"}, "x": 1})
    event = webhooks().unwrap(payload, signed(payload), secret=SECRET)
    assert isinstance(event, UnknownWebhookEvent)
    assert event.type == "video.completed" and event.x == 1  # type: ignore[attr-defined]


def test_every_webhook_event_of_the_spec_unwraps_into_its_type() -> None:
    schemas = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    names = sorted(name for name in schemas if name.startswith("Webhook"))
    assert len(names) >= 16
    sampler = trim_script().Sampler(schemas)
    for name in names:
        payload = json.dumps(sampler.sample({"$ref": f"#/components/schemas/{name}"}))
        event = webhooks().unwrap(payload, signed(payload), secret=SECRET)
        assert type(event) is getattr(webhook_types, name), name


def test_several_signatures_in_one_header_one_of_them_valid() -> None:
    payload = json.dumps(EVENT)
    headers = signed(payload)
    rotated = signed(payload, secret="whsec_" + base64.b64encode(b"old").decode())
    headers["webhook-signature"] = (
        f"v1a,c29tZXRoaW5n v1,not-base64! {rotated['webhook-signature']} "
        f"{headers['webhook-signature']}"
    )
    webhooks().verify_signature(payload, headers, secret=SECRET)


def test_the_secret_defaults_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = json.dumps(EVENT)
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    assert webhooks().unwrap(payload, signed(payload)).id == "evt_1"
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET")
    with pytest.raises(InvalidArgumentError, match="OPENAI_WEBHOOK_SECRET"):
        webhooks().unwrap(payload, signed(payload))


def test_a_secret_without_the_prefix_is_used_as_it_is() -> None:
    payload = json.dumps(EVENT)
    key = "plain-secret"
    digest = hmac.new(key.encode(), f"wh_1.{int(time.time())}.{payload}".encode(), hashlib.sha256)
    headers = {
        **signed(payload),
        "webhook-signature": "v1," + base64.b64encode(digest.digest()).decode(),
    }
    webhooks().verify_signature(payload, headers, secret=key)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"webhook-signature": "v1,AAAA"}, InvalidWebhookSignatureError, "no signature"),
        ({"webhook-id": "wh_2"}, InvalidWebhookSignatureError, "no signature"),
        ({"webhook-timestamp": "soon"}, InvalidWebhookSignatureError, "webhook-timestamp"),
        ({"webhook-signature": None}, InvalidWebhookSignatureError, "no webhook-signature"),
        ({"webhook-id": None}, InvalidWebhookSignatureError, "no webhook-id"),
    ],
)
def test_a_bad_request_raises_a_typed_error(
    change: dict[str, str | None], error: type[Exception], message: str
) -> None:
    payload = json.dumps(EVENT)
    headers: dict[str, Any] = {**signed(payload), **change}
    headers = {name: value for name, value in headers.items() if value is not None}
    with pytest.raises(error, match=message) as caught:
        webhooks().unwrap(payload, headers, secret=SECRET)
    assert SECRET not in str(caught.value) and SECRET[6:] not in str(caught.value)


def test_a_changed_payload_fails() -> None:
    payload = json.dumps(EVENT)
    headers = signed(payload)
    with pytest.raises(InvalidWebhookSignatureError):
        webhooks().unwrap(payload.replace("resp_1", "resp_2"), headers, secret=SECRET)
    with pytest.raises(InvalidWebhookSignatureError):
        webhooks().unwrap(payload, headers, secret="whsec_" + base64.b64encode(b"x").decode())


def test_timestamps_outside_the_tolerance_are_refused() -> None:
    payload = json.dumps(EVENT)
    now = int(time.time())
    with pytest.raises(WebhookTimestampError, match="ago"):
        webhooks().verify_signature(payload, signed(payload, at=now - 400), secret=SECRET)
    with pytest.raises(WebhookTimestampError, match="future"):
        webhooks().verify_signature(payload, signed(payload, at=now + 400), secret=SECRET)
    # Within the tolerance, and with a wider one.
    webhooks().verify_signature(payload, signed(payload, at=now - 200), secret=SECRET)
    webhooks().verify_signature(
        payload, signed(payload, at=now - 400), secret=SECRET, tolerance=600
    )
    assert issubclass(WebhookTimestampError, InvalidWebhookSignatureError)


def test_header_names_match_in_any_case() -> None:
    payload = json.dumps(EVENT)
    headers = {name.title(): value for name, value in signed(payload).items()}
    assert webhooks().unwrap(payload, headers, secret=SECRET).id == "evt_1"


def test_a_malformed_secret_is_named_without_showing_it() -> None:
    payload = json.dumps(EVENT)
    with pytest.raises(InvalidArgumentError, match="not base64") as caught:
        webhooks().verify_signature(payload, signed(payload), secret="whsec_not*base64")
    assert "not*base64" not in str(caught.value)
