import random

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class Draws(Dataset):
    def __len__(self):
        return 2

    def __getitem__(self, idx):
        info = get_worker_info()
        # worker_init_fn보다 먼저 PyTorch가 이 worker의 seed를 설정해 두었다
        return {
            "worker": info.id,
            "seed_is_torch_seed": info.seed == torch.initial_seed(),
            "random": random.random(),
            "numpy": float(np.random.rand()),
        }


# 샘플 0은 worker 0이, 샘플 1은 worker 1이 읽는다
rows = list(DataLoader(Draws(), batch_size=1, num_workers=2))
w0, w1 = ({k: v[0].item() for k, v in row.items()} for row in rows)
print("worker id:", w0["worker"], w1["worker"])
#> worker id: 0 1
print("seed == initial_seed():", w0["seed_is_torch_seed"], w1["seed_is_torch_seed"])
#> seed == initial_seed(): True True
print("random 값이 worker마다 다름:", w0["random"] != w1["random"])
#> random 값이 worker마다 다름: True
print("numpy 값이 worker마다 다름:", w0["numpy"] != w1["numpy"])
#> numpy 값이 worker마다 다름: True
