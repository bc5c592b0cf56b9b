import torch
from torch import nn


class Probe(nn.Module):
    def __init__(self):
        super().__init__()
        self.plain = torch.ones(2)  # 일반 Tensor 속성
        self.plain_rg = torch.ones(2, requires_grad=True)  # requires_grad=True인 일반 Tensor 속성
        self.register_buffer("buf", torch.ones(2))  # buffer
        self.register_buffer("tmp", torch.ones(2), persistent=False)  # non-persistent buffer
        self.param = nn.Parameter(torch.ones(2))  # Parameter

    def forward(self, x):
        return (x * self.plain * self.plain_rg * self.buf * self.tmp * self.param).sum()


m = Probe()
names = ["plain", "plain_rg", "buf", "tmp", "param"]
print({n: getattr(m, n).requires_grad for n in names})
#> {'plain': False, 'plain_rg': True, 'buf': False, 'tmp': False, 'param': True}

optimizer = torch.optim.SGD(m.parameters(), lr=0.5)
m(torch.ones(2)).backward()
print({n: getattr(m, n).grad is not None for n in names})  # gradient가 계산되었나?
#> {'plain': False, 'plain_rg': True, 'buf': False, 'tmp': False, 'param': True}

optimizer.step()
print({n: getattr(m, n).tolist() for n in names})  # optimizer가 값을 바꿨나?
#> {'plain': [1.0, 1.0], 'plain_rg': [1.0, 1.0], 'buf': [1.0, 1.0], 'tmp': [1.0, 1.0], 'param': [0.5, 0.5]}

print([n for n, _ in m.named_parameters()])  # parameters()
#> ['param']
print([n for n, _ in m.named_buffers()])  # buffers()
#> ['buf', 'tmp']
print(list(m.state_dict()))  # 모델 저장 시 저장되는 것
#> ['param', 'buf']

m.double()  # .to(device)나 dtype 변환이 적용되는 것
print({n: str(getattr(m, n).dtype) for n in names})
#> {'plain': 'torch.float32', 'plain_rg': 'torch.float32', 'buf': 'torch.float64', 'tmp': 'torch.float64', 'param': 'torch.float64'}
