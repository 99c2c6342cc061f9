"""The directory's and the diagnostic's imports as background jobs: asked for on a page, run by the
worker, all or nothing.

The job's row (models.DirectoryImport) carries the status and progress the page shows, and after a
refusal every bad row's line and field; the task `territory.tasks.directory_import_make` runs
`directory_import_job_run`, which claims the row (core/background.py) so that two workers never
import the same extract twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.core.background import job_claim, job_done, job_failed, job_progress
from citemetiers.territory import diagnostic, origin, tasks
from citemetiers.territory.interchange import ImportRefused, directory_import
from citemetiers.territory.models import DiagnosticImport, DiagnosticImportKind, DirectoryImport
from citemetiers.territory.perms import can_edit_directory

if TYPE_CHECKING:
    import datetime as dt

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre


def directory_import_request(
    *, centre: Centre, structures: str, services: str, fmt: str, actor: User
) -> DirectoryImport:
    """Ask for an extract to be imported into the Cité's directory; the worker imports it."""
    membership_required(
        actor, centre.pk, can_edit_directory, _("Only coordinators and partnerships staff import the directory.")
    )
    with transaction.atomic():
        job = DirectoryImport.objects.create(
            centre=centre, requested_by=actor, requested_at=timezone.now(), fmt=fmt,
            structures=structures, services=services,
        )  # fmt: skip
        audit_log(actor=actor, action="territory.directory_import_requested", target=job, centre=centre)
        # After the commit: the worker must find the row its task names.
        transaction.on_commit(partial(tasks.directory_import_make.enqueue, import_id=job.pk, centre_id=centre.pk))
    return job


def directory_import_job_run(import_pk: int, *, centre: Centre) -> DirectoryImport | None:
    """Import a queued extract of `centre`, unless another process already took it."""
    claim = job_claim(DirectoryImport, import_pk, centre_id=centre.pk)
    if claim is None:
        return None
    job = DirectoryImport.objects.select_related("requested_by").get(pk=import_pk)
    try:
        report = directory_import(
            centre=centre, structures=job.structures, services=job.services, fmt=job.fmt,
            actor=job.requested_by, progress=job_progress(DirectoryImport, import_pk, claim),
        )  # fmt: skip
    except ImportRefused as refusal:
        # Nothing was written: the page lists each bad row, the person mends the file and sends it again.
        DirectoryImport.objects.filter(pk=import_pk).update(row_errors=[str(error) for error in refusal.errors])
        job_failed(DirectoryImport, import_pk, claim, refusal)
    except Exception as error:
        job_failed(DirectoryImport, import_pk, claim, error)
    else:
        job_done(
            DirectoryImport, import_pk, claim, created=report.created, updated=report.updated,
            structures="", services="",
        )  # fmt: skip
        return DirectoryImport.objects.get(pk=import_pk)
    DirectoryImport.objects.filter(pk=import_pk).update(structures="", services="")
    return DirectoryImport.objects.get(pk=import_pk)


def diagnostic_import_request(
    *, centre: Centre, kind: str, text: str, actor: User, source: str = "", source_date: dt.date | None = None
) -> DiagnosticImport:
    """Ask for a zones or labour-figures file to be imported into the Cité's diagnostic; the worker imports it."""
    membership_required(actor, centre.pk, can_edit_directory, diagnostic.refused_message())
    with transaction.atomic():
        job = DiagnosticImport.objects.create(
            centre=centre, requested_by=actor, requested_at=timezone.now(), kind=kind, text=text,
            source=source, source_date=source_date,
        )  # fmt: skip
        audit_log(actor=actor, action="territory.diagnostic_import_requested", target=job, centre=centre,
                  changes={"kind": kind})  # fmt: skip
        transaction.on_commit(partial(tasks.diagnostic_import_make.enqueue, import_id=job.pk, centre_id=centre.pk))
    return job


def diagnostic_import_job_run(import_pk: int, *, centre: Centre) -> DiagnosticImport | None:
    """Import a queued zones or figures file of `centre`, unless another process already took it."""
    claim = job_claim(DiagnosticImport, import_pk, centre_id=centre.pk)
    if claim is None:
        return None
    job = DiagnosticImport.objects.select_related("requested_by").get(pk=import_pk)
    progress = job_progress(DiagnosticImport, import_pk, claim)
    try:
        if job.kind == DiagnosticImportKind.ZONES:
            count = diagnostic.zones_import(centre=centre, text=job.text, actor=job.requested_by, progress=progress)
        elif job.kind == DiagnosticImportKind.SHAPES:
            count = origin.shapes_import(centre=centre, text=job.text, actor=job.requested_by, progress=progress)
        else:
            count = diagnostic.figures_import(
                centre=centre, text=job.text, source=job.source, source_date=job.source_date,
                actor=job.requested_by, progress=progress,
            )  # fmt: skip
    except ImportRefused as refusal:
        # Nothing was written: the page lists each bad line, the person mends the file and sends it again.
        DiagnosticImport.objects.filter(pk=import_pk).update(row_errors=[str(error) for error in refusal.errors])
        job_failed(DiagnosticImport, import_pk, claim, refusal)
    except Exception as error:
        job_failed(DiagnosticImport, import_pk, claim, error)
    else:
        job_done(DiagnosticImport, import_pk, claim, imported=count, text="")
        return DiagnosticImport.objects.get(pk=import_pk)
    DiagnosticImport.objects.filter(pk=import_pk).update(text="")
    return DiagnosticImport.objects.get(pk=import_pk)
