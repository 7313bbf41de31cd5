"""A new organisation starts with the default competence framework."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from organisations.models import Organisation

from .services.framework import seed_default_framework


@receiver(post_save, sender=Organisation, dispatch_uid="people.seed_default_framework")
def give_new_organisation_a_framework(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        seed_default_framework(instance)
