"""Security headers on every URL pattern, and the production settings' checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.permission_matrix import ADMIN_MODELS, PAGES
from tests.permission_matrix.urls import ADMIN_CASES, UNNAMED_ADMIN, all_url_names


def _clean_env(**extra) -> dict:
    """The environment for a fresh process, without what the browser harness sets."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(extra)
    return env


def _assert_headers(response, label):
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'none'" in csp, label
    assert "script-src 'self'" in csp, label
    assert "'unsafe-inline'" not in csp, label
    assert "frame-ancestors 'none'" in csp, label
    assert response.headers.get("X-Content-Type-Options") == "nosniff", label
    assert response.headers.get("X-Frame-Options") == "DENY", label
    assert response.headers.get("Referrer-Policy") == "same-origin", label
    policy = response.headers.get("Permissions-Policy", "")
    assert "camera=()" in policy, label
    assert "geolocation=()" in policy, label


def _every_url(world):
    """One concrete URL for each URL pattern that takes no secret from an e-mail."""
    for name in sorted(all_url_names()):
        if name in PAGES:
            _method, kwargs_for, _expected = PAGES[name]
            yield name, reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
        elif name in ADMIN_CASES:
            model, page, _expected = ADMIN_CASES[name]
            kwargs = None
            if page in {"change", "delete", "history"}:
                kwargs = {"object_id": ADMIN_MODELS[model][0](world).pk}
            yield name, reverse(name, kwargs=kwargs)
        elif name in UNNAMED_ADMIN:
            path = "/" + name.removeprefix("<unnamed ").removesuffix(">")
            yield name, path.replace("<path:object_id>", "1").replace("(?P<url>.*)$", "x/")
        else:
            try:
                yield name, reverse(name)
            except Exception:
                yield name, None


@pytest.mark.parametrize("role", ["anonymous", "ngo_admin", "coordinator"])
def test_every_url_pattern_sends_the_security_headers(client, world, role):
    user = world.user(role)
    if user:
        client.force_login(user)
    checked = 0
    for name, url in _every_url(world):
        if url is None:
            continue
        _assert_headers(client.get(url), f"{role} {name} {url}")
        checked += 1
    assert checked > 50


def test_error_pages_and_pdfs_send_the_headers_too(client, world):
    _assert_headers(client.get("/no-such-page/"), "404")
    client.force_login(world.coordinator)
    _assert_headers(client.get(reverse("cooperation:directory_pdf")), "pdf")


def test_script_tags_carry_the_nonce_of_the_header(client, world):
    response = client.get(reverse("cooperation:home"))
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_production_settings_pass_the_deploy_check():
    env = _clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 20 + "a-long-and-random-production-secret-key-for-the-check",
        ALLOWED_HOSTS="kumppani.example.fi",
        EMAIL_HOST="smtp.example.fi",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = _clean_env(DJANGO_SETTINGS_MODULE="config.settings.production")
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_cookies_are_host_bound_and_secure():
    env = _clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k" * 60,
        EMAIL_HOST="smtp.example.fi",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    name, csrf, secure, hsts = result.stdout.split()
    assert name.startswith("__Host-")
    assert csrf.startswith("__Host-")
    assert secure == "True"
    assert int(hsts) >= 31536000


def test_the_web_server_names_no_server_software(tmp_path):
    """gunicorn, run as the Dockerfile runs it (config/gunicorn.py), answers
    without "Server: gunicorn"."""
    import http.client
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 (our own gunicorn, our own arguments)
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "-c",
            "config/gunicorn.py",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=settings.BASE_DIR,
        env=_clean_env(DJANGO_SETTINGS_MODULE="config.settings.test"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/static/nothing-here.css")
                response = connection.getresponse()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        server = response.getheader("Server", "")
        assert "gunicorn" not in server.lower()
        assert server == "Kumppani"
    finally:
        process.terminate()
        process.wait(timeout=10)
