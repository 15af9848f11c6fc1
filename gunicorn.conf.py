"""gunicorn reads this file from the folder it starts in (docs/operations.md): settings that belong
to every deployment, whatever the command line says."""
import gc


def post_worker_init(worker):
    """The app is loaded (about 230,000 objects: mappers, templates, catalogs) and will live as long
    as the worker: take it out of the cyclic garbage collector's sight. Otherwise every collection
    of the oldest generation walks all of it (130 ms), and young collections cost more: 1.5 → 0.7 ms
    of collecting per request (docs/perf.md)."""
    gc.collect()
    gc.freeze()
