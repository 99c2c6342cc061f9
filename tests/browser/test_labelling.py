"""The label's whole path in a browser, axe-core on each page: enquiry → application with its
self-assessment and the platform's frozen evidence → the evaluator's report and finding → commission →
project label → mentoring log by the mentor Cité → operating label → renewal with conditions → the
Cité completes its task, and the next step closes the finding → the public register."""

import datetime

import pytest
from playwright.sync_api import expect

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import LabelStatus
from citemetiers.labelling import services
from citemetiers.labelling.models import CriterionKind, LabelApplication, NonConformity, RequirementStatus, State
from citemetiers.projects.models import TaskStatus
from tests.browser.conftest import axe_check
from tests.factories import PASSWORD, CentreFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def _submit(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def _form(page, name):
    return page.locator(f"form:has(input[name=form][value={name}])").first


def _step(page, application, name, state):
    form = _form(page, "transition")
    form.locator("select[name=transition]").select_option(name)
    form.locator("textarea[name=reason]").fill(f"Décidé : {name}")
    _submit(page, form)
    application.refresh_from_db()
    assert application.state == state, page.locator("main").inner_text()[:800]
    axe_check(page)


def test_the_label_from_the_enquiry_to_a_renewal_whose_condition_the_cite_closes(browser, live_server, login):
    network = UserFactory(network_coordinator=True, email="network@example.org")
    evaluator = UserFactory(label_evaluator=True, email="evaluator@example.org")
    applicant = MembershipFactory(
        centre=CentreFactory(name="Cité des métiers du Pays de Morlaix"), roles=[Role.COORDINATOR]
    )
    mentor = MembershipFactory(
        centre=CentreFactory(name="Cité des métiers de Genève", label_status=LabelStatus.LABELLED),
        roles=[Role.COORDINATOR],
    )

    def person(email):
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        login(page, email, PASSWORD)
        return page

    desk = person(network.email)

    # The enquiry, then the dossier's self-assessment (one criterion here, the others as filled in).
    _open(desk, f"{live_server.url}/network/labelling/new/")
    desk.fill("input[name=territory]", "Pays de Morlaix")
    desk.fill("input[name=country]", "FR")
    desk.fill("input[name=opening_on]", "2027-09-01")
    _submit(desk, desk.locator("main form"))
    application = LabelApplication.objects.get(territory="Pays de Morlaix")
    dossier = f"{live_server.url}/network/labelling/{application.pk}/"
    axe_check(desk)
    first = application.requirements.filter(criterion__kind=CriterionKind.PREREQUISITE).first()
    row = desk.locator(f"form:has(input[name=requirement_pk][value='{first.pk}'])").first
    row.locator("select[name=status]").select_option("met")
    row.locator("textarea[name=account]").fill("Un accueil sans inscription, ouvert à tous.")
    _submit(desk, row)
    first.refresh_from_db()
    assert first.status == RequirementStatus.MET
    application.requirements.filter(criterion__kind=CriterionKind.PREREQUISITE).update(status=RequirementStatus.MET)
    services.application_link_centre(application=application, centre=applicant.centre, actor=network)

    # Submitted: the platform's evidence is frozen and shown on the dossier.
    desk.goto(dossier)
    _step(desk, application, "apply", State.APPLIED)
    expect(desk.locator(f"#frozen-{application.pk}")).to_be_visible()

    # An evaluator assigned writes their report on My reviews.
    form = _form(desk, "evaluator")
    form.locator("select[name=evaluator]").select_option(str(evaluator.pk))
    _submit(desk, form)
    _step(desk, application, "submit_to_commission", State.COMMISSION)
    reviewer = person(evaluator.email)
    _open(reviewer, f"{live_server.url}/network/labelling/reviews/")
    reviewer.fill(f"#report-{application.pk}", "Partenaires engagés ; horaires à afficher à l'entrée.")
    _submit(reviewer, reviewer.locator(f"form:has(#report-{application.pk})"))
    axe_check(reviewer)

    # The commission, chaired, grants the project label.
    desk.goto(dossier)
    form = _form(desk, "member")
    form.locator("input[name=name]").fill("Présidence, pour le titulaire de la marque")
    form.locator("select[name=kind]").select_option("chair")
    _submit(desk, form)
    _step(desk, application, "grant_project_label", State.PREPARATION)

    # A mentor Cité is assigned; its coordinator reads the mentee's dossier and logs the training.
    form = _form(desk, "mentor")
    form.locator("select[name=mentor]").select_option(str(mentor.centre.pk))
    _submit(desk, form)
    guide = person(mentor.user.email)
    _open(guide, f"{live_server.url}/c/{mentor.centre.slug}/label/")
    with guide.expect_navigation():
        guide.get_by_role("link", name="Pays de Morlaix").click()
    axe_check(guide)
    form = _form(guide, "session")
    form.locator("select[name=kind]").select_option("training")
    form.locator("input[name=held_on]").fill("2027-03-10")
    form.locator("textarea[name=summary]").fill("Formation des nouveaux : les trois modes de service.")
    form.locator("input[name=attendees]").fill("3")
    _submit(guide, form)
    expect(guide.locator("main")).to_contain_text("Formation des nouveaux")
    axe_check(guide)

    # The reverse plan done, the operating label, the first year confirmed on its renewal file.
    desk.goto(dossier)
    form = _form(desk, "milestone")
    form.locator("input[name=title]").fill("Signature du bail")
    form.locator("input[name=weeks_before_opening]").fill("20")
    _submit(desk, form)
    _submit(desk, _form(desk, "milestone_toggle"))
    _step(desk, application, "grant_operating_label", State.OPERATING)
    form = _form(desk, "renewal")
    form.locator("input[name=year]").fill(str(datetime.date.today().year))
    _submit(desk, form)
    _step(desk, application, "confirm", State.CONFIRMED)

    # The evaluator's finding becomes the renewal's condition: a task of the Cité, with its deadline.
    _open(reviewer, f"{live_server.url}/network/labelling/reviews/")
    form = _form(reviewer, "finding")
    form.locator("select[name=severity]").select_option("minor")
    form.locator("textarea[name=finding]").fill("Horaires non affichés à l'entrée")
    form.locator("input[name=due_on]").fill("2028-01-31")
    _submit(reviewer, form)
    axe_check(reviewer)
    desk.goto(dossier)
    _step(desk, application, "renew_with_conditions", State.RENEWED_WITH_CONDITIONS)
    item = NonConformity.objects.get(requirement__application=application)
    assert (item.task.centre, item.task.due_on) == (applicant.centre, datetime.date(2028, 1, 31))

    # The Cité ticks its task done; the next step checks it and closes the finding.
    cite = person(applicant.user.email)
    _open(cite, f"{live_server.url}/c/{applicant.centre.slug}/tasks/")
    row = cite.locator("tbody tr").filter(has_text="Horaires non affichés")
    row.locator("select").select_option(TaskStatus.DONE)
    row.get_by_role("button").click()
    expect(cite.locator("tbody tr").filter(has_text="Horaires non affichés")).to_have_count(0)
    desk.goto(dossier)
    expect(desk.locator("main")).to_contain_text("la Cité a achevé sa tâche")
    _step(desk, application, "renew", State.RENEWED)
    item.refresh_from_db()
    assert item.closed_on is not None

    # The public register lists the Cité as renewed, with its mentor.
    visitor = browser.new_context(locale="fr-FR").new_page()
    _open(visitor, f"{live_server.url}/label/register/")
    row = visitor.locator("tbody tr").filter(has_text="Pays de Morlaix")
    expect(row).to_contain_text("Label renouvelé")
    expect(row).to_contain_text("Cité des métiers de Genève")
