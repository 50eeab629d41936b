from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "govscore.web.orgs"
    label = "orgs"
    verbose_name = "Đơn vị"
