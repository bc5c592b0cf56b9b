import torch

x = torch.arange(6)
print(x.view(2, 3))
#> tensor([[0, 1, 2],
#>         [3, 4, 5]])
print(x.view(3, -1).shape)  # -1: 나머지 크기는 알아서 계산
#> torch.Size([3, 2])

try:
    x.view(4, 2)  # 원소 수(6)가 맞지 않으면 오류
except RuntimeError as e:
    print(e)
    #> shape '[4, 2]' is invalid for input of size 6
