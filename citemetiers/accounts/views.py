from axes.utils import reset as axes_reset
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy

from citemetiers.accounts.forms import EmailAuthenticationForm
from citemetiers.accounts.throttling import client_address, normalise_username, password_reset_allow
from citemetiers.core.access import login_view, public_view

login = public_view()(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=EmailAuthenticationForm,
        redirect_authenticated_user=True,
    )
)
logout = public_view(methods=("POST",))(auth_views.LogoutView.as_view())
password_change = login_view()(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done")
    )
)
password_change_done = login_view(methods=("GET",))(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)


class PasswordResetView(auth_views.PasswordResetView):
    """Mails a reset link, at most PASSWORD_RESET_LIMIT an hour per address and per account.

    Over the limit the answer is the same "check your mail" page: it must never tell whether
    the address has an account, nor whether the limit was reached for it.
    """

    def form_valid(self, form):
        if not password_reset_allow(email=form.cleaned_data["email"], address=client_address(self.request)):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever holds the mailbox has proved they own the account: lift its lock from every address.
        axes_reset(username=normalise_username(form.user.get_username()))
        return response


password_reset = public_view()(
    PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = public_view(methods=("GET",))(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public_view()(
    PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public_view(methods=("GET",))(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
