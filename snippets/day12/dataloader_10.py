import warnings

import torch
from torch.utils.data import DataLoader, TensorDataset

# GPU가 있으면 GPU로, 없으면 CPU로. 아래 코드는 두 경우에 같은 출력을 낸다
device = "cuda" if torch.cuda.is_available() else "cpu"

ds = TensorDataset(torch.arange(6.0).view(3, 2))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    batches = [x for (x,) in DataLoader(ds, batch_size=2, pin_memory=True)]

# GPU가 있을 때만 배치가 pinned(page-locked) CPU 메모리에 담긴다
print(all(x.is_pinned() == torch.cuda.is_available() for x in batches))
#> True
print(all(x.device.type == "cpu" for x in batches))  # pinned 메모리도 CPU 메모리이다
#> True
# GPU가 없으면 pin_memory=True는 경고 하나만 내고 무시된다
no_accelerator = any("no accelerator" in str(w.message) for w in caught)
print(no_accelerator == (not torch.cuda.is_available()))
#> True

for x in batches:
    x = x.to(device, non_blocking=True)  # CUDA에서는 pinned 메모리에서 비동기로 복사한다
    print(x.tolist(), x.device.type == device)
    #> [[0.0, 1.0], [2.0, 3.0]] True
    #> [[4.0, 5.0]] True
