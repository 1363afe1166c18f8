from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from doradztwo.models import Uzytkownik

admin.site.site_header = "Doradztwo dla JST"
admin.site.site_title = "Doradztwo dla JST"


@admin.register(Uzytkownik)
class UzytkownikAdmin(UserAdmin):
    pass
