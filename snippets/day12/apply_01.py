import torch
from torch import nn

torch.manual_seed(0)  # 초기값은 난수다: 시드를 고정해야 누가 실행해도 같은 숫자가 나온다

model = nn.Sequential(
    nn.Linear(4, 8),
    nn.ReLU(),
    nn.Sequential(nn.Linear(8, 8), nn.ReLU()),
    nn.Linear(8, 2),
)
names = {module: name or "(model 자신)" for name, module in model.named_modules()}
visited = []


def init_weights(m):
    visited.append(f"{names[m]}: {type(m).__name__}")
    if isinstance(m, nn.Linear):  # Linear만 골라서 초기화한다
        nn.init.xavier_uniform_(m.weight)
        nn.init.constant_(m.bias, 0.0)


model.apply(init_weights)  # 모든 하위 모듈 + 자기 자신에게 재귀적으로 적용
for v in visited:  # 자식이 먼저, 부모(자기 자신)가 마지막
    print(v)
    #> 0: Linear
    #> 1: ReLU
    #> 2.0: Linear
    #> 2.1: ReLU
    #> 2: Sequential
    #> 3: Linear
    #> (model 자신): Sequential

# xavier 균등 분포의 이론 표준편차는 sqrt(2 / (fan_in + fan_out))
for name, p in model.named_parameters():
    shape = str(tuple(p.shape))
    line = f"{name:10} shape={shape:7} mean={p.mean():+.3f} std={p.std():.3f}"
    if p.dim() == 2:
        fan_out, fan_in = p.shape
        line += f" (이론값 {(2 / (fan_in + fan_out)) ** 0.5:.3f})"
    print(line)
    #> 0.weight   shape=(8, 4)  mean=-0.041 std=0.409 (이론값 0.408)
    #> 0.bias     shape=(8,)    mean=+0.000 std=0.000
    #> 2.0.weight shape=(8, 8)  mean=-0.025 std=0.347 (이론값 0.354)
    #> 2.0.bias   shape=(8,)    mean=+0.000 std=0.000
    #> 3.weight   shape=(2, 8)  mean=+0.051 std=0.427 (이론값 0.447)
    #> 3.bias     shape=(2,)    mean=+0.000 std=0.000
