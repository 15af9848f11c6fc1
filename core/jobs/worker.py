"""The loop that runs jobs one at a time: in the thread backend's thread and in ``flask jobs worker``."""
import logging
import threading

from core.jobs.runner import claim, claim_next, execute, worker_name

log = logging.getLogger(__name__)


class Worker:
    """Runs the job a backend hands over, else any job the database says is waiting or was left
    by a dead process, so the database alone is enough to lose nothing.

    :param wait: ``wait(timeout) -> job id or None``, the backend's way of sleeping until a job
        may be there (``timeout=0``: do not block).
    """

    def __init__(self, app, wait):
        self.app = app
        self.wait = wait
        self.stopping = threading.Event()

    def run_once(self, job_id=None):
        """Claim and run one job (``job_id`` first if given); False when there was none."""
        with self.app.app_context():
            name = worker_name()
            claimed = job_id if job_id is not None and claim(job_id, name) else claim_next(name)
            if claimed is None:
                return False
            execute(claimed, name)
            return True

    def run(self, burst=False):
        """Run jobs until ``stopping`` is set, or, with ``burst``, until none is left."""
        poll = self.app.config["JOBS_POLL_SECONDS"]
        job_id = None
        while not self.stopping.is_set():
            try:
                ran = self.run_once(job_id)
            except Exception:  # the database is away: try again later, never let the loop die
                log.exception("the job worker could not claim or finish a job")
                ran = False
                self.stopping.wait(poll)
            job_id = None
            if ran:
                continue
            job_id = self.wait(0 if burst else poll)
            if burst and job_id is None:
                return
