"""What the other Cités do with a resource: evaluate it, answer an evaluation, adopt it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.library import services
from citemetiers.library.forms import AdoptionForm, EvaluationForm, ReplyForm
from citemetiers.library.perms import can_contribute_to_library
from citemetiers.library.views.common import _back_to, _visible


@centre_view(can_contribute_to_library)
def evaluate(request, resource_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    earlier = resource.evaluations.filter(author=request.user).first()
    initial = (
        {name: getattr(earlier, name) for name in ("usefulness", "clarity", "transferability", "comment")}
        if earlier
        else {}
    )
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_form(
            form,
            services.evaluation_save,
            resource=resource,
            membership=request.membership,
            scores={name: data[name] for name in ("usefulness", "clarity", "transferability")},
            comment=data["comment"],
            actor=request.user,
        ):
            messages.success(request, _("Thank you: your evaluation has been recorded."))
            return _back_to(resource, request)
    return render(
        request,
        "library/evaluate.html",
        {"form": form, "resource": resource, "own": resource.centre_id == request.centre.pk},
        status=422 if request.method == "POST" else 200,
    )


@centre_view(can_contribute_to_library, methods=("POST",))
def reply(request, resource_pk, evaluation_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    evaluation = get_object_or_404(resource.evaluations, pk=evaluation_pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        if run_action(
            request,
            services.reply_add,
            evaluation=evaluation,
            membership=request.membership,
            text=form.cleaned_data["text"],
            actor=request.user,
        ):
            messages.success(request, _("Your reply has been posted."))
    else:
        messages.error(request, _("Write a reply."))
    return _back_to(resource, request)


@centre_view(can_contribute_to_library)
def adopt(request, resource_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    form = AdoptionForm(request.POST or None, initial={"adopted_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(
            form,
            services.adoption_record,
            resource=resource,
            membership=request.membership,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Thank you: the author Cité has been told."))
        return _back_to(resource, request)
    return render(
        request,
        "library/adopt.html",
        {"form": form, "resource": resource, "own": resource.centre_id == request.centre.pk},
        status=422 if request.method == "POST" else 200,
    )
