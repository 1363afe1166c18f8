from django.contrib import admin

from doradztwo.admin import ReadOnlyAdmin
from jst.models import JST, CzlonekZespolu, Doradca, PrzydzialDoradcy, Udzial, ZmianaEtapu


@admin.register(JST)
class JSTAdmin(ReadOnlyAdmin):
    list_display = ["teryt", "nazwa", "rodzaj", "powiat", "wojewodztwo", "aktywna"]
    list_filter = ["rodzaj", "wojewodztwo", "aktywna"]
    search_fields = ["teryt", "teryt_gminy", "nazwa"]


@admin.register(Udzial)
class UdzialAdmin(ReadOnlyAdmin):
    list_display = ["jst", "edycja", "etap"]
    list_filter = ["edycja", "etap"]
    list_select_related = ["jst", "edycja"]


for model in (ZmianaEtapu, CzlonekZespolu, Doradca, PrzydzialDoradcy):
    admin.site.register(model, ReadOnlyAdmin)
