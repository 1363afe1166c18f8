from django.core.checks import Error, Tags, register

from doradztwo import vendor


@register(Tags.staticfiles)
def vendor_assets_check(app_configs, **kwargs):
    found, _versions = vendor.problems()
    return [Error(message, id="doradztwo.E001") for message in found]
