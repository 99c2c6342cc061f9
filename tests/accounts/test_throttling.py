"""Client addresses behind the reverse proxy, and the limits that rely on them."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from citemetiers.accounts.throttling import client_address
from tests.factories import PASSWORD, UserFactory

NGINX = "127.0.0.1"


def _request(remote_addr=NGINX, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_socket_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request("203.0.113.7", forwarded_for="198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_right_most_hop_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded_for="203.0.113.7")) == "203.0.113.7"


def test_a_forged_left_most_forwarded_for_does_not_change_the_address(settings):
    """nginx appends the address it sees ($proxy_add_x_forwarded_for): what the client sent stays on the left."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded_for="10.9.9.9, 1.2.3.4, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_hop_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(forwarded_for="10.9.9.9, 203.0.113.7, 192.0.2.50")) == "203.0.113.7"


def test_ipv6_hops_are_read_too(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded_for="2001:db8::1")) == "2001:db8::1"


@pytest.mark.parametrize("header", ["", "not-an-address", "203.0.113.7\x00"], ids=["empty", "garbage", "nul"])
def test_a_missing_or_malformed_header_falls_back_to_the_socket_address(settings, header):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(forwarded_for=header)) == NGINX


def _login(client, email, password, address):
    """A login as it reaches gunicorn from nginx: the socket is nginx's, the client is in the header."""
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=f"198.51.100.99, {address}",
    )


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.django_db
def test_behind_the_proxy_failures_from_one_client_do_not_lock_another(client, behind_proxy):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.email, "guess", address="203.0.113.7")
    assert _login(client, user.email, PASSWORD, address="203.0.113.7").status_code == 429
    assert _login(client, user.email, PASSWORD, address="198.51.100.20").status_code == 302


@pytest.mark.django_db
def test_password_spraying_from_one_address_locks_that_address_for_every_account(client, behind_proxy):
    """Few guesses per account, many accounts: the per-address limit across accounts stops it."""
    victims = UserFactory.create_batch(settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    for victim in victims:
        _login(client, victim.email, "Summer2026!", address="203.0.113.7")
    untouched = UserFactory()
    assert _login(client, untouched.email, PASSWORD, address="203.0.113.7").status_code == 429
    assert _login(client, untouched.email, PASSWORD, address="198.51.100.20").status_code == 302


@pytest.mark.django_db
def test_failures_across_accounts_below_the_address_limit_do_not_lock_the_address(client, behind_proxy):
    for victim in UserFactory.create_batch(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        _login(client, victim.email, "Summer2026!", address="203.0.113.7")
    assert _login(client, UserFactory().email, PASSWORD, address="203.0.113.7").status_code == 302


def _reset(client, email, address):
    return client.post(
        reverse("accounts:password_reset"),
        {"email": email},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address_with_the_same_neutral_answer(client, behind_proxy):
    users = UserFactory.create_batch(settings.PASSWORD_RESET_LIMIT + 1)
    answers = [_reset(client, user.email, "203.0.113.7") for user in users]
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT
    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {reverse("accounts:password_reset_done")}
    # Another address still gets its mail.
    _reset(client, users[-1].email, "198.51.100.20")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT + 1


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_account_whatever_the_address(client, behind_proxy):
    user = UserFactory()
    answers = [
        _reset(client, user.email.upper() if n % 2 else user.email, f"203.0.113.{n}")
        for n in range(settings.PASSWORD_RESET_LIMIT + 1)
    ]
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT
    assert {answer["Location"] for answer in answers} == {reverse("accounts:password_reset_done")}


@pytest.mark.django_db
def test_a_successful_password_reset_lifts_the_accounts_lock(client, behind_proxy):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.email, "guess", address="203.0.113.7")
    assert _login(client, user.email, PASSWORD, address="203.0.113.7").status_code == 429
    _reset(client, user.email, "203.0.113.7")
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "A-new-long-passphrase", "new_password2": "A-new-long-passphrase"})
    assert _login(client, user.email, "A-new-long-passphrase", address="203.0.113.7").status_code == 302
