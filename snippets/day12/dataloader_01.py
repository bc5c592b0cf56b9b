import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.arange(10))  # 샘플 10개: 0, 1, ..., 9

loader = DataLoader(ds, batch_size=4)  # shuffle=False(기본값): 순서대로
print([batch[0].tolist() for batch in loader])
#> [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
print(len(loader))  # 배치 수 = ceil(10 / 4)
#> 3

# shuffle=True: 에포크마다 새로 섞는다. generator에 seed를 주면 순서가 재현된다
g = torch.Generator().manual_seed(42)
loader = DataLoader(ds, batch_size=4, shuffle=True, generator=g)
for epoch in range(2):
    print(epoch, [batch[0].tolist() for batch in loader])
    #> 0 [[6, 5, 4, 0], [8, 9, 2, 1], [3, 7]]
    #> 1 [[3, 6, 5, 8], [9, 4, 2, 0], [7, 1]]
