"""The one place that knows Dask: the replay's partitions run as tasks of a dask.distributed cluster.

The log files and the project must be readable at the same paths on every
worker of the cluster (a shared file system); each task streams them as a
worker process would. Installed with `pip install 'rule-studio[scale]'`.
"""
from __future__ import annotations

from studio import i18n
from studio.i18n import _
from studio.traffic.replay import ReplayCounts, replay_partition


class DaskMissing(RuntimeError):
    """dask.distributed is not installed."""


def replay_on_dask(address: str, project: str, logs: list[str], partitions: int = 0,
                   timeout_s: float = 30) -> list[ReplayCounts]:
    """The counts of each partition, computed on the cluster whose scheduler listens at `address`.

    `partitions` 0 means one per thread of the cluster. Raises DaskMissing, or OSError
    when the scheduler cannot be reached within `timeout_s`.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskMissing(_("--scheduler needs dask.distributed: pip install 'rule-studio[scale]'")) from exc
    with Client(address, timeout=timeout_s) as client:
        if partitions <= 0:
            partitions = max(1, sum(client.nthreads().values()))
        # pure=False: two runs over the same files are two runs (the files may have changed)
        futures = [client.submit(_partition_in, i18n.language(), project, logs, index, partitions, pure=False)
                   for index in range(partitions)]
        return client.gather(futures)


def _partition_in(language: str, project: str, logs: list[str], index: int, partitions: int) -> ReplayCounts:
    """A partition replayed with the caller's language: a worker of the cluster has its own."""
    i18n.set_language(language)
    return replay_partition(project, logs, index, partitions)
