"""A new organisation starts with the shipped survey templates."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from organisations.models import Organisation

from .services.templates import seed_default_templates


@receiver(post_save, sender=Organisation, dispatch_uid="surveys.seed_default_templates")
def give_new_organisation_templates(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        seed_default_templates(instance)
