from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ppid.accounts"
    label = "accounts"
    verbose_name = "Akun dan peran"
