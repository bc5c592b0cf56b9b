import torch
from torch import nn

linear = nn.Linear(3, 2)
print(type(linear.weight))  # Linear의 W, b는 Parameter
#> <class 'torch.nn.parameter.Parameter'>
print(nn.Parameter is torch.nn.parameter.Parameter)
#> True

p = nn.Parameter(torch.ones(2))
# Tensor의 하위 class이고 requires_grad=True가 기본값
print(isinstance(p, torch.Tensor), p.requires_grad)
#> True True


class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(2))  # 속성에 넣기만 해도 자동 등록
        self.t = torch.ones(2)  # 그냥 Tensor는 등록되지 않는다

    def forward(self, x):
        return x * self.w * self.t


print([name for name, _ in Scale().named_parameters()])
#> ['w']
