from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Identity"

    def ready(self) -> None:
        from identity import audit_hooks, handlers, openapi  # noqa: F401  (receivers, handlers, schema extension)
        from identity.mfa_secrets import rotate_authenticator_secrets
        from kernel.crypto import rotation_register

        rotation_register("mfa.Authenticator.data", rotate_authenticator_secrets)
