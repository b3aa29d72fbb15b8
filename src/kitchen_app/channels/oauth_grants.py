"""A marketplace's side of OAuth grants, for the simulators: authorization codes, access
tokens and refresh tokens with their lifetimes, on the sandbox's clock.

One mechanism for the three marketplaces (their lifetimes, token shapes and error bodies
differ, their rules do not): a code is single use and lives ``code_s`` (10 minutes, api notes
§7, A.7, B.1) and, when one was given, only opens with the same redirect URI; a refresh token
is single use (each refresh returns a new pair; the spent one is refused); revoking a grant
(the seller unlinks the app) kills its access and refresh tokens at once.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["GrantBook", "GrantError", "IssuedTokens", "OAuthApp", "with_query"]

log = logging.getLogger(__name__)

CODE_S = 600.0
TokenMaker = Callable[[str, int], str]  # (kind "code"|"access"|"refresh", account) -> token


class GrantError(Exception):
    """``key``: ``invalid_grant`` (code/refresh token unknown, spent, expired, revoked, or
    another redirect URI) or ``expired`` (a refresh token past its lifetime)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    account: int
    access_token: str
    refresh_token: str
    expires_in: int  # seconds the access token lives


@dataclass(slots=True)
class _Held:
    account: int
    expires: float | None  # sandbox epoch seconds; None: no end
    redirect_uri: str | None = None


def _hex_token(kind: str, account: int) -> str:
    return secrets.token_hex(16)


class GrantBook:
    def __init__(
        self,
        now: Callable[[], float],
        *,
        access_s: int,
        refresh_s: int | None,
        code_s: float = CODE_S,
        make_token: TokenMaker = _hex_token,
    ) -> None:
        self._now = now
        self.access_s = access_s
        self.refresh_s = refresh_s
        self.code_s = code_s
        self._make = make_token
        self._codes: dict[str, _Held] = {}
        self._access: dict[str, _Held] = {}
        self._refresh: dict[str, _Held] = {}

    def issue_code(self, account: int, redirect_uri: str | None = None) -> str:
        code = self._make("code", account)
        self._codes[code] = _Held(account, self._now() + self.code_s, redirect_uri)
        return code

    def exchange(self, code: str, redirect_uri: str | None = None) -> IssuedTokens:
        held = self._codes.pop(code, None)  # single use, even when refused below
        if held is None or held.expires is None or held.expires <= self._now():
            raise GrantError("invalid_grant", "the code is unknown, used or expired")
        if held.redirect_uri is not None and redirect_uri != held.redirect_uri:
            raise GrantError("invalid_grant", "redirect_uri does not match the authorization")
        return self.issue(held.account)

    def refresh(self, refresh_token: str) -> IssuedTokens:
        held = self._refresh.pop(refresh_token, None)  # single use
        if held is None:
            raise GrantError("invalid_grant", "the refresh token is unknown, used or revoked")
        if held.expires is not None and held.expires <= self._now():
            raise GrantError("expired", "the refresh token expired")
        return self.issue(held.account)

    def issue(self, account: int) -> IssuedTokens:
        """A new pair for ``account`` (a code exchanged, a refresh, a control route)."""
        now = self._now()
        access, refresh = self._make("access", account), self._make("refresh", account)
        self._access[access] = _Held(account, now + self.access_s)
        expires = None if self.refresh_s is None else now + self.refresh_s
        self._refresh[refresh] = _Held(account, expires)
        return IssuedTokens(account, access, refresh, self.access_s)

    def refresh_owner(self, refresh_token: str) -> int | None:
        held = self._refresh.get(refresh_token)
        return None if held is None else held.account

    def revoke_tokens(self, tokens: IssuedTokens) -> None:
        """Take back one pair (issued to the wrong party after all)."""
        self._access.pop(tokens.access_token, None)
        self._refresh.pop(tokens.refresh_token, None)

    def account_for(self, access_token: str) -> int | None:
        """The account an access token acts for; None when unknown, expired or revoked."""
        held = self._access.get(access_token)
        if held is None or held.expires is None or held.expires <= self._now():
            return None
        return held.account

    def knows(self, access_token: str) -> bool:
        """The token was issued here (live or not): its owner answers 401, not "unknown"."""
        return access_token in self._access

    def revoke(self, account: int | None = None) -> int:
        """Kill every code and token of ``account`` (None: of every account); how many."""
        count = 0
        for table in (self._codes, self._access, self._refresh):
            for token in [t for t, held in table.items() if account in (None, held.account)]:
                del table[token]
                count += 1
        log.info("sandbox grants revoked: %d token(s)", count)
        return count


@dataclass(frozen=True, slots=True)
class OAuthApp:
    """One marketplace application as the sandbox's ``/authorization`` and ``/oauth/token``
    (Mercado Pago's and Mercado Libre's shared shape) see it: told apart by ``client_id``."""

    channel: str
    client_id: str
    client_secret: str
    book: GrantBook
    default_account: Callable[[], int]
    has_account: Callable[[int], bool]
    token_body: Callable[[IssuedTokens], dict[str, object]]  # the marketplace's 200 answer
    error_body: Callable[[str, str, int], dict[str, object]]  # (key, message, status)
    form_only: bool = False  # Mercado Libre: application/x-www-form-urlencoded only


def with_query(url: str, **params: str) -> str:
    """``url`` with ``params`` added to whatever query it already has."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))
