"""Pages of labelling: the network's board and dossiers, the evaluators' reviews, the candidate's own view.

One dossier page serves the network coordinator (every form) and the candidate (its self-assessment,
evidence, mentoring log and reverse plan); its forms post to one action view each side, named by `form`.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_page

from citemetiers.core.access import centre_view, login_view, network_view, public_view
from citemetiers.core.errors import DomainError
from citemetiers.core.files import stored_file_response
from citemetiers.core.forms import Attempt, is_id, run_form
from citemetiers.labelling import perms, selectors, services, workflow
from citemetiers.labelling.forms import (
    CommissionMemberForm,
    EnquiryForm,
    EvaluatorForm,
    EvidenceForm,
    MentorForm,
    MilestoneForm,
    NonConformityForm,
    RenewalForm,
    ReportForm,
    RequirementForm,
    SessionForm,
    TransitionForm,
)
from citemetiers.labelling.models import Evidence, LabelApplication, NonConformity, Severity, State

# The register changes a few times a year; the website may read a page up to ten minutes old.
REGISTER_CACHE_SECONDS = 600


@network_view(perms.can_follow_labelling, methods=("GET",))
def board(request):
    by_state = selectors.board()
    columns = [(State(state).label, apps) for state, apps in by_state.items()]
    return render(request, "labelling/board.html", {"columns": columns})


@network_view(perms.can_follow_labelling)
def application_add(request):
    form = EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opened = run_form(form, services.application_open, actor=request.user, **form.cleaned_data)
        if opened:
            messages.success(request, _("The enquiry is recorded."))
            return redirect("labelling:application", application_pk=opened.result.pk)
    return render(request, "labelling/application_form.html", {"form": form})


def _context(request, application, *, network: bool) -> dict:
    steps = workflow.available(application, request.user)
    return {
        "application": application,
        "network": network,
        "transitions": [(name, t, workflow.missing_for(application, name)) for name, t in steps],
        "plan": selectors.reverse_plan(application),
        "frozen": selectors.frozen_evidence(application),
        "suggested_mentors": selectors.suggested_mentors(application) if network else [],
        "transition_form": TransitionForm(),
        "requirement_statuses": RequirementForm.base_fields["status"].choices,
        "evidence_form": EvidenceForm(),
        "evaluator_form": EvaluatorForm() if network else None,
        "member_form": CommissionMemberForm() if network else None,
        "mentor_form": MentorForm() if network else None,
        "session_form": SessionForm(),
        "milestone_form": MilestoneForm(),
        "non_conformity_form": NonConformityForm(application=application) if network else None,
        "renewal_form": RenewalForm(),
    }


@network_view(perms.can_follow_labelling, methods=("GET",))
def application_detail(request, application_pk):
    application = get_object_or_404(LabelApplication.objects.all(), pk=application_pk)
    return render(
        request, "labelling/application.html", _context(request, selectors.dossier(application.pk), network=True)
    )


def _posted_id(request, name: str) -> int:
    # An id typed by hand ("abc", "²") is a missing object (404), not an error of the server.
    value = request.POST.get(name)
    return int(value) if is_id(value) else 0


# What each form of the dossier posts: (form class, service, extra arguments from the application),
# and whether the network's coordinators only may send it.
def _act(request, application, *, network: bool):
    name = request.POST.get("form", "")
    actor = request.user
    requirement = None
    if is_id(request.POST.get("requirement_pk")):
        requirement = application.requirements.filter(pk=int(request.POST["requirement_pk"])).first()
    if name == "transition":
        form = TransitionForm(request.POST)
        if form.is_valid():
            return run_form(
                form,
                workflow.application_transition,
                application=application,
                name=request.POST.get("transition", ""),
                reason=form.cleaned_data["reason"],
                actor=actor,
            ), form
        return None, form
    if name == "requirement" and requirement is not None:
        form = RequirementForm(request.POST)
        if form.is_valid():
            return run_form(
                form, services.requirement_update, requirement=requirement, actor=actor, **form.cleaned_data
            ), form
        return None, form
    if name == "evidence" and requirement is not None:
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            return run_form(
                form, services.evidence_add, requirement=requirement, upload=form.cleaned_data["file"], actor=actor
            ), form
        return None, form
    if name == "session":
        form = SessionForm(request.POST)
        if form.is_valid():
            return run_form(form, services.session_log, application=application, actor=actor, **form.cleaned_data), form
        return None, form
    if name == "milestone":
        form = MilestoneForm(request.POST)
        if form.is_valid():
            return run_form(
                form, services.milestone_add, application=application, actor=actor, **form.cleaned_data
            ), form
        return None, form
    if name == "milestone_toggle":
        milestone = get_object_or_404(application.milestones, pk=_posted_id(request, "milestone_pk"))
        form = TransitionForm()
        done = request.POST.get("done") == "1"
        return run_form(form, services.milestone_done, milestone=milestone, done=done, actor=actor), form
    if name == "renewal":
        form = RenewalForm(request.POST)
        if form.is_valid():
            return run_form(
                form, services.renewal_prepare, application=application, actor=actor, **form.cleaned_data
            ), form
        return None, form
    if not network:
        return _unknown_form()
    network_forms = {
        "evaluator": (EvaluatorForm, services.evaluator_assign),
        "member": (CommissionMemberForm, services.commission_member_add),
        "mentor": (MentorForm, services.mentor_assign),
    }
    if name in network_forms:
        form_class, service = network_forms[name]
        form = form_class(request.POST)
        if form.is_valid():
            return run_form(form, service, application=application, actor=actor, **form.cleaned_data), form
        return None, form
    if name == "non_conformity":
        form = NonConformityForm(request.POST, application=application)
        if form.is_valid():
            data = form.cleaned_data
            target = get_object_or_404(application.requirements, pk=data.pop("requirement"))
            return run_form(form, services.non_conformity_add, requirement=target, actor=actor, **data), form
        return None, form
    if name == "non_conformity_close":
        item = get_object_or_404(
            NonConformity.objects.filter(requirement__application=application), pk=_posted_id(request, "item_pk")
        )
        form = TransitionForm()
        return run_form(form, services.non_conformity_close, item=item, actor=actor), form
    return _unknown_form()


def _unknown_form():
    """A post naming no form of the dossier (or one of the network's, from the candidate): a 400."""
    form = TransitionForm(data={})
    form.is_valid()
    error = DomainError(_("This form is not one of the dossier's."))
    form.add_error(None, error.message)
    return Attempt(error=error), form


def _after_action(request, application, attempt, form, *, network: bool, back):
    if attempt:
        messages.success(request, _("Saved."))
        return back
    context = _context(request, selectors.dossier(application.pk), network=network)
    context["failed_form"] = form
    return render(request, "labelling/application.html", context, status=400)


@network_view(perms.can_follow_labelling, methods=("POST",))
def application_action(request, application_pk):
    application = get_object_or_404(LabelApplication.objects.all(), pk=application_pk)
    attempt, form = _act(request, application, network=True)
    back = redirect("labelling:application", application_pk=application.pk)
    return _after_action(request, application, attempt, form, network=True, back=back)


@network_view(perms.can_follow_labelling, methods=("GET",), on_object=perms.can_read_application)
def evidence_download(request, evidence_pk):
    """The network's coordinators download any evidence, from the board's dossiers."""
    return _readable_evidence(request, evidence_pk)


@network_view(perms.can_evaluate, methods=("GET",), on_object=perms.can_read_application)
def review_evidence(request, evidence_pk):
    """An evaluator downloads the evidence of the dossiers assigned to them, from My reviews (a page of
    their own menu entry); for another evaluator the file does not exist."""
    return _readable_evidence(request, evidence_pk)


def _readable_evidence(request, evidence_pk):
    evidence = get_object_or_404(Evidence.objects.select_related("requirement__application"), pk=evidence_pk)
    if not perms.can_read_application(request.user, evidence.requirement.application):
        raise Http404
    return _evidence_response(evidence)


def _evidence_response(evidence: Evidence):
    return stored_file_response(evidence.file, filename=evidence.filename, content_type=evidence.content_type)


@network_view(perms.can_evaluate)
def reviews(request):
    """The dossiers assigned to this evaluator, and theirs only; a report or a finding on one of them is
    posted here with its application's id, and an id not assigned to them is refused like a missing one."""
    # Bound on every post, even an empty one: its refusal is then shown on the form, not a 500.
    form: forms.Form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        pk = request.POST.get("application_pk", "")
        application = LabelApplication.objects.assigned_to(request.user).filter(pk=int(pk) if is_id(pk) else 0)
        application = application.first()
        if application is None:
            form.is_valid()
            form.add_error(None, _("This dossier is not assigned to you."))
        elif request.POST.get("form") == "finding":
            form = NonConformityForm(request.POST, application=application)
            if form.is_valid():
                data = dict(form.cleaned_data)
                requirement = application.requirements.get(pk=data.pop("requirement"))  # one of its choices
                if run_form(form, services.non_conformity_add, requirement=requirement, actor=request.user, **data):
                    messages.success(request, _("The finding is recorded."))
                    return redirect("labelling:reviews")
        elif form.is_valid() and run_form(
            form, services.evaluation_submit, application=application, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Your report is sent to the commission."))
            return redirect("labelling:reviews")
    applications = selectors.for_evaluator(request.user)
    status = 400 if form.errors else 200
    context = {"applications": applications, "form": form, "severities": Severity.choices}
    return render(request, "labelling/reviews.html", context, status=status)


# -- The candidate's own view -----------------------------------------------------------------


@login_view(methods=("GET",))
def my_applications(request):
    """The candidate territory's staff see their own applications only (their Cité may not exist yet)."""
    applications = [selectors.dossier(a.pk) for a in selectors.visible_to_candidate(request.user)]
    contexts = [_context(request, a, network=False) for a in applications]
    return render(request, "labelling/mine.html", {"dossiers": contexts})


@login_view(methods=("POST",))
def my_application_action(request, application_pk):
    application = get_object_or_404(LabelApplication.objects.all(), pk=application_pk)
    if not perms.is_candidate(request.user, application):
        raise Http404  # another territory's application does not exist for this person
    attempt, form = _act(request, application, network=False)
    if attempt:
        messages.success(request, _("Saved."))
    elif form is not None and form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("labelling_candidate:mine")


@centre_view(perms.can_view_own_application, methods=("GET",))
def centre_application(request):
    """The Cité's own label application, read from the Cité's pages."""
    application = LabelApplication.objects.for_centre(request.centre).first()
    context = {"dossiers": [_context(request, selectors.dossier(application.pk), network=False)] if application else []}
    context["centre_side"] = True
    context["mentees"] = selectors.mentees(request.centre)
    return render(request, "labelling/mine.html", context)


@centre_view(perms.can_mentor)
def mentee_dossier(request, mentee_pk):
    """A mentee's dossier as its mentor Cité's coordinators read it: everything, changing nothing but
    the mentoring log, where they log their visits, calls and shadowing days. An application their
    Cité does not mentor does not exist for them."""
    application = get_object_or_404(selectors.mentees(request.centre), pk=mentee_pk)
    failed_form = None
    if request.method == "POST":
        if request.POST.get("form") == "session":
            form = SessionForm(request.POST)
            attempt = form.is_valid() and run_form(
                form,
                services.session_log,
                application=application,
                actor=request.user,
                membership=request.membership,
                **form.cleaned_data,
            )
        else:
            attempt, form = _unknown_form()
        if attempt:
            messages.success(request, _("Saved."))
            return redirect("labelling_centre:mentee", centre_slug=request.centre.slug, mentee_pk=application.pk)
        failed_form = form
    context = _context(request, selectors.dossier(application.pk), network=False)
    context.update(mentor_side=True, failed_form=failed_form)
    return render(request, "labelling/mentee.html", context, status=400 if failed_form is not None else 200)


@centre_view(perms.can_mentor, methods=("GET",))
def mentee_evidence(request, mentee_evidence_pk):
    evidence = get_object_or_404(
        Evidence.objects.filter(requirement__application__in=selectors.mentees(request.centre)), pk=mentee_evidence_pk
    )
    return _evidence_response(evidence)


@centre_view(perms.can_view_own_application, methods=("GET",))
def centre_evidence(request, evidence_pk):
    evidence = get_object_or_404(
        Evidence.objects.filter(requirement__application__centre=request.centre), pk=evidence_pk
    )
    return _evidence_response(evidence)


# -- The public register, for the network's website -------------------------------------------


@public_view(methods=("GET",))
@cache_page(REGISTER_CACHE_SECONDS)
def register_json(request):
    """The labelled Cités, public and cached: the website reads it often and it changes a few times a year."""
    response = JsonResponse({"cites": selectors.public_register()})
    response["Access-Control-Allow-Origin"] = "*"
    return response


# The register's statuses as the public page words them.
REGISTER_STATUS_LABELS = {
    **{state: State(state).label for state in selectors.REGISTER_STATES},
    selectors.LAPSED: gettext_lazy("Lapsed: renewal overdue"),
    selectors.LABELLED_BEFORE: gettext_lazy("Labelled"),
}


@public_view(methods=("GET",))
@cache_page(REGISTER_CACHE_SECONDS)
def register(request):
    """The register as a page for the network's website, beside its JSON: the same rows, worded."""
    rows = [
        {
            **row,
            "status_label": REGISTER_STATUS_LABELS[row["status"]],
            "valid": row["status"] in selectors.PUBLIC_STATES or row["status"] == selectors.LABELLED_BEFORE,
            "since": date.fromisoformat(row["since"]) if row["since"] else None,
            "valid_until": date.fromisoformat(row["valid_until"]) if row["valid_until"] else None,
        }
        for row in selectors.public_register()
    ]
    return render(request, "labelling/register.html", {"rows": rows})
