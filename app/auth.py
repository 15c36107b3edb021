"""Who may use this server: sign-in is Streamlit's own (``st.login``), set up the Streamlit way.

Team mode is on when ``.streamlit/secrets.toml`` has an ``[auth]`` section (``redirect_uri``,
``cookie_secret``, ``client_id``, ``client_secret``, ``server_metadata_url``): every visitor
then signs in with that OpenID Connect provider and gets their own data. Without it the app
is single-user, so it must never be reachable from another machine: ``coach run`` and the app
itself refuse any address but loopback.
"""

from __future__ import annotations

import ipaddress

import streamlit as st

from evaluators.errors import InputError

LOOPBACK_NAMES = frozenset({"localhost"})


def auth_configured() -> bool:
    """True when an OpenID Connect provider is configured in ``[auth]`` of secrets.toml."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets.toml anywhere
        return False
    return bool(section)


def is_loopback(host: str | None) -> bool:
    """Only this machine can connect (an unset address means every interface)."""
    if not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind_address(host: str | None, *, signed_in_only: bool) -> None:
    """Refuse to serve a single-user app beyond this machine.

    Raises:
        InputError: ``host`` is not loopback and no sign-in is configured.
    """
    if signed_in_only or is_loopback(host):
        return
    where = host or "every network interface"
    raise InputError(
        f"Refusing to serve Interview Coach on {where} without sign-in: anyone who can reach "
        "it would see and change your data. Use 127.0.0.1, or configure an OpenID Connect "
        "provider in the [auth] section of .streamlit/secrets.toml (see docs/deploy.md)."
    )


def user_id_of(claims: dict[str, object]) -> str:
    """A stable id for a signed-in identity: issuer and subject (emails and names can change).

    The ``#`` makes it differ from ``LOCAL_USER``, so no one signed in sees single-user rows.
    """
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not subject:
        raise InputError("The sign-in provider returned no subject (sub) for this account.")
    return f"{issuer or 'oidc'}#{subject}"
