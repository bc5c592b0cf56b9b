from functools import partial

import torch
from torch import nn

torch.manual_seed(0)  # 초기값은 난수다: 시드를 고정해야 누가 실행해도 같은 숫자가 나온다


def init_normal(m, std):
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, mean=0.0, std=std)
        nn.init.zeros_(m.bias)


model = nn.Sequential(nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))

# apply는 fn(module) 처럼 인자 하나로 부르므로, std는 partial로 미리 채워 둔다
model.apply(partial(init_normal, std=0.02))
for name, p in model.named_parameters():
    print(f"{name:8} std={p.std():.4f}")
    #> 0.weight std=0.0200
    #> 0.bias   std=0.0000
    #> 2.weight std=0.0199
    #> 2.bias   std=0.0000
