from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "govscore.web.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
