"""Who may reach the app: loopback only, unless sign-in is configured the Streamlit way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.auth import check_bind_address, is_loopback, user_id_of
from app.storage.models import LOCAL_USER
from evaluators.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from app.auth import auth_configured, check_bind_address\n"
    "check_bind_address('0.0.0.0', signed_in_only=auth_configured())\n"
)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_addresses_are_allowed_without_sign_in(host: str) -> None:
    assert is_loopback(host)
    check_bind_address(host, signed_in_only=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "coach.example.org", "", None])
def test_other_addresses_need_sign_in(host: str | None) -> None:
    with pytest.raises(InputError, match="without sign-in"):
        check_bind_address(host, signed_in_only=False)
    check_bind_address(host, signed_in_only=True)


def _probe(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_an_auth_section_in_secrets_toml_is_what_allows_a_public_address(tmp_path: Path) -> None:
    assert _probe(tmp_path).returncode != 0
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[auth]\nredirect_uri = "https://coach.example.org/oauth2callback"\n'
        'cookie_secret = "s"\nclient_id = "c"\nclient_secret = "x"\n'
        'server_metadata_url = "https://idp.example.org/.well-known/openid-configuration"\n'
    )
    assert _probe(tmp_path).returncode == 0


def test_users_are_told_apart_by_issuer_and_subject_never_as_the_local_user() -> None:
    assert user_id_of({"iss": "https://a", "sub": "42"}) != user_id_of(
        {"iss": "https://b", "sub": "42"}
    )
    assert user_id_of({"sub": LOCAL_USER}) != LOCAL_USER
    with pytest.raises(InputError):
        user_id_of({"iss": "https://a"})
