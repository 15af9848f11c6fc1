"""The SMS service's own hook implementations (registered as a core part in core.setup): demo data."""
from core.plugins.hookspecs import hookimpl


@hookimpl
def ravabet_demo_data(session, context):
    from core.sms.demo import add_demo_sms

    add_demo_sms(session, context)
