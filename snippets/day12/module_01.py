import torch
from torch import nn

linear = nn.Linear(in_features=3, out_features=2)
print(linear)
#> Linear(in_features=3, out_features=2, bias=True)
print(linear.weight.shape, linear.bias.shape)  # weight는 (out, in) 모양
#> torch.Size([2, 3]) torch.Size([2])

x = torch.randn(4, 3)  # batch 4개, feature 3개
y = linear(x)
print(y.shape)
#> torch.Size([4, 2])

# 실제로 계산하는 식은 y = x Wᵀ + b
print(torch.allclose(y, x @ linear.weight.T + linear.bias))
#> True
