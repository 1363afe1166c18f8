from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from doradztwo.models import Edycja, EtapKalendarza, Obszar, Uzytkownik, WpisAudytu

admin.site.site_header = "Doradztwo dla JST"
admin.site.site_title = "Doradztwo dla JST"


@admin.register(Uzytkownik)
class UzytkownikAdmin(UserAdmin):
    pass


class ReadOnlyAdmin(admin.ModelAdmin):
    """Workflow rows are read-only here: edits in admin would bypass services, locks and audit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Edycja)
class EdycjaAdmin(ReadOnlyAdmin):
    list_display = ["nazwa", "data_od", "data_do", "status"]


@admin.register(WpisAudytu)
class WpisAudytuAdmin(ReadOnlyAdmin):
    list_display = ["kiedy", "kto", "akcja", "opis_obiektu"]
    list_filter = ["akcja"]
    list_select_related = ["kto"]


for _model in (EtapKalendarza, Obszar):
    admin.site.register(_model, ReadOnlyAdmin)
