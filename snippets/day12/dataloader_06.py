import time

from torch.utils.data import DataLoader, Dataset


class Slow(Dataset):
    def __len__(self):
        return 2

    def __getitem__(self, idx):
        time.sleep(0.2)  # 샘플 하나 읽는 데 0.2초 걸리는 느린 데이터셋
        return idx


# worker가 배치 하나를 0.05초 안에 내놓지 못하면 RuntimeError
loader = DataLoader(Slow(), batch_size=1, num_workers=1, timeout=0.05)
try:
    next(iter(loader))
except RuntimeError as e:
    print("RuntimeError:", e)
    #> RuntimeError: DataLoader timed out after 0.05 seconds

# 기다릴 시간만 넉넉하면 정상 동작 (기본값 timeout=0은 "제한 없이 기다림")
loader = DataLoader(Slow(), batch_size=2, num_workers=1, timeout=5)
print([b.tolist() for b in loader])
#> [[0, 1]]

# 음수는 만들 때부터 ValueError
try:
    DataLoader(Slow(), timeout=-1)
except ValueError as e:
    print("ValueError:", e)
    #> ValueError: timeout option should be non-negative

# worker가 없으면(num_workers=0) timeout은 0이어야 한다. 아니면 반복 시작 때 에러
try:
    next(iter(DataLoader(Slow(), timeout=1)))
except AssertionError as e:
    print("AssertionError:", e)
    #> AssertionError: _SingleProcessDataLoaderIter requires timeout == 0
