"""Background work of the territory: the directory's imports, the maintainers' reminders of stale services."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from citemetiers.centres.background import run_for_centre
from citemetiers.centres.models import Membership
from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.core.background import jobs_requeue_stale
from citemetiers.core.schedule import periodic
from citemetiers.territory.models import DiagnosticImport, DirectoryImport, SavedSearch, Service

# An import still running after this long was abandoned by a worker that stopped.
IMPORT_STALE_AFTER = dt.timedelta(minutes=15)

# A stale service's maintainer is reminded once a week until someone checks it (DORA's rule, gentler).
REMIND_EVERY = dt.timedelta(days=7)


def stale_reminders_send(*, today: dt.date | None = None) -> int:
    """One e-mail per maintainer and Cité listing their stale services not reminded this past week.
    Returns the e-mails sent."""
    today = today or timezone.localdate()
    with all_centres_maintenance():
        candidates = (
            Service.objects.filter(maintainer__isnull=False)
            .exclude(reminded_on__gt=today - REMIND_EVERY)
            .select_related("maintainer", "centre")
        )
        stale = candidates.stale(today)
        active = set(
            Membership.objects.filter(is_active=True, user__is_active=True).values_list("user_id", "centre_id")
        )
        by_keeper = defaultdict(list)
        for service in stale:
            # Someone who left the Cité's team is not written to about its directory.
            if (service.maintainer_id, service.centre_id) in active:
                by_keeper[(service.maintainer_id, service.centre_id)].append(service)
        sent = 0
        for services in by_keeper.values():
            first = services[0]
            with translation.override(first.centre.main_language):
                subject = ngettext(
                    "%(count)d service of the directory to update", "%(count)d services of the directory to update",
                    len(services),
                ) % {"count": len(services)}  # fmt: skip
                lines = [
                    _("%(name)s (%(structure)s)") % {"name": s.name, "structure": s.structure.name} for s in services
                ]
            send_mail(subject, "\n".join(lines), None, [first.maintainer.email])
            Service.objects.filter(pk__in=[s.pk for s in services]).update(reminded_on=today)
            sent += 1
    return sent


@periodic(daily_at=dt.time(7, 15))
@task()
def stale_service_reminders() -> int:
    """The morning's reminders of the directory's stale services."""
    return stale_reminders_send()


@task()
def directory_import_make(*, import_id: int, centre_id: int) -> str | None:
    """Import an extract asked for in a Cité; returns its status (None if another worker took it)."""
    from citemetiers.territory.imports import directory_import_job_run  # it enqueues this task

    with run_for_centre(centre_id) as centre:
        job = directory_import_job_run(import_id, centre=centre)
    return None if job is None else job.status


@task()
def diagnostic_import_make(*, import_id: int, centre_id: int) -> str | None:
    """Import a zones or labour-figures file asked for in a Cité; returns its status (None if taken)."""
    from citemetiers.territory.imports import diagnostic_import_job_run  # it enqueues this task

    with run_for_centre(centre_id) as centre:
        job = diagnostic_import_job_run(import_id, centre=centre)
    return None if job is None else job.status


@periodic(every=dt.timedelta(minutes=5))
@task()
def directory_imports_requeue_stale() -> list[int]:
    """Enqueue again the imports (the directory's, the diagnostic's) a dead worker left behind, or whose
    task was lost (core/background.py); returns the jobs' ids."""
    kinds = ((DirectoryImport, directory_import_make), (DiagnosticImport, diagnostic_import_make))
    found = []
    with all_centres_maintenance():
        for model, make in kinds:
            pks = jobs_requeue_stale(model, after=IMPORT_STALE_AFTER)
            rows = model.objects.filter(pk__in=pks).values_list("pk", "centre_id")
            found += [(make, pk, centre_id) for pk, centre_id in rows]
    for make, import_id, centre_id in found:
        make.enqueue(import_id=import_id, centre_id=centre_id)
    return [import_id for _make, import_id, _centre_id in found]


def saved_search_alerts_send() -> int:
    """One e-mail per saved search that finds new or changed services, to its owner still in the team.
    Returns the e-mails sent."""
    from citemetiers.territory.searches import saved_search_news, saved_search_seen

    with all_centres_maintenance():
        active = set(
            Membership.objects.filter(is_active=True, user__is_active=True).values_list("user_id", "centre_id")
        )
        sent = 0
        for search in SavedSearch.objects.select_related("owner", "centre").order_by("pk"):
            if (search.owner_id, search.centre_id) not in active:
                continue
            news, found = saved_search_news(search)
            if not news:
                saved_search_seen(search, found)  # a service that left the search is forgotten
                continue
            with translation.override(search.centre.main_language):
                subject = ngettext(
                    "%(search)s: %(count)d new or changed service", "%(search)s: %(count)d new or changed services",
                    len(news),
                ) % {"search": search.name, "count": len(news)}  # fmt: skip
                lines = [_("%(name)s (%(structure)s)") % {"name": s.name, "structure": s.structure.name} for s in news]
            send_mail(subject, "\n".join(lines), None, [search.owner.email])
            saved_search_seen(search, found)
            sent += 1
    return sent


@periodic(daily_at=dt.time(7, 30))
@task()
def saved_search_alerts() -> int:
    """The morning's alerts of the saved searches."""
    return saved_search_alerts_send()
