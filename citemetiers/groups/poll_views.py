"""Pages of a group's polls: open one, vote, read the result, close it (a decision or a meeting)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.groups import perms, polls, services
from citemetiers.groups.forms import PollForm, VoteForm
from citemetiers.groups.models import Poll, PollKind, Vote
from citemetiers.groups.views import readable_group


def _to_poll(request, poll):
    return redirect("groups:poll", centre_slug=request.centre.slug, poll_pk=poll.pk)


def _poll(request, poll_pk):
    return get_object_or_404(
        Poll.objects.filter(perms.readable_by_person(request.membership, through="group__")).select_related(
            "group", "meeting", "decision"
        ),
        pk=poll_pk,
    )


@centre_view(perms.can_view_groups)
def poll_create(request, group_pk):
    group = readable_group(request, group_pk)
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form,
            polls.poll_open,
            group=group,
            kind=data["kind"],
            question=data["question"],
            closes_at=data["closes_at"],
            dates=data["dates"],
            actor=request.user,
        )
        if attempt:
            messages.success(request, _("The poll is open."))
            return _to_poll(request, attempt.result)
    return render(request, "groups/poll_form.html", {"group": group, "form": form})


@centre_view(perms.can_view_groups)
def poll_detail(request, poll_pk):
    poll = _poll(request, poll_pk)
    form = VoteForm(request.POST or None, poll=poll)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form,
            polls.vote_cast,
            poll=poll,
            answer=data.get("answer", ""),
            reason=data.get("reason", ""),
            options=data.get("options", []),
            actor=request.user,
        )
        if attempt:
            messages.success(request, _("Your vote is counted."))
            return _to_poll(request, poll)
    member = services.acting_membership(poll.group, request.user)
    context = {
        "poll": poll,
        "form": form,
        "is_consent": poll.kind == PollKind.CONSENT,
        "consent": polls.consent_result(poll) if poll.kind == PollKind.CONSENT else None,
        "dates": polls.date_result(poll) if poll.kind == PollKind.DATE else None,
        "objections": Vote.objects.filter(poll=poll, answer="object").select_related("member__user"),
        "can_vote": not poll.closed and perms.is_group_member(member, poll.group),
        "can_close": not poll.closed and perms.can_manage_group(member, poll.group),
    }
    return render(request, "groups/poll.html", context)


@centre_view(perms.can_view_groups, methods=("POST",))
def poll_close(request, poll_pk):
    poll = _poll(request, poll_pk)
    attempt = run_action(request, polls.poll_close, poll=poll, actor=request.user)
    if attempt:
        if attempt.result.meeting_id:
            messages.success(request, _("The poll is closed and the meeting scheduled on the chosen date."))
        elif attempt.result.decision_id:
            messages.success(request, _("The poll is closed: the proposal is in the decisions register."))
        else:
            messages.success(request, _("The poll is closed: the proposal was not consented to."))
    return _to_poll(request, poll)
