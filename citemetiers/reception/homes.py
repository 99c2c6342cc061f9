"""The reception's and the adviser's parts of the Cité's home: today's queues, my visitors today."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from citemetiers.core import homes
from citemetiers.library.models import Resource
from citemetiers.reception import perms, selectors
from citemetiers.reception.models import AdviceArea, Interview, Ticket, TicketStatus
from citemetiers.reception.ticketing import service_date

# "Lately" for the resources the team recommends: a month covers a full cycle of workshops and duties.
RECOMMENDED_DAYS = 30
RECOMMENDED_SHOWN = 5


def _open_areas(request) -> dict:
    # A person both at reception and advising sees the list in both cards: it is read once.
    if not hasattr(request, "_home_open_areas"):
        request._home_open_areas = list(AdviceArea.objects.for_centre(request.centre).active())
    return {"areas": request._home_open_areas}


def _queues(request) -> dict:
    return {"queues": selectors.queues(request.centre)}


def _adviser_day(request) -> dict:
    centre, now = request.centre, timezone.now()
    today = service_date(centre, now)
    mine = Ticket.objects.for_centre(centre).filter(service_date=today, adviser=request.user)
    by_status = dict(mine.values_list("status").annotate(n=Count("id")).order_by())
    current = list(
        mine.filter(status__in=[TicketStatus.CALLED, TicketStatus.IN_SERVICE])
        .select_related("area")
        .order_by("called_at")
    )
    since = now - timedelta(days=RECOMMENDED_DAYS)
    most = (
        Interview.resources.through.objects.filter(interview__centre=centre, interview__created_at__gte=since)
        .values("resource")
        .annotate(n=Count("id"))
        .order_by("-n", "resource")[:RECOMMENDED_SHOWN]
    )
    counts = {row["resource"]: row["n"] for row in most}
    # Only what the Cité may read today: a resource made private since it was recommended drops out.
    readable = Resource.objects.visible_to(centre).filter(pk__in=counts).prefetch_related("translations").in_bulk()
    recommended = [
        {"resource": readable[pk], "translation": readable[pk].translation_in(request.LANGUAGE_CODE), "count": n}
        for pk, n in counts.items()
        if pk in readable
    ]
    return {"current": current, "done_today": by_status.get(TicketStatus.DONE, 0), "recommended": recommended}


homes.panel(
    "reception_queues",
    order=10,
    template="reception/home/queues.html",
    applies=perms.can_check_in,
    context=_queues,
)
homes.panel(
    "adviser_day",
    order=20,
    template="reception/home/adviser_day.html",
    applies=perms.can_advise,
    context=_adviser_day,
)
# What each role starts from, after the day's panels: the console to open and the Cité's advice areas.
homes.panel(
    "reception_welcome",
    order=90,
    template="reception/home/welcome.html",
    applies=perms.can_check_in,
    context=_open_areas,
)
homes.panel(
    "adviser_welcome",
    order=91,
    template="reception/home/adviser_welcome.html",
    applies=perms.can_advise,
    context=_open_areas,
)
