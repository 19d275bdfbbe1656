from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Job seeker")
    EMPLOYER = "employer", _("Employer")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    BANK_OFFICER = "bank_officer", _("Bank officer")
    COUNTY_OFFICER = "county_officer", _("County officer")
    LABOUR_SQUARE_COORDINATOR = "labour_square_coordinator", _("Labour-square coordinator")
    PROVINCE_ANALYST = "province_analyst", _("Province analyst")
    PROVINCE_ADMIN = "province_admin", _("Province admin")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.JOB_SEEKER)
    phone = models.CharField(_("mobile number"), max_length=11, unique=True, null=True, blank=True)
