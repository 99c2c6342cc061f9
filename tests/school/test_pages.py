import datetime

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.school.models import Contribution, EditionStatus, Review
from citemetiers.school.services import project_seed
from tests.factories import CentreFactory, MembershipFactory, UserFactory
from tests.school.factories import ContributionFactory, EditionFactory, SlotFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_the_reviewers_page_does_not_show_the_authors_cite(client):
    contribution = ContributionFactory(cite=CentreFactory(name="Cité de Bordeaux-Unique"))
    reviewer = MembershipFactory().user
    contribution.edition.reviewers.add(reviewer)
    page = _login(client, reviewer).get(reverse("school:reviews", kwargs={"edition_pk": contribution.edition.pk}))
    body = page.content.decode()
    assert contribution.title in body
    assert "Bordeaux-Unique" not in body and str(contribution.author) not in body


def test_the_review_queue_leaves_out_the_reviewers_own_cite(client):
    contribution = ContributionFactory(title="Our own desk")
    colleague = MembershipFactory(centre=contribution.cite).user
    contribution.edition.reviewers.add(colleague)
    page = _login(client, colleague).get(reverse("school:reviews", kwargs={"edition_pk": contribution.edition.pk}))
    assert "Our own desk" not in page.content.decode()


def test_a_reviewer_cannot_post_a_review_of_their_own_cites_contribution(client):
    contribution = ContributionFactory()
    colleague = MembershipFactory(centre=contribution.cite).user
    contribution.edition.reviewers.add(colleague)
    category = contribution.edition.score_categories.get()
    url = reverse("school:reviews", kwargs={"edition_pk": contribution.edition.pk})
    _login(client, colleague).post(
        url, {"contribution": contribution.pk, f"c{contribution.pk}-score_{category.pk}": "5"}
    )
    assert not Review.objects.exists()


def test_a_reviewer_saves_a_review_from_the_queue(client):
    contribution = ContributionFactory()
    reviewer = MembershipFactory().user
    contribution.edition.reviewers.add(reviewer)
    category = contribution.edition.score_categories.get()
    url = reverse("school:reviews", kwargs={"edition_pk": contribution.edition.pk})
    response = _login(client, reviewer).post(
        url,
        {
            "contribution": contribution.pk,
            f"c{contribution.pk}-score_{category.pk}": "4",
            f"c{contribution.pk}-comment": "Clear",
        },
    )
    assert response.status_code == 302
    assert Review.objects.get().scores.get().score == 4


def test_a_staff_member_submits_a_contribution_from_the_call_page(client):
    edition = EditionFactory(open_call=True)
    author = MembershipFactory()
    data = {
        "title": "Reception in two steps",
        "abstract": "What changed when we split the desk.",
        "format": "practice",
        "track": edition.tracks.get().pk,
        "cite": author.centre.pk,
    }
    response = _login(client, author.user).post(reverse("school:call", kwargs={"edition_pk": edition.pk}), data)
    assert response.status_code == 302
    assert Contribution.objects.get().cite == author.centre


def test_the_call_page_shows_the_guards_refusal_and_writes_nothing(client):
    edition = EditionFactory(open_call=True)
    author = MembershipFactory()
    data = {
        "title": "Reception",
        "abstract": "Write to jean.dupont@example.org for the slides.",
        "format": "talk",
        "track": edition.tracks.get().pk,
        "cite": author.centre.pk,
    }
    response = _login(client, author.user).post(reverse("school:call", kwargs={"edition_pk": edition.pk}), data)
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_the_committee_accepts_and_places_a_contribution_then_the_programme_shows_it(client):
    contribution = ContributionFactory(title="Job dating in a day")
    edition = contribution.edition
    host = MembershipFactory(centre=edition.host_centre, roles=[Role.COORDINATOR]).user
    url = reverse("school:decisions", kwargs={"edition_pk": edition.pk})
    _login(client, host)
    p = contribution.pk
    client.post(url, {"contribution": p, "action": "decide", f"decide{p}-status": "accepted"})
    client.post(
        url,
        {
            "contribution": p,
            "action": "slot",
            f"slot{p}-day": edition.starts_on.isoformat(),
            f"slot{p}-starts_at": "09:00",
            f"slot{p}-ends_at": "10:00",
            f"slot{p}-room": "Salle 1",
        },
    )
    manage = reverse("school:manage", kwargs={"edition_pk": edition.pk})
    client.post(manage, {"action": "transition", "name": "publish_programme"})
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PROGRAMME_PUBLISHED
    reader = MembershipFactory().user
    page = _login(client, reader).get(reverse("school:edition", kwargs={"edition_pk": edition.pk}))
    assert "Job dating in a day" in page.content.decode()


def test_a_transition_refused_says_what_is_missing(client):
    edition = EditionFactory()
    organiser = UserFactory(network_coordinator=True)
    manage = reverse("school:manage", kwargs={"edition_pk": edition.pk})
    response = _login(client, organiser).post(manage, {"action": "transition", "name": "open_call"}, follow=True)
    assert (
        "at least one track" in response.content.decode().replace("&#x27;", "'")
        or "au moins un parcours" in response.content.decode()
    )


def test_a_coordinator_of_another_cite_does_not_reach_the_committee(client):
    edition = EditionFactory(open_call=True)
    other = MembershipFactory(roles=[Role.COORDINATOR]).user
    response = _login(client, other).get(reverse("school:decisions", kwargs={"edition_pk": edition.pk}))
    assert response.status_code == 403


def test_a_draft_edition_is_not_found_by_the_cites_staff(client):
    edition = EditionFactory()
    response = _login(client, MembershipFactory().user).get(
        reverse("school:edition", kwargs={"edition_pk": edition.pk})
    )
    assert response.status_code == 404


def _held_edition_with_a_project():
    slot = SlotFactory()
    edition = slot.edition
    edition.status = EditionStatus.ARCHIVED
    edition.save()
    project_seed(
        edition=edition,
        title="Common charter of reception",
        purpose="",
        lead=slot.contribution.author,
        lead_cite=slot.contribution.cite,
        contribution=slot.contribution,
        actor=None,
    )
    return edition


def test_the_archive_lists_the_projects_born_at_each_past_edition(client):
    edition = _held_edition_with_a_project()
    page = _login(client, MembershipFactory().user).get(reverse("school:list"))
    body = page.content.decode()
    assert str(edition.host_centre.name) in body and "Common charter of reception" in body


def test_the_committee_starts_a_network_project_from_a_held_editions_contribution(client):
    slot = SlotFactory()
    edition = slot.edition
    edition.status = EditionStatus.HELD
    edition.save()
    organiser = UserFactory(network_coordinator=True)
    p = slot.contribution.pk
    _login(client, organiser).post(
        reverse("school:decisions", kwargs={"edition_pk": edition.pk}),
        {"contribution": p, "action": "seed", f"seed{p}-title": "Shared kiosk", f"seed{p}-purpose": ""},
    )
    page = client.get(reverse("school:edition", kwargs={"edition_pk": edition.pk}))
    assert "Shared kiosk" in page.content.decode()


def test_the_programme_exports_as_a_calendar_and_a_pdf(client):
    slot = SlotFactory(contribution__title="Forum of trades")
    edition = slot.edition
    edition.status = EditionStatus.PROGRAMME_PUBLISHED
    edition.save()
    _login(client, MembershipFactory().user)
    ics = client.get(reverse("school:programme_ics", kwargs={"edition_pk": edition.pk}))
    assert b"SUMMARY:Forum of trades" in ics.content
    pdf = client.get(reverse("school:programme_pdf", kwargs={"edition_pk": edition.pk}))
    assert pdf.content.startswith(b"%PDF")


def test_the_contributions_csv_defuses_a_formula(client):
    contribution = ContributionFactory(title="=HYPERLINK(1)")
    organiser = UserFactory(network_coordinator=True)
    csv = _login(client, organiser).get(
        reverse("school:contributions_csv", kwargs={"edition_pk": contribution.edition.pk})
    )
    assert "'=HYPERLINK(1)" in csv.content.decode()
    xlsx = client.get(reverse("school:contributions_xlsx", kwargs={"edition_pk": contribution.edition.pk}))
    assert xlsx.content.startswith(b"PK")


def test_beyond_the_quota_the_registration_page_says_waiting(client):
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    first = MembershipFactory()
    second = MembershipFactory(centre=first.centre)
    url = reverse("school:register", kwargs={"edition_pk": edition.pk})
    _login(client, first.user).post(url, {"register-cite": first.centre.pk})
    _login(client, second.user).post(url, {"register-cite": second.centre.pk})
    page = client.get(reverse("school:call", kwargs={"edition_pk": edition.pk}))
    assert edition.participants.get(user=second.user).status == "waiting"
    assert page.status_code == 200


# -- Query counts ----------------------------------------------------------------------------


def test_the_edition_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    edition = _held_edition_with_a_project()
    for day_offset in range(3):
        SlotFactory(
            edition=edition,
            contribution__edition=edition,
            day=edition.starts_on + datetime.timedelta(days=day_offset % 2),
        )
    _login(client, MembershipFactory().user)
    url = reverse("school:edition", kwargs={"edition_pk": edition.pk})
    # 1 session, 2 user, 3 the person's memberships (the school's predicates, once a request), 4 the
    # edition with its host and call, 5 the slots with contribution, track, Cité and author, 6 the seeded
    # projects with their Cité and lead, 7-8 their objectives and milestones (prefetch), 9 is-reviewer,
    # 10 the Cité switcher's memberships. However many slots and projects.
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_the_archive_reads_a_fixed_number_of_queries_whatever_the_editions(client, django_assert_max_num_queries):
    for _ in range(3):
        _held_edition_with_a_project()
    _login(client, MembershipFactory().user)
    # 1 session, 2 user, 3 the person's memberships, 4 the editions with their host and projects' count,
    # 5 the seeded projects, 6-7 their objectives and milestones (prefetch), 8 the Cité switcher's
    # memberships. However many editions.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("school:list")).status_code == 200
