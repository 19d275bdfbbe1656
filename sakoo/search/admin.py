from django.contrib import admin

from sakoo.search.models import IndexQueueEntry, SynonymGroup


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ("__str__", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("words", "note")


@admin.register(IndexQueueEntry)
class IndexQueueEntryAdmin(admin.ModelAdmin):
    list_display = ("id", "vacancy_id", "created_at")
    readonly_fields = ("vacancy_id", "created_at")
