import torch
from torch.utils.data import Dataset


class SquareDataset(Dataset):
    def __init__(self, n):
        # 초기화: 보통은 파일 경로를 받아 목록을 읽어 둔다. 여기서는 직접 만든다
        self.x = torch.arange(n, dtype=torch.float32)
        self.y = self.x ** 2

    def __len__(self):
        # 데이터셋의 샘플 수. DataLoader가 배치 수와 인덱스 범위를 정할 때 쓴다
        return len(self.x)

    def __getitem__(self, idx):
        # idx번째 샘플 하나를 돌려준다 (여기서는 (입력, 정답) 튜플)
        return self.x[idx], self.y[idx]


ds = SquareDataset(5)
print(len(ds))
#> 5
print(ds[3])
#> (tensor(3.), tensor(9.))
# for 문은 IndexError가 날 때까지 ds[0], ds[1], ...을 부른다
print([(int(x), int(y)) for x, y in ds])
#> [(0, 0), (1, 1), (2, 4), (3, 9), (4, 16)]
