from django.contrib.auth.forms import AuthenticationForm

from core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass
