from django.contrib import admin

from .models import (
    Agency,
    AllocationLine,
    AllocationVersion,
    Bank,
    Branch,
    FacilityAlert,
    FacilityFile,
    FileStep,
    FiscalYear,
    ImportBatch,
    Program,
    ProvinceQuota,
    ReallocationProposal,
    RejectionReason,
    Target,
)

for model in (FiscalYear, Program, RejectionReason):
    admin.site.register(model)


@admin.register(ProvinceQuota)
class ProvinceQuotaAdmin(admin.ModelAdmin):
    list_display = ["program", "fiscal_year", "amount", "target_jobs"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["program", "fiscal_year", "threshold", "target_date", "alert_distances"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "organisation"]


class BranchInline(admin.TabularInline):
    model = Branch
    extra = 0


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    inlines = [BranchInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is never edited in place: versions, lines, steps, alerts and imports are read-only here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AllocationLineInline(admin.TabularInline):
    model = AllocationLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AllocationVersion)
class AllocationVersionAdmin(ReadOnlyAdmin):
    list_display = ["program", "fiscal_year", "number", "created_by", "created_at", "rule"]
    inlines = [AllocationLineInline]


@admin.register(FacilityFile)
class FacilityFileAdmin(ReadOnlyAdmin):
    list_display = ["pk", "agency", "program", "fiscal_year", "bank", "step"]
    list_filter = ["step", "program", "fiscal_year"]
    exclude = ["national_id", "sheba"]


for model in (FileStep, FacilityAlert, ImportBatch, ReallocationProposal):
    admin.site.register(model, ReadOnlyAdmin)
