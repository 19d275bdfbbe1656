"""Employment facilities (تسهیلات اشتغال): quotas, allocations, agencies, banks and facility files.

Allocations are versioned and never edited in place: a change (a reallocation) is a new
``AllocationVersion`` with its lines. Facility files keep every step as a ``FileStep`` event; the file
also carries a summary of its steps (dates, contracted and paid amounts, working days between them),
written by the same service that writes the step, so that measures over 200,000 files stay fast.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FiscalYear(models.Model):
    year = models.PositiveSmallIntegerField(_("Jalali year"), unique=True,
                                            validators=[MinValueValidator(1390), MaxValueValidator(1499)])

    class Meta:
        ordering = ["-year"]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")

    def __str__(self) -> str:
        return str(self.year)


class Program(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name in Persian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name_fa

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "fa").startswith("en") else self.name_fa


class ProvinceQuota(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="quotas",
                                verbose_name=_("program"))
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="quotas",
                                    verbose_name=_("fiscal year"))
    amount = models.BigIntegerField(_("amount (rials)"), validators=[MinValueValidator(0)])
    target_jobs = models.PositiveIntegerField(_("target jobs"), default=0)

    class Meta:
        verbose_name = _("province quota")
        verbose_name_plural = _("province quotas")
        constraints = [models.UniqueConstraint(fields=["program", "fiscal_year"], name="fac_quota_unique")]

    def __str__(self) -> str:
        return f"{self.program} {self.fiscal_year}"


class Agency(models.Model):
    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.PROTECT,
                                        related_name="agency", verbose_name=_("organisation"))
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("executive agency")
        verbose_name_plural = _("executive agencies")

    def __str__(self) -> str:
        return self.name


class Bank(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        PRIVATE = "private", _("Private")
        PRIVATISED = "privatised", _("Privatised")

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.PROTECT,
                                        related_name="bank", verbose_name=_("organisation"))
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("operating bank")
        verbose_name_plural = _("operating banks")

    def __str__(self) -> str:
        return self.name


class Branch(models.Model):
    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="branches", verbose_name=_("bank"))
    county = models.ForeignKey("geo.County", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("county"))
    code = models.CharField(_("branch code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["bank", "code"]
        verbose_name = _("bank branch")
        verbose_name_plural = _("bank branches")
        constraints = [models.UniqueConstraint(fields=["bank", "code"], name="fac_branch_unique")]

    def __str__(self) -> str:
        return f"{self.bank.name} · {self.name}"


class AllocationVersion(models.Model):
    """One version of the division of a program's province quota among agencies. Never edited: each
    change is a new version (number + 1) with who, when, the rule and the reason."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="allocation_versions",
                                verbose_name=_("program"))
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="allocation_versions",
                                    verbose_name=_("fiscal year"))
    number = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("approved by"))
    created_at = models.DateTimeField(_("approved at"))
    effective_on = models.DateField(_("effective from"))
    rule = models.CharField(_("rule"), max_length=200)
    reason = models.TextField(_("reason"))
    approved = models.BooleanField(_("approved by the working group"), default=True)
    proposal = models.OneToOneField("ReallocationProposal", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="version", verbose_name=_("proposal"))

    class Meta:
        ordering = ["program", "fiscal_year", "-number"]
        verbose_name = _("allocation version")
        verbose_name_plural = _("allocation versions")
        constraints = [
            models.UniqueConstraint(fields=["program", "fiscal_year", "number"], name="fac_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.fiscal_year} v{self.number}"

    @property
    def approver_name(self) -> str:
        if self.created_by is None:
            return "—"
        return self.created_by.get_full_name() or self.created_by.username


class AllocationLine(models.Model):
    version = models.ForeignKey(AllocationVersion, on_delete=models.PROTECT, related_name="lines",
                                verbose_name=_("version"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="allocation_lines",
                               verbose_name=_("agency"))
    amount = models.BigIntegerField(_("amount (rials)"), validators=[MinValueValidator(0)])
    target_jobs = models.PositiveIntegerField(_("target jobs"), default=0)

    class Meta:
        ordering = ["version", "agency"]
        verbose_name = _("allocation line")
        verbose_name_plural = _("allocation lines")
        constraints = [models.UniqueConstraint(fields=["version", "agency"], name="fac_line_unique")]

    def __str__(self) -> str:
        return f"{self.version} {self.agency}"


class RejectionReason(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name in Persian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self) -> str:
        return self.name_fa


class Step(models.TextChoices):
    REGISTERED = "registered", _("Registered by the agency")
    REFERRED = "referred", _("Referred to the bank")
    APPROVED = "approved", _("Approved by the bank")
    REJECTED = "rejected", _("Rejected by the bank")
    CONTRACT_SIGNED = "contract_signed", _("Contract signed")
    PAID = "paid", _("Paid")


class FacilityFile(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    national_id = models.CharField(_("national ID"), max_length=10, db_index=True)
    applicant_name = models.CharField(_("applicant's name"), max_length=200)
    county = models.ForeignKey("geo.County", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("county"))
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("age"), validators=[MinValueValidator(15), MaxValueValidator(100)])
    sheba = models.CharField(_("Sheba (IBAN)"), max_length=26, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="files", verbose_name=_("agency"))
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="files",
                                verbose_name=_("program"))
    # no single-column index: the composite indexes below all start with fiscal_year
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="files",
                                    verbose_name=_("fiscal year"), db_index=False)
    bank = models.ForeignKey(Bank, null=True, blank=True, on_delete=models.PROTECT, related_name="files",
                             verbose_name=_("bank"))
    # no single-column index (the scorecard's covering index serves the reads; branches are rarely deleted)
    branch = models.ForeignKey(Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="files",
                               verbose_name=_("branch"), db_index=False)
    amount_requested = models.BigIntegerField(_("amount requested (rials)"), validators=[MinValueValidator(1)])
    planned_jobs = models.PositiveIntegerField(_("planned jobs"), default=1)
    created_jobs = models.PositiveIntegerField(_("jobs created (verified)"), null=True, blank=True)
    created_jobs_verified_on = models.DateField(_("jobs verified on"), null=True, blank=True)

    # Summary of the steps (written by services.file_step_add together with the FileStep row).
    step = models.CharField(_("current step"), max_length=20, choices=Step.choices, default=Step.REGISTERED)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    rejected_on = models.DateField(_("rejected on"), null=True, blank=True)
    rejection_reason = models.ForeignKey(RejectionReason, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("rejection reason"))
    contracted_on = models.DateField(_("contract signed on"), null=True, blank=True)
    contract_amount = models.BigIntegerField(_("contract amount (rials)"), default=0)
    first_paid_on = models.DateField(_("first paid on"), null=True, blank=True)
    paid_amount = models.BigIntegerField(_("paid amount (rials)"), default=0)
    days_to_contract = models.IntegerField(_("working days from referral to contract"), null=True, blank=True)
    days_to_payment = models.IntegerField(_("working days from referral to first payment"), null=True,
                                          blank=True)

    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("facility file")
        verbose_name_plural = _("facility files")
        constraints = [
            # natural key of an agency's file (imports are idempotent on it)
            models.UniqueConstraint(fields=["agency", "program", "fiscal_year", "national_id"],
                                    name="fac_file_natural_key"),
        ]
        indexes = [
            # covering index of the absorption measures (the dashboard reads the index, not the rows)
            # (year, agency first: SQLite then groups by agency in index order instead of scanning another index)
            models.Index(fields=["fiscal_year", "agency", "program", "referred_on", "approved_on", "rejected_on",
                                 "contracted_on", "first_paid_on", "amount_requested", "contract_amount",
                                 "paid_amount", "planned_jobs", "created_jobs"], name="fac_file_measures"),
            models.Index(fields=["fiscal_year", "contracted_on", "agency", "program", "contract_amount"],
                         name="fac_file_year_contract"),
            models.Index(fields=["fiscal_year", "referred_on", "agency", "program"], name="fac_file_year_referred"),
            # the measures' cache stamp reads Max(updated_at)
            models.Index(fields=["updated_at"], name="fac_file_updated"),
            # covering index of the bank scorecard
            models.Index(fields=["fiscal_year", "bank", "branch", "referred_on", "approved_on", "rejected_on",
                                 "rejection_reason", "contracted_on", "first_paid_on", "amount_requested",
                                 "contract_amount", "paid_amount", "days_to_contract", "days_to_payment"],
                         name="fac_file_bank_measures"),
        ]

    def __str__(self) -> str:
        return _("File %(id)s") % {"id": self.pk}

    @property
    def masked_national_id(self) -> str:
        return "*******" + self.national_id[-3:]


class FileStep(models.Model):
    file = models.ForeignKey(FacilityFile, on_delete=models.CASCADE, related_name="steps",
                             verbose_name=_("file"))
    kind = models.CharField(_("step"), max_length=20, choices=Step.choices)
    date = models.DateField(_("date"))
    amount = models.BigIntegerField(_("amount (rials)"), null=True, blank=True)
    reason = models.ForeignKey(RejectionReason, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("rejection reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["file", "date", "id"]
        verbose_name = _("file step")
        verbose_name_plural = _("file steps")
        indexes = [models.Index(fields=["kind", "date"], name="fac_step_kind_date")]

    def __str__(self) -> str:
        return f"{self.file_id} {self.kind} {self.date.isoformat()}"


class Target(models.Model):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="targets",
                                verbose_name=_("program"))
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="targets",
                                    verbose_name=_("fiscal year"))
    threshold = models.DecimalField(_("absorption threshold"), max_digits=4, decimal_places=3, default=Decimal("0.650"),
                                    validators=[MinValueValidator(0), MaxValueValidator(1)])
    target_date = models.DateField(_("target date"))
    alert_distances = models.JSONField(_("alert at working days before"), default=list, blank=True)

    class Meta:
        verbose_name = _("absorption target")
        verbose_name_plural = _("absorption targets")
        constraints = [models.UniqueConstraint(fields=["program", "fiscal_year"], name="fac_target_unique")]

    def __str__(self) -> str:
        return f"{self.program} {self.fiscal_year}"


class ReallocationProposal(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Rule(models.TextChoices):
        PENDING_DEMAND = "pending_demand", _("In proportion to pending demand")
        ABSORPTION = "absorption", _("In proportion to absorption")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+", verbose_name=_("program"))
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("fiscal year"))
    base_version = models.ForeignKey(AllocationVersion, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("based on version"))
    checkpoint = models.DateField(_("checkpoint"))
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    measure = models.CharField(_("absorption measure"), max_length=12, default="contracted")
    threshold = models.DecimalField(_("threshold"), max_digits=4, decimal_places=3)
    release_fraction = models.DecimalField(_("share of unabsorbed quota released"), max_digits=4,
                                           decimal_places=3, default=1)
    reason = models.TextField(_("reason"))
    lines = models.JSONField(_("before and after"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("reallocation proposal")
        verbose_name_plural = _("reallocation proposals")

    def __str__(self) -> str:
        return f"{self.program} {self.fiscal_year} ({self.checkpoint.isoformat()})"


class FacilityAlert(models.Model):
    """One alert sent (each once): an agency's distance in working days to a deadline."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency"))
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+", verbose_name=_("target"))
    deadline_kind = models.CharField(_("deadline"), max_length=20)
    distance = models.IntegerField(_("working days left"))
    message = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("facility alert")
        verbose_name_plural = _("facility alerts")
        constraints = [
            models.UniqueConstraint(fields=["agency", "target", "deadline_kind", "distance"],
                                    name="fac_alert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.deadline_kind} {self.distance}"


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        AGENCY_FILES = "agency_files", _("Agency files")
        BANK_STEPS = "bank_steps", _("Bank steps")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    filename = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    committed_at = models.DateTimeField(_("committed at"), auto_now_add=True)

    class Meta:
        ordering = ["-committed_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename


class FacilityDailySummary(models.Model):
    """What one agency's files of one program and fiscal year record on one day (counts and amounts per
    step kind): the absorption dashboard reads these few thousand rows instead of the year's files.

    Maintained in the same transaction by the services that write files and steps (``summaries.py``:
    each write subtracts the file's old contribution and adds its new one); ``manage.py
    rebuild_facility_summaries [--check]`` recomputes it from the files. The columns, per day:

    - files, planned_jobs, created_jobs: files registered that day (``created_at``, local date);
    - referred / approved / rejected + amounts requested (``rejected_referred_amount``: requested amount of
      the referred files rejected that day, so pending = referred_amount − rejected_referred_amount);
    - contracted, contracted_amount: contracts signed that day;
    - paid: files first paid that day; paid_amount: everything paid so far on those files (on the
      registration day when a file has a paid amount but no first payment date);
    - paid_steps_amount: instalments (``FileStep`` paid) dated that day (the recent pace of payment).
    """

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("fiscal year"), db_index=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+", verbose_name=_("program"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency"))
    day = models.DateField(_("day"))
    files = models.IntegerField(_("files registered"), default=0)
    planned_jobs = models.IntegerField(_("planned jobs"), default=0)
    created_jobs = models.IntegerField(_("jobs created (verified)"), default=0)
    referred = models.IntegerField(_("referred"), default=0)
    referred_amount = models.BigIntegerField(_("referred amount (rials)"), default=0)
    approved = models.IntegerField(_("approved"), default=0)
    approved_amount = models.BigIntegerField(_("approved amount (rials)"), default=0)
    rejected = models.IntegerField(_("rejected"), default=0)
    rejected_referred_amount = models.BigIntegerField(_("rejected amount (rials)"), default=0)
    contracted = models.IntegerField(_("contracted"), default=0)
    contracted_amount = models.BigIntegerField(_("contracted amount (rials)"), default=0)
    paid = models.IntegerField(_("first paid"), default=0)
    paid_amount = models.BigIntegerField(_("paid amount (rials)"), default=0)
    paid_steps_amount = models.BigIntegerField(_("instalments paid that day (rials)"), default=0)

    VALUE_FIELDS = (
        "files", "planned_jobs", "created_jobs", "referred", "referred_amount", "approved", "approved_amount",
        "rejected", "rejected_referred_amount", "contracted", "contracted_amount", "paid", "paid_amount",
        "paid_steps_amount",
    )

    class Meta:
        ordering = ["fiscal_year", "program", "agency", "day"]
        verbose_name = _("daily facility summary")
        verbose_name_plural = _("daily facility summaries")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "program", "agency", "day"], name="fac_summary_key"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.program} {self.agency} {self.day.isoformat()}"


class FacilityBankSummary(models.Model):
    """What the referred files of one program and fiscal year record for one bank branch (``branch`` empty:
    the files referred to the bank without a branch): the bank scorecard reads these rows instead of the
    year's files. Per bank = the sum over its rows; per branch = the rows with a branch.

    Maintained with ``FacilityDailySummary`` by the same writes (``summaries.py``) and rebuilt or checked by
    ``manage.py rebuild_facility_summaries``. Only files referred to a bank count (``referred_on`` and
    ``bank`` set); the figures are those of ``selectors.bank_measures_from_files``."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("fiscal year"), db_index=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+", verbose_name=_("program"))
    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="+", verbose_name=_("bank"))
    branch = models.ForeignKey(Branch, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("branch"))
    received = models.IntegerField(_("received"), default=0)
    received_amount = models.BigIntegerField(_("amount requested (rials)"), default=0)
    approved = models.IntegerField(_("approved"), default=0)
    rejected = models.IntegerField(_("rejected"), default=0)
    contracted = models.IntegerField(_("contracted"), default=0)
    contracted_amount = models.BigIntegerField(_("contracted amount (rials)"), default=0)
    paid = models.IntegerField(_("first paid"), default=0)
    paid_amount = models.BigIntegerField(_("paid amount (rials)"), default=0)

    VALUE_FIELDS = ("received", "received_amount", "approved", "rejected", "contracted", "contracted_amount",
                    "paid", "paid_amount")

    class Meta:
        ordering = ["fiscal_year", "program", "bank", "branch"]
        verbose_name = _("bank facility summary")
        verbose_name_plural = _("bank facility summaries")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "program", "bank", "branch"],
                                    name="fac_bank_summary_key"),
            # NULL branches are distinct in the constraint above: one row without a branch per bank
            models.UniqueConstraint(fields=["fiscal_year", "program", "bank"], condition=models.Q(branch=None),
                                    name="fac_bank_summary_key_no_branch"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.program} {self.bank} {self.branch_id or '-'}"


class FacilityBankDistribution(models.Model):
    """How many referred files of one program, fiscal year and bank branch have each value of a measure:
    working days from referral to contract, to first payment (bank calendar), or the rejection reason
    (``value`` = the reason's id). The scorecard's medians, 90th percentiles and rejections by reason
    come from these histograms. Kept with ``FacilityBankSummary`` (same key, same writes)."""

    class Kind(models.TextChoices):
        DAYS_TO_CONTRACT = "days_to_contract", _("working days from referral to contract")
        DAYS_TO_PAYMENT = "days_to_payment", _("working days from referral to first payment")
        REJECTION_REASON = "rejection_reason", _("rejection reason")

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("fiscal year"), db_index=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+", verbose_name=_("program"))
    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="+", verbose_name=_("bank"))
    branch = models.ForeignKey(Branch, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("branch"))
    kind = models.CharField(_("measure"), max_length=20, choices=Kind.choices)
    value = models.IntegerField(_("value"))
    files = models.IntegerField(_("files"), default=0)

    VALUE_FIELDS = ("files",)

    class Meta:
        ordering = ["fiscal_year", "program", "bank", "branch", "kind", "value"]
        verbose_name = _("bank facility distribution")
        verbose_name_plural = _("bank facility distributions")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "program", "bank", "branch", "kind", "value"],
                                    name="fac_bank_dist_key"),
            models.UniqueConstraint(fields=["fiscal_year", "program", "bank", "kind", "value"],
                                    condition=models.Q(branch=None), name="fac_bank_dist_key_no_branch"),
        ]
        indexes = [
            # the scorecard reads a year's histograms (covering: no table look-ups)
            models.Index(fields=["fiscal_year", "kind", "bank", "branch", "value", "files", "program"],
                         name="fac_bank_dist_read"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.program} {self.bank} {self.branch_id or '-'} {self.kind}={self.value}"
