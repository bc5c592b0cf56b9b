import torch
from torch import nn


class Probe(nn.Module):
    def __init__(self):
        super().__init__()
        # 일반 Tensor 속성 두 개: 기본값 그대로, requires_grad=True
        self.plain = torch.ones(2)
        self.plain_rg = torch.ones(2, requires_grad=True)
        # buffer, non-persistent buffer, Parameter
        self.register_buffer("buf", torch.ones(2))
        self.register_buffer("tmp", torch.ones(2), persistent=False)
        self.param = nn.Parameter(torch.ones(2))

    def forward(self, x):
        y = x * self.plain * self.plain_rg
        return (y * self.buf * self.tmp * self.param).sum()


m = Probe()
kinds = ["plain", "plain_rg", "buf", "tmp", "param"]
rows = {"requires_grad": [getattr(m, k).requires_grad for k in kinds]}

optimizer = torch.optim.SGD(m.parameters(), lr=0.5)
m(torch.ones(2)).backward()
rows["has .grad"] = [getattr(m, k).grad is not None for k in kinds]

before = {k: getattr(m, k).detach().clone() for k in kinds}
optimizer.step()
rows["changed by step()"] = [
    not torch.equal(before[k], getattr(m, k)) for k in kinds
]

params = {id(p) for p in m.parameters()}
buffers = {id(b) for b in m.buffers()}
rows["in parameters()"] = [id(getattr(m, k)) in params for k in kinds]
rows["in buffers()"] = [id(getattr(m, k)) in buffers for k in kinds]
rows["in state_dict()"] = [k in m.state_dict() for k in kinds]

m.double()  # .to(device)와 같은 경로(Module._apply)로 변환된다
rows["float64 after .double()"] = [
    getattr(m, k).dtype == torch.float64 for k in kinds
]

print(" " * 24 + "".join(f"{k:>9}" for k in kinds))
#>                             plain plain_rg      buf      tmp    param
for label, values in rows.items():
    marks = "".join(f"{'O' if v else 'X':>9}" for v in values)
    print(f"{label:<24}{marks}")
    #> requires_grad                   X        O        X        X        O
    #> has .grad                       X        O        X        X        O
    #> changed by step()               X        X        X        X        O
    #> in parameters()                 X        X        X        X        O
    #> in buffers()                    X        X        O        O        X
    #> in state_dict()                 X        X        O        X        O
    #> float64 after .double()         X        X        O        O        O
print(list(m.state_dict()))
#> ['param', 'buf']
