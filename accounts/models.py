from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. Roles are held per organisation through memberships."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Leave empty to use the organisation's language."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            # Invitations find an account by its e-mail address, so one address is one account.
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="unique_user_email_ignoring_case",
                violation_error_message=_("Another account already uses this e-mail address."),
            )
        ]

    def __str__(self) -> str:
        if self.is_erased:
            return str(_("Former member"))
        return self.get_full_name() or self.username

    @property
    def is_erased(self) -> bool:
        """Anonymised by ``erase_person``: the row stays so that history still reads."""
        return not self.is_active and self.username == erased_username(self.pk)

    def save(self, *args, **kwargs) -> None:
        # Django holds the new raw password in ``_password`` from set_password() until the save
        # (when it calls the validators' password_changed hook); a hash upgrade at sign-in does not.
        password_changed = self.pk is not None and self._password is not None
        super().save(*args, **kwargs)
        if password_changed:
            from core.audit import log_password_change

            log_password_change(self)


def erased_username(pk: int | None) -> str:
    return f"erased-{pk}"
