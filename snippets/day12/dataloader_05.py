import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.arange(10))  # 샘플 10개: batch_size=3이면 3 + 3 + 3 + 1

for drop_last in (False, True):
    loader = DataLoader(ds, batch_size=3, drop_last=drop_last)
    sizes = [len(batch[0]) for batch in loader]
    print(f"drop_last={drop_last}: len(loader)={len(loader)}, 배치 크기={sizes}")
    #> drop_last=False: len(loader)=4, 배치 크기=[3, 3, 3, 1]
    #> drop_last=True: len(loader)=3, 배치 크기=[3, 3, 3]
