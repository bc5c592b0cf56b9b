"""The runner's settings: the time limits, the libraries the zygote may import ahead, and
what keeps the runs offline. Changing the default time limit is a one-line edit here."""

from __future__ import annotations

DEFAULT_TIMEOUT = 20.0  # seconds per snippet run
GRACE = 5.0  # after the soft limit, the process group is killed
# Libraries the zygote may import ahead of time (only those the snippets of a run import).
WARM_ROOTS = ("numpy", "torch", "torchvision", "transformers", "pandas")
# The harness is offline; these keep libraries from trying (the audit hook stops the rest).
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}
OFFLINE_MESSAGE = (
    "스니펫은 오프라인으로 실행한다: 데이터는 스니펫 안에서 만들거나 작은 파일로 스니펫 옆에 둔다. "
    "/ snippets run offline: make the data in the snippet or ship a small file next to it"
)
OUTPUT_LIMIT = 200_000  # characters of stray stdout/stderr kept per run
