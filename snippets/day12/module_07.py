import torch
from torch import nn


class WithModuleList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])

    def forward(self, x):
        for layer in self.layers:  # 순서와 사용법은 forward에서 직접 정한다
            x = layer(x)
        return x


class WithModuleDict(nn.Module):
    def __init__(self):
        super().__init__()
        self.heads = nn.ModuleDict({
            "cls": nn.Linear(2, 3),
            "reg": nn.Linear(2, 1),
        })

    def forward(self, x, task):
        return self.heads[task](x)  # key로 원하는 모듈을 골라 쓴다


class WithPythonList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(2, 2) for _ in range(3)]  # 그냥 list


x = torch.randn(4, 2)
print(WithModuleList()(x).shape)
#> torch.Size([4, 2])
print(WithModuleList().layers[1])  # index로 접근
#> Linear(in_features=2, out_features=2, bias=True)
print(WithModuleDict()(x, "cls").shape, WithModuleDict()(x, "reg").shape)
#> torch.Size([4, 3]) torch.Size([4, 1])

# ModuleList 자체에는 forward가 없다: Sequential처럼 바로 부를 수 없다
try:
    nn.ModuleList([nn.Linear(2, 2)])(x)
except NotImplementedError as e:
    print("NotImplementedError:", e)
    #> NotImplementedError: Module [ModuleList] is missing the required "forward" function


def count(m):
    return sum(p.numel() for p in m.parameters())


# 같은 Linear 3개인데 python list에 넣으면 모델이 파라미터를 모른다
print(count(WithModuleList()), count(WithPythonList()))
#> 18 0
# state_dict에 저장되지 않고
print(list(WithPythonList().state_dict()))
#> []
# .to()/.double()로도 옮겨지지 않는다
print(WithPythonList().double().layers[0].weight.dtype)
#> torch.float32
print(WithModuleList().double().layers[0].weight.dtype)
#> torch.float64
