import torch
from torch import nn

model = nn.Sequential(
    nn.Linear(3, 4),
    nn.ReLU(),
    nn.Linear(4, 1),
)
print(model)
#> Sequential(
#>   (0): Linear(in_features=3, out_features=4, bias=True)
#>   (1): ReLU()
#>   (2): Linear(in_features=4, out_features=1, bias=True)
#> )
print(model(torch.randn(2, 3)).shape)  # 넣은 순서대로 forward
#> torch.Size([2, 1])
print(model[0])  # index로 꺼낼 수도 있다
#> Linear(in_features=3, out_features=4, bias=True)

# Parameter는 Module이 아니라서 Sequential에 넣을 수 없다
try:
    nn.Sequential(nn.Linear(3, 3), nn.Parameter(torch.ones(3)))
except TypeError as e:
    print(f"{type(e).__name__}: {e}")
    #> TypeError: torch.FloatTensor is not a Module subclass
print(isinstance(nn.Parameter(torch.ones(3)), nn.Module))
#> False
