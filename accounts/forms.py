from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm, StyledFormMixin

from .services.credentials import email_in_use, language_of, sign_in_name


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail or username")

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = sign_in_name(self.cleaned_data["username"])
        return super().clean()


class ProfileForm(ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "preferred_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class CurrentPasswordMixin:
    """A change to one's own account is confirmed with the password one signs in with now."""

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password


class EmailChangeForm(CurrentPasswordMixin, Form):
    email = forms.EmailField(label=_("New e-mail address"))
    current_password = forms.CharField(
        label=_("Current password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"])
        if email_in_use(email, except_user=self.user):
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email


class PasswordChangeForm(StyledFormMixin, auth_forms.PasswordChangeForm):
    pass


class SetPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    """Django's reset by e-mail, written in the language of the person it goes to."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(language_of(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class NewAccountForm(StyledFormMixin, auth_forms.SetPasswordMixin, forms.Form):
    """The invited person names themselves and chooses the password; the address is the invitation's."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields()

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        account = get_user_model()(
            username=self.email,
            email=self.email,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        self.validate_password_for_user(account)
        return cleaned
