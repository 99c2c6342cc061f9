import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password, address="203.0.113.7"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address)


def test_login_with_email_lands_on_the_home_of_the_only_cite(client):
    membership = MembershipFactory()
    response = _login(client, membership.user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse(
        "centres:home", kwargs={"centre_slug": membership.centre.slug}
    )


def test_wrong_password_redisplays_the_form_with_a_message(client):
    user = UserFactory()
    response = _login(client, user.email, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_address_out_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.email, "guess")
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    content = response.content.decode()
    assert "Trop de tentatives" in content
    assert f"réessayez dans {int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} minutes" in content


@pytest.mark.parametrize(
    "variant", [str.upper, str.title, lambda email: f"  {email} "], ids=["upper", "title", "spaces"]
)
def test_writing_the_address_differently_does_not_escape_the_lockout(client, variant):
    """The login ignores case and spaces in the address, so the lockout must ignore them too."""
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        _login(client, user.email, "guess")
    _login(client, variant(user.email), "guess")
    _login(client, user.email.upper(), "guess")
    assert _login(client, variant(user.email), PASSWORD).status_code == 429
    assert _login(client, user.email, PASSWORD).status_code == 429


def test_lockout_concerns_only_the_attacked_account(client):
    attacked, other = UserFactory(), UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, attacked.email, "guess")
    assert _login(client, other.email, PASSWORD).status_code == 302


def test_lockout_concerns_only_the_attacking_address(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.email, "guess", address="203.0.113.7")
    assert _login(client, user.email, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_successful_login_clears_the_earlier_failures(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.email, "guess")
    assert _login(client, user.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.email, "guess")
    assert _login(client, user.email, PASSWORD).status_code == 302


def test_failures_below_the_limit_do_not_lock(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.email, "guess")
    assert _login(client, user.email, PASSWORD).status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory()
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "A-new-long-passphrase", "new_password2": "A-new-long-passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("A-new-long-passphrase")
    # The link served once: used again, it no longer offers the form.
    reused = client.get(link, follow=True)
    assert "new_password1" not in reused.content.decode()


def test_password_reset_does_not_tell_whether_an_address_has_an_account(client):
    known = client.post(reverse("accounts:password_reset"), {"email": UserFactory().email})
    mail.outbox.clear()
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert mail.outbox == []


def test_logout_needs_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
