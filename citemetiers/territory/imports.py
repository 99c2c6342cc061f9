"""The directory's import as a background job: asked for on a page, run by the worker, all or nothing.

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
from citemetiers.territory import tasks
from citemetiers.territory.interchange import ImportRefused, directory_import
from citemetiers.territory.models import DirectoryImport
from citemetiers.territory.perms import can_edit_directory

if TYPE_CHECKING:
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
