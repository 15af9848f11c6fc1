"""The Ravabet application factory."""
from flask import Flask

from core.setup import configure, init_core, init_plugins


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    configure(app, test_config)
    init_plugins(app)
    init_core(app)
    return app
