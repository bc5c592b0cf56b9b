import math

from torch.utils.data import DataLoader, IterableDataset, get_worker_info


class RangeData(IterableDataset):
    """start 이상 end 미만의 정수를 차례로 내놓는 iterable-style 데이터셋"""

    def __init__(self, start, end):
        self.start, self.end = start, end

    def __iter__(self):
        worker = get_worker_info().id
        for value in range(self.start, self.end):
            yield value, worker


def split_range(worker_id):
    """각 worker 프로세스에서 (seed 설정 후, 데이터 로딩 전에) 한 번 불린다"""
    info = get_worker_info()  # id, num_workers, seed, dataset(이 worker의 사본)
    ds = info.dataset
    per_worker = math.ceil((ds.end - ds.start) / info.num_workers)
    ds.start = ds.start + worker_id * per_worker
    ds.end = min(ds.start + per_worker, ds.end)


def load(**kwargs):
    by_worker = {}
    loader = DataLoader(RangeData(0, 8), batch_size=2, num_workers=2, **kwargs)
    for values, workers in loader:
        for v, w in zip(values.tolist(), workers.tolist()):
            by_worker.setdefault(w, []).append(v)
    return dict(sorted(by_worker.items()))


# worker마다 데이터셋 사본 전체를 돌기 때문에 모든 값이 두 번씩 나온다
print("worker_init_fn 없음:", load())
#> worker_init_fn 없음: {0: [0, 1, 2, 3, 4, 5, 6, 7], 1: [0, 1, 2, 3, 4, 5, 6, 7]}
# worker_init_fn으로 worker마다 맡을 구간을 나누면 한 번씩만 나온다
print("worker_init_fn=split_range:", load(worker_init_fn=split_range))
#> worker_init_fn=split_range: {0: [0, 1, 2, 3], 1: [4, 5, 6, 7]}
