"""Pages of the network school: editions and archive, an edition's page, its call, reviews, decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citemetiers.core import exports as spreadsheet
from citemetiers.core.access import network_view
from citemetiers.core.forms import is_id, run_action, run_form
from citemetiers.school import contributions as contribution_services
from citemetiers.school import exports, perms, selectors, services
from citemetiers.school.forms import (
    CallForm,
    CoAuthorForm,
    ContributionForm,
    DecisionForm,
    EditionForm,
    NameForm,
    QuotaForm,
    RegisterForm,
    ReviewerForm,
    ReviewForm,
    SeedForm,
    SlotForm,
    TrackReviewerForm,
)
from citemetiers.school.models import Contribution, ContributionStatus, EditionStatus, Participant, ParticipantStatus
from citemetiers.school.workflow import TRANSITIONS, next_transitions


def _edition(request, edition_pk):
    edition = selectors.edition_for(request.user, edition_pk)
    if edition is None:
        raise Http404
    return edition


def _organised(request, edition_pk):
    edition = _edition(request, edition_pk)
    if not perms.can_organise_edition(request.user, edition):
        raise PermissionDenied
    return edition


def _to(name, edition):
    return redirect(name, edition_pk=edition.pk)


@network_view(perms.can_view_school, methods=("GET",))
def edition_list(request):
    """Coming editions, then the archive: past editions, their host and the projects born there."""
    editions = list(selectors.editions_visible(request.user))
    seeded = selectors.seeded_projects([e for e in editions if e.status in selectors.PAST])
    for edition in editions:
        edition.seeded = seeded.get(edition.pk, [])
    context = {
        "coming": [e for e in editions if e.status not in selectors.PAST],
        "past": [e for e in editions if e.status in selectors.PAST],
        "may_create": perms.can_run_school(request.user),
    }
    return render(request, "school/list.html", context)


@network_view(perms.can_run_school)
def edition_create(request):
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = run_form(form, services.edition_create, actor=request.user, **form.cleaned_data)
        if attempt:
            messages.success(request, _("The edition is open as a draft."))
            return _to("school:manage", attempt.result)
    return render(request, "school/form.html", {"form": form, "title": _("New school edition")})


@network_view(perms.can_view_school, methods=("GET",))
def edition_detail(request, edition_pk):
    """The edition's page: its host, its programme once published, and the projects it seeded."""
    edition = _edition(request, edition_pk)
    organiser = perms.can_organise_edition(request.user, edition)
    published = edition.status in {EditionStatus.PROGRAMME_PUBLISHED, *selectors.PAST}
    context = {
        "edition": edition,
        "organiser": organiser,
        "slots": selectors.programme(edition) if published or organiser else [],
        "seeded": selectors.seeded_projects([edition]).get(edition.pk, []),
        "call_open": edition.status == EditionStatus.CALL_OPEN,
        "reviewer": perms.is_reviewer(request.user, edition),
        "may_take_part": perms.can_take_part_in_school(request.user),
    }
    return render(request, "school/detail.html", context)


@network_view(perms.can_co_organise_school)
def edition_manage(request, edition_pk):
    """The organisers' page: the call's dates, tracks, criteria, reviewers, the edition's next step,
    attendance and the projects born at the edition."""
    edition = _organised(request, edition_pk)
    action = request.POST.get("action")
    forms = {
        "call": CallForm(request.POST if action == "call" else None, prefix="call"),
        "track": NameForm(request.POST if action == "track" else None, prefix="track"),
        "criterion": NameForm(request.POST if action == "criterion" else None, prefix="criterion"),
        "reviewer": ReviewerForm(request.POST if action == "reviewer" else None, prefix="reviewer"),
        "track_reviewer": TrackReviewerForm(
            request.POST if action == "track_reviewer" else None, prefix="track_reviewer", edition=edition
        ),
        "quota": QuotaForm(
            request.POST if action == "quota" else None,
            prefix="quota",
            initial={"quota_per_cite": edition.quota_per_cite},
        ),
    }
    if request.method == "POST":
        if action == "transition":
            name = request.POST.get("name", "")
            if run_action(request, services.edition_transition, edition=edition, name=name, actor=request.user):
                messages.success(request, _("The edition has moved on."))
            return _to("school:manage", edition)
        if action == "attendance":
            participant = Participant.objects.filter(edition=edition, pk=_int(request.POST.get("participant"))).first()
            if participant is None:
                messages.error(request, _("Choose a participant of the edition."))
            else:
                run_action(
                    request,
                    services.attendance_record,
                    participant=participant,
                    attended=request.POST.get("attended") == "1",
                    actor=request.user,
                )
            return _to("school:manage", edition)
        form = forms.get(action)
        if form is None:
            messages.error(request, _("Choose what to change."))
            return _to("school:manage", edition)
        if form.is_valid():
            data = form.cleaned_data
            calls = {
                "call": lambda: services.call_set(edition=edition, actor=request.user, **data),
                "track": lambda: services.track_add(edition=edition, name=data["name"], actor=request.user),
                "criterion": lambda: services.score_category_add(
                    edition=edition, name=data["name"], actor=request.user
                ),
                "reviewer": lambda: services.reviewer_add(edition=edition, reviewer=data["email"], actor=request.user),
                "track_reviewer": lambda: services.track_reviewer_add(
                    track=data["track"], reviewer=data["email"], actor=request.user
                ),
                "quota": lambda: services.edition_quota_set(
                    edition=edition, quota_per_cite=data["quota_per_cite"], actor=request.user
                ),
            }
            if run_form(form, calls[action]):
                messages.success(request, _("Saved."))
                return _to("school:manage", edition)
    call = getattr(edition, "call", None)
    if call is not None and action != "call":
        forms["call"] = CallForm(
            initial={"opens_on": call.opens_on, "closes_on": call.closes_on, "text": call.text}, prefix="call"
        )
    context = {
        "edition": edition,
        "forms": forms,
        "transitions": [(name, TRANSITIONS[name][3]) for name in next_transitions(edition)],
        "tracks": list(edition.tracks.prefetch_related("reviewers")),
        "criteria": list(edition.score_categories.all()),
        "reviewers": list(edition.reviewers.order_by("full_name")),
        "participants": list(edition.participants.select_related("user", "cite")),
        "may_issue_certificates": perms.can_run_school(request.user),
    }
    return render(request, "school/manage.html", context)


def _int(value):
    """An id typed by hand (abc, ², 400 digits) is no id: None, which finds nothing, instead of a 500."""
    return int(value) if value is not None and is_id(value) else None


@network_view(perms.can_take_part_in_school)
def call(request, edition_pk):
    """The call for contributions and its submission form; registration to the edition beside it."""
    edition = _edition(request, edition_pk)
    form = ContributionForm(request.POST or None, edition=edition, user=request.user)
    if request.method == "POST" and form.is_valid():
        attempt = run_form(
            form, contribution_services.contribution_submit, edition=edition, actor=request.user, **form.cleaned_data
        )
        if attempt:
            messages.success(request, _("Your contribution is submitted. The committee will tell you its decision."))
            return redirect("school:my_contributions")
    context = {
        "edition": edition,
        "call_info": getattr(edition, "call", None),
        "form": form,
        "register_form": RegisterForm(user=request.user),
        "registration": Participant.objects.filter(edition=edition, user=request.user)
        .exclude(status=ParticipantStatus.CANCELLED)
        .first(),
        "call_open": edition.status == EditionStatus.CALL_OPEN,
    }
    return render(request, "school/call.html", context)


@network_view(perms.can_take_part_in_school, methods=("POST",))
def register(request, edition_pk):
    edition = _edition(request, edition_pk)
    form = RegisterForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose the Cité you register with."))
    elif attempt := run_action(
        request, services.participant_register, edition=edition, cite=form.cleaned_data["cite"], actor=request.user
    ):
        if attempt.result.status == "waiting":
            messages.info(request, _("Your Cité's places are taken: you are on the waiting list."))
        else:
            messages.success(request, _("You are registered."))
    return _to("school:call", edition)


@network_view(perms.can_take_part_in_school, methods=("GET",))
def my_contributions(request):
    contributions = selectors.my_contributions(request.user)
    for contribution in contributions:
        # One prefix each: the fields' ids stay unique on the page.
        contribution.co_author_form = CoAuthorForm(prefix=f"c{contribution.pk}")
    return render(request, "school/mine.html", {"contributions": contributions})


@network_view(perms.can_view_school)
def reviews(request, edition_pk):
    """A named reviewer's queue: contributions of other Cités, without their authors when the edition
    says so, each with its review form."""
    edition = _edition(request, edition_pk)
    categories = list(edition.score_categories.all())
    queue = selectors.review_queue(request.user, edition)
    posted = None
    if request.method == "POST":
        contribution = next((c for c in queue if c.pk == _int(request.POST.get("contribution"))), None)
        if contribution is None:
            messages.error(request, _("Choose a contribution of your review queue."))
            return _to("school:reviews", edition)
        form = ReviewForm(request.POST, categories=categories, prefix=f"c{contribution.pk}")
        if form.is_valid():
            attempt = run_form(
                form,
                contribution_services.review_record,
                contribution=contribution,
                actor=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                abstained=form.cleaned_data["abstained"],
            )
            if attempt:
                messages.success(request, _("Your review is saved."))
                return _to("school:reviews", edition)
        posted = (contribution.pk, form)
    rows = []
    for contribution in queue:
        mine = next((r for r in contribution.all_reviews if r.reviewer_id == request.user.pk), None)
        if posted and posted[0] == contribution.pk:
            form = posted[1]
        else:
            form = ReviewForm(categories=categories, prefix=f"c{contribution.pk}", initial=_initial(mine))
        rows.append({"contribution": contribution, "form": form, "reviewed": mine is not None})
    return render(request, "school/reviews.html", {"edition": edition, "rows": rows})


def _initial(review):
    if review is None:
        return {}
    initial = {"comment": review.comment, "abstained": review.abstained}
    initial.update({f"score_{s.category_id}": s.score for s in review.scores.all()})
    return initial


@network_view(perms.can_co_organise_school)
def decisions(request, edition_pk):
    """The programme committee's page: every contribution with its Cité and scores, a decision, a slot;
    after the edition, an accepted contribution's outcome starts a network project."""
    edition = _organised(request, edition_pk)
    if request.method == "POST":
        contribution = Contribution.objects.filter(edition=edition, pk=_int(request.POST.get("contribution"))).first()
        if contribution is None:
            messages.error(request, _("Choose a contribution of the edition."))
            return _to("school:decisions", edition)
        action = request.POST.get("action")
        form_class = {"decide": DecisionForm, "slot": SlotForm, "seed": SeedForm}.get(action, DecisionForm)
        form = form_class(request.POST, prefix=f"{action}{contribution.pk}")
        if not form.is_valid():
            messages.error(request, _("Check the form of “%(title)s”.") % {"title": contribution.title})
            return _to("school:decisions", edition)
        data = form.cleaned_data
        if action == "slot":
            attempt = run_action(request, services.slot_add, contribution=contribution, actor=request.user, **data)
        elif action == "seed":
            attempt = run_action(
                request,
                services.project_seed,
                edition=edition,
                contribution=contribution,
                lead=contribution.author,
                lead_cite=contribution.cite,
                actor=request.user,
                **data,
            )
        else:
            attempt = run_action(
                request,
                contribution_services.contribution_decide,
                contribution=contribution,
                actor=request.user,
                status=data["status"],
                message=data["message"],
                format=data["format"] or None,
            )
        if attempt:
            messages.success(request, _("Saved."))
        return _to("school:decisions", edition)
    rows = []
    for contribution in selectors.for_decision(edition):
        rows.append(
            {
                "contribution": contribution,
                "mean": selectors.mean_score(contribution),
                "decide": DecisionForm(prefix=f"decide{contribution.pk}"),
                "slot": SlotForm(prefix=f"slot{contribution.pk}", initial={"day": edition.starts_on}),
                "seed": SeedForm(prefix=f"seed{contribution.pk}", initial={"title": contribution.title}),
            }
        )
    context = {
        "edition": edition,
        "rows": rows,
        "may_decide": edition.status == EditionStatus.CALL_OPEN,
        "may_seed": edition.status in selectors.PAST,
        "accepted": ContributionStatus.ACCEPTED,
    }
    return render(request, "school/decisions.html", context)


# -- Exports ---------------------------------------------------------------------------------


def _programme_slots(request, edition_pk):
    edition = _edition(request, edition_pk)
    published = edition.status in {EditionStatus.PROGRAMME_PUBLISHED, *selectors.PAST}
    # Before it is published, the programme is the organisers' draft: others read an empty one.
    if not published and not perms.can_organise_edition(request.user, edition):
        return edition, []
    return edition, selectors.programme(edition)


@network_view(perms.can_view_school, methods=("GET",))
def programme_ics(request, edition_pk):
    edition, slots = _programme_slots(request, edition_pk)
    response = HttpResponse(exports.programme_calendar(edition, slots), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-{edition.year}.ics"'
    return response


@network_view(perms.can_view_school, methods=("GET",))
def programme_pdf(request, edition_pk):
    edition, slots = _programme_slots(request, edition_pk)
    response = HttpResponse(exports.programme_pdf(edition, slots), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="programme-{edition.year}.pdf"'
    return response


def _contribution_rows(request, edition_pk):
    edition = _organised(request, edition_pk)
    rows = selectors.for_decision(edition)
    return edition, exports.contribution_rows(rows, {c.pk: selectors.mean_score(c) for c in rows})


@network_view(perms.can_co_organise_school, methods=("GET",))
def contributions_csv(request, edition_pk):
    edition, rows = _contribution_rows(request, edition_pk)
    response = HttpResponse(spreadsheet.as_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contributions-{edition.year}.csv"'
    return response


@network_view(perms.can_co_organise_school, methods=("GET",))
def contributions_xlsx(request, edition_pk):
    edition, rows = _contribution_rows(request, edition_pk)
    response = HttpResponse(
        spreadsheet.as_xlsx(rows, _("Contributions")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="contributions-{edition.year}.xlsx"'
    return response
