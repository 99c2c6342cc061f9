"""Pages of the duty rosters: the calendar, my roster and its feed, availability, desks, the planner."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.accounts.roles import Role
from citemetiers.centres import tenancy
from citemetiers.centres.models import Membership
from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view, public_view
from citemetiers.core.forms import is_id, render_form_page, run_action, run_form, save_form
from citemetiers.reception.models import AdviceArea
from citemetiers.reception.perms import can_advise
from citemetiers.rosters import feeds, ics, selectors, services
from citemetiers.rosters.forms import AbsenceForm, AvailabilityForm, DeskForm, OneOffForm, PeriodForm, ShiftForm
from citemetiers.rosters.models import Availability, Desk, Proposal, ProposalStatus, RosterFeed, Shift, Slot
from citemetiers.rosters.perms import can_follow_partnerships, can_plan_rosters


def _date(value: str | None, default: date) -> date:
    """A date from the address; the default when it is missing, malformed or out of any roster's reach."""
    try:
        chosen = date.fromisoformat(value) if value else default
    except ValueError:
        return default
    return chosen if 2000 <= chosen.year <= 2100 else default


def _advisers(centre):
    return Membership.objects.active().for_centre(centre).with_role(Role.ADVISER).select_related("user", "organisation")


def _name(membership) -> str:
    return membership.user.get_full_name() or membership.user.email


# -- The calendar ----------------------------------------------------------------------------------


@centre_view(is_member, methods=("GET",))
def roster(request):
    """The roster of a week or a month, for the whole Cité, one area or one adviser, with the forecast beside it."""
    return _roster_page(request)


def _roster_page(request, *, shift_form=None, anchor: date | None = None, status: int = 200):
    today = timezone.localdate()
    month_view = request.GET.get("view") == "month"
    anchor = anchor or _date(request.GET.get("date"), today)
    if month_view:
        starts_on = anchor.replace(day=1)
        ends_on = (starts_on + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        previous, following = (starts_on - timedelta(days=1)).replace(day=1), ends_on + timedelta(days=1)
    else:
        starts_on = anchor - timedelta(days=anchor.weekday())
        ends_on = starts_on + timedelta(days=6)
        previous, following = starts_on - timedelta(days=7), starts_on + timedelta(days=7)
    areas = AdviceArea.objects.for_centre(request.centre).active()
    area = areas.filter(pk=request.GET["area"]).first() if is_id(request.GET.get("area", "")) else None
    advisers = _advisers(request.centre)
    adviser = advisers.filter(pk=request.GET["adviser"]).first() if is_id(request.GET.get("adviser", "")) else None
    grid, all_areas = selectors.calendar(request.centre, starts_on, ends_on, area=area, membership=adviser)
    shown_areas = [a for a in all_areas if area is None or a.pk == area.pk]
    rows = []
    for day in (starts_on + timedelta(days=n) for n in range((ends_on - starts_on).days + 1)):
        rows.append((day, [grid[(day, slot)] for slot in Slot.values]))
    return render(
        request,
        "rosters/roster.html",
        {
            "rows": rows,
            "areas": shown_areas,
            "all_areas": areas,
            "advisers": advisers,
            "area": area,
            "adviser": adviser,
            "month_view": month_view,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "previous": previous,
            "following": following,
            "slots": Slot.choices,
            "can_plan": can_plan_rosters(request.membership),
            "shift_form": (shift_form or ShiftForm(centre=request.centre, advisers=advisers))
            if can_plan_rosters(request.membership)
            else None,
        },
        status=status,
    )


@centre_view(is_member, methods=("GET",))
def mine(request):
    today = timezone.localdate()
    shifts = (
        Shift.objects.for_centre(request.centre)
        .filter(membership=request.membership, date__gte=today)
        .select_related("area", "desk")[:60]
    )
    feed = feeds.feed_for(request.membership)
    return render(
        request,
        "rosters/mine.html",
        {
            "shifts": shifts,
            "feed_url": request.build_absolute_uri(reverse("roster_feed:feed", kwargs={"feed": feed.token})),
            "availability": Availability.objects.filter(membership=request.membership, valid_until=None, one_off=False),
        },
    )


@centre_view(is_member, methods=("POST",))
def feed_regenerate(request):
    feeds.feed_regenerate(membership=request.membership, actor=request.user)
    messages.success(request, _("A new address has been made; the old one no longer works."))
    return redirect("rosters:mine", centre_slug=request.centre.slug)


@public_view(methods=("GET",))
def feed(request, feed):
    """An adviser's duty as an iCalendar feed, reached only through its secret address."""
    with tenancy.visitor_secret_lookup():
        # The feed's secret address names its adviser's Cité, whose scope the feed is then read in.
        # Only while the person could still sign in to that Cité (Membership.objects.active()).
        found = (
            RosterFeed.objects.select_related("membership__centre", "membership__user")
            .filter(token=feed, membership__in=Membership.objects.active())
            .first()
        )
    if found is None:
        raise Http404
    tenancy.enter_for_request(tenancy.centre_scope(found.membership.centre))
    body = ics.roster_calendar(found.membership)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="roster.ics"'
    return response


# -- Availability -----------------------------------------------------------------------------------


def _availability_page(request, membership):
    current = Availability.objects.filter(membership=membership, valid_until=None, one_off=False)
    initial = {
        "half_days": [f"{a.weekday}{a.slot}" for a in current],
        "valid_from": timezone.localdate(),
        "areas": list(selectors.areas_covered(membership)),
    }
    # Three forms on the page; the one sent is known by its prefix, the others start afresh.
    sent = next((p for p in ("away", "extra", "week") if any(k.startswith(f"{p}-") for k in request.POST)), None)
    form = AvailabilityForm(
        request.POST if sent == "week" else None, centre=request.centre, initial=initial, prefix="week"
    )
    absence_form = AbsenceForm(request.POST if sent == "away" else None, prefix="away")
    one_off_form = OneOffForm(request.POST if sent == "extra" else None, prefix="extra")
    if request.method == "POST":
        if (
            sent == "away"
            and absence_form.is_valid()
            and run_form(
                absence_form,
                services.absence_add,
                membership=membership,
                actor=request.user,
                **absence_form.cleaned_data,
            )
        ):
            messages.success(request, _("The absence has been recorded."))
            return redirect(request.path)
        if (
            sent == "extra"
            and one_off_form.is_valid()
            and run_form(
                one_off_form,
                services.availability_add_one_off,
                membership=membership,
                actor=request.user,
                **one_off_form.cleaned_data,
            )
        ):
            messages.success(request, _("The extra half-day has been recorded."))
            return redirect(request.path)

        if (
            sent == "week"
            and form.is_valid()
            and run_form(
                form,
                services.week_set,
                membership=membership,
                cells=form.cells(),
                valid_from=form.cleaned_data["valid_from"],
                areas=form.cleaned_data["areas"],
                actor=request.user,
            )
        ):
            messages.success(request, _("The availability has been saved."))
            return redirect(request.path)
    today = timezone.localdate()
    return render(
        request,
        "rosters/availability.html",
        {
            "form": form,
            "absence_form": absence_form,
            "one_off_form": one_off_form,
            "person": membership,
            "person_name": _name(membership),
            "absences": membership.absences.filter(ends_on__gte=today),
            "one_offs": membership.availabilities.filter(one_off=True, valid_from__gte=today),
        },
        status=422 if request.method == "POST" else 200,
    )


@centre_view(can_advise)
def my_availability(request):
    return _availability_page(request, request.membership)


@centre_view(can_plan_rosters)
def availability(request, membership_pk):
    return _availability_page(request, get_object_or_404(_advisers(request.centre), pk=membership_pk))


@centre_view(can_plan_rosters, methods=("GET",))
def team(request):
    """Back office: each adviser, what they cover and when they are available."""
    rows = [
        (
            member,
            sorted(selectors.areas_covered(member)),
            Availability.objects.filter(membership=member, valid_until=None),
        )
        for member in _advisers(request.centre)
    ]
    area_names = {a.pk: a.name for a in AdviceArea.objects.for_centre(request.centre)}
    return render(request, "rosters/team.html", {"rows": rows, "area_names": area_names})


# -- Desks and shifts --------------------------------------------------------------------------------


@centre_view(can_plan_rosters, methods=("GET",))
def desks(request):
    return render(request, "rosters/desks.html", {"desks": Desk.objects.for_centre(request.centre)})


@centre_view(can_plan_rosters)
def desk_form(request, desk_pk=None):
    desk = get_object_or_404(Desk.objects.for_centre(request.centre), pk=desk_pk) if desk_pk else None
    form = DeskForm(request.POST or None, instance=Desk.objects.get(pk=desk.pk) if desk else None)
    if request.method == "POST":

        def write(data):
            return services.desk_save(centre=request.centre, desk=desk, actor=request.user, **data)

        response = save_form(request, form, write, _("The desk has been saved."), "rosters:desks")
        if response:
            return response
    return render_form_page(request, form, desk, _("Add a desk"), "rosters:desks")


@centre_view(can_plan_rosters, methods=("POST",))
def shift_add(request):
    form = ShiftForm(request.POST, centre=request.centre, advisers=_advisers(request.centre))
    if form.is_valid():
        data = form.cleaned_data
        if run_form(
            form,
            services.shift_add,
            centre=request.centre,
            membership=data["membership"],
            area=data["area"],
            desk=data["desk"],
            day=data["day"],
            slot=data["slot"],
            locked=data["locked"],
            actor=request.user,
        ):
            messages.success(request, _("The shift has been added."))
            roster_url = reverse("rosters:roster", kwargs={"centre_slug": request.centre.slug})
            return redirect(f"{roster_url}?date={data['day'].isoformat()}")
    # Shown again with what was chosen and why it cannot be, on the week of the day chosen.
    return _roster_page(request, shift_form=form, anchor=form.cleaned_data.get("day"), status=422)


@centre_view(can_plan_rosters, methods=("POST",))
def shift_change(request, shift_pk):
    shift = get_object_or_404(Shift.objects.for_centre(request.centre), pk=shift_pk)
    action = request.POST.get("action")
    if action == "remove":
        # Removal asks first, on its own page.
        return redirect("rosters:shift_remove", centre_slug=request.centre.slug, shift_pk=shift.pk)
    if action in {"lock", "unlock"}:
        services.shift_lock(shift=shift, locked=action == "lock", actor=request.user)
    roster_url = reverse("rosters:roster", kwargs={"centre_slug": request.centre.slug})
    return redirect(f"{roster_url}?date={shift.date.isoformat()}")


@centre_view(can_plan_rosters)
def shift_remove(request, shift_pk):
    """What removing the shift means, then the POST with `confirm` that removes it."""
    shift = get_object_or_404(
        Shift.objects.for_centre(request.centre).select_related("membership__user", "area", "desk"), pk=shift_pk
    )
    roster_url = (
        f"{reverse('rosters:roster', kwargs={'centre_slug': request.centre.slug})}?date={shift.date.isoformat()}"
    )
    if request.method == "POST" and request.POST.get("confirm"):
        services.shift_remove(shift=shift, actor=request.user)
        messages.success(request, _("The shift has been removed."))
        return redirect(roster_url)
    return render(
        request,
        "rosters/shift_remove.html",
        {"shift": shift, "adviser": _name(shift.membership), "back_url": roster_url},
    )


# -- The planner ------------------------------------------------------------------------------------


@centre_view(can_plan_rosters)
def planner(request):
    today = timezone.localdate()
    following = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    initial = {"starts_on": following, "ends_on": (following + timedelta(days=32)).replace(day=1) - timedelta(days=1)}
    form = PeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        requested = run_form(
            form, services.proposal_request, centre=request.centre, actor=request.user, **form.cleaned_data
        )
        if requested:
            return redirect("rosters:proposal", centre_slug=request.centre.slug, proposal_pk=requested.result.pk)
    return render(
        request,
        "rosters/planner.html",
        {"form": form, "proposals": Proposal.objects.for_centre(request.centre)[:10]},
        status=422 if request.method == "POST" else 200,
    )


def _labelled(keys, request):
    members = {m.pk: _name(m) for m in Membership.objects.for_centre(request.centre).select_related("user")}
    areas = {a.pk: a.name for a in AdviceArea.objects.for_centre(request.centre)}
    desks_ = {d.pk: d.name for d in Desk.objects.for_centre(request.centre)}
    return [
        {"adviser": members.get(m, m), "area": areas.get(a, a), "desk": desks_.get(d, d), "day": day, "slot": slot}
        for m, a, d, day, slot in keys
    ]


@centre_view(can_plan_rosters)
def proposal(request, proposal_pk):
    proposal = get_object_or_404(Proposal.objects.for_centre(request.centre), pk=proposal_pk)
    if request.method == "POST":
        # Publishing asks first, on its own page.
        return redirect("rosters:proposal_publish", centre_slug=request.centre.slug, proposal_pk=proposal.pk)
    context = {"proposal": proposal, "running": proposal.status in {ProposalStatus.QUEUED, ProposalStatus.RUNNING}}
    if proposal.status in {ProposalStatus.DONE, ProposalStatus.PUBLISHED}:
        diff = selectors.proposal_diff(proposal) if proposal.status == ProposalStatus.DONE else None
        areas = {a.pk: a.name for a in AdviceArea.objects.for_centre(request.centre)}
        # A month's proposal may change hundreds of shifts: a page of them, labelled page by page.
        page = Paginator(
            [(change, key) for change in ("added", "removed") for key in diff[change]] if diff else [], 50
        ).get_page(request.GET.get("page"))
        context |= {
            "result": proposal.result,
            "unmet": [
                {**row, "area_name": areas.get(row["area"], row["area"]), "day": date.fromisoformat(row["date"])}
                for row in proposal.result.get("unmet", [])
            ],
            "page": page,
            "changes": list(zip([c for c, _ in page], _labelled([k for _, k in page], request), strict=True)),
            "kept": len(diff["kept"]) if diff else 0,
        }
    template = "rosters/includes/proposal_body.html" if request.htmx else "rosters/proposal.html"
    return render(request, template, context)


@centre_view(can_plan_rosters)
def proposal_publish(request, proposal_pk):
    """What publishing will change (shifts added and removed, advisers told), then the POST with `confirm`."""
    proposal = get_object_or_404(Proposal.objects.for_centre(request.centre), pk=proposal_pk)
    if request.method == "POST" and request.POST.get("confirm"):
        published = run_action(request, services.proposal_publish, proposal=proposal, actor=request.user)
        if published:
            messages.success(
                request,
                _("The roster is published: %(added)s shifts added, %(removed)s removed, %(notified)s advisers told.")
                % published.result,
            )
            roster_url = reverse("rosters:roster", kwargs={"centre_slug": request.centre.slug})
            return redirect(f"{roster_url}?date={proposal.starts_on.isoformat()}")
        return redirect("rosters:proposal", centre_slug=request.centre.slug, proposal_pk=proposal.pk)
    if proposal.status != ProposalStatus.DONE:
        return redirect("rosters:proposal", centre_slug=request.centre.slug, proposal_pk=proposal.pk)
    diff = selectors.proposal_diff(proposal)
    advisers = {key[0] for key in diff["added"] + diff["removed"]}
    return render(
        request,
        "rosters/proposal_publish.html",
        {"proposal": proposal, "added": len(diff["added"]), "removed": len(diff["removed"]), "advisers": len(advisers)},
    )


# -- Partnerships ------------------------------------------------------------------------------------


@centre_view(can_follow_partnerships, methods=("GET",))
def partners(request):
    month = _date(request.GET.get("month", "") + "-01" if request.GET.get("month") else None, timezone.localdate())
    month = month.replace(day=1)
    rows = selectors.partnership_follow_up(request.centre, month)
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return render(
        request, "rosters/partners.html", {"rows": rows, "month": month, "previous": previous, "following": following}
    )
