"""Login protection: lock-out after repeated failures, Argon2, security headers, the Vietnamese CSRF page, sign-ins
and failed sign-ins in the change log, and the health check."""

from __future__ import annotations

import pytest
from axes.utils import reset
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from ktxh.history.models import ChangeRecord

PASSWORD = "mat-khau-dung-9x!"


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("canbo", password=PASSWORD)


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_right_password_is_refused_after_repeated_failures_until_unlocked(officer, client):
    for _attempt in range(2):
        response = _login(client, "canbo", "sai")
        assert response.status_code == 200 and not _signed_in(client)
    response = _login(client, "canbo", "sai")
    assert response.status_code == 429
    response = _login(client, "canbo", PASSWORD)
    assert response.status_code == 429 and not _signed_in(client)
    page = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in page and "15 phút" in page
    assert 'name="password"' in page  # the sign-in page itself, with the message
    # another user name is not affected: offices share one address
    other = get_user_model().objects.create_user("canbo2", password=PASSWORD)
    assert _login(Client(), other.username, PASSWORD).status_code == 302
    reset(username="canbo")  # what the administrator does (or the cool-off running out)
    assert _login(client, "canbo", PASSWORD).status_code == 302 and _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_sign_ins_and_failures_are_in_the_change_log(officer, client):
    _login(client, "canbo", "sai")
    _login(client, "khong-co-ai", "sai")
    _login(client, "canbo", "sai")
    _login(client, "canbo", PASSWORD)  # locked out
    reset(username="canbo")
    _login(client, "canbo", PASSWORD)
    client.post(reverse("logout"))
    signs = ["login", "logout", "login_failed"]  # the user's creation is in the log too, before them
    records = list(ChangeRecord.objects.filter(object_type="auth.user", action__in=signs).order_by("id"))
    assert [(r.action, r.actor, r.object_id) for r in records] == [
        ("login_failed", "canbo", officer.pk),
        ("login_failed", "khong-co-ai", None),
        ("login_failed", "canbo", officer.pk),
        ("login_failed", "canbo", officer.pk),
        ("login", "canbo", officer.pk),
        ("logout", "canbo", officer.pk),
    ]
    assert [r.after["locked_out"] for r in records[:4]] == [
        False,
        False,
        True,
        True,
    ]  # the failure that reaches the limit locks
    assert records[4].user == officer and records[4].after["address"] == "127.0.0.1"


def test_new_passwords_use_argon2_and_old_hashes_still_sign_in(db, client):
    user = get_user_model().objects.create_user("moi", password=PASSWORD)
    assert user.password.startswith("argon2$")
    old = get_user_model().objects.create(username="cu", password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    assert old.password.startswith("pbkdf2_sha256$")
    assert _login(client, "cu", PASSWORD).status_code == 302
    old.refresh_from_db()
    assert old.password.startswith("argon2$")  # upgraded on sign-in


def test_weak_passwords_are_refused():
    for weak in ("12345678", "password123", "12345678901"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)


def test_password_rules_speak_vietnamese(db):
    from django.utils import translation

    user = get_user_model()(username="nguyenvanthang", first_name="Nguyễn Văn Thắng")
    with translation.override("vi"):
        for weak, said in [
            ("12345678", "quá phổ biến"),
            ("8462917305", "hoàn toàn là số"),
            ("nguyenvanthang", "quá giống"),
            ("ngắn", "quá ngắn"),
        ]:
            with pytest.raises(ValidationError) as refused:
                validate_password(weak, user)
            assert any(said in message for message in refused.value.messages), refused.value.messages


def test_security_headers(db, client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "Strict-Transport-Security" not in response  # plain HTTP: no HSTS
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = Client().get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_csrf_failure_page_is_vietnamese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in page and "CSRF" not in page


def test_health_check(db, client, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]

    from django.db import connection

    def unreachable():
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "error", "database": "unreachable"}
