import torch
from torch import nn


class Normalizer(nn.Module):
    def __init__(self):
        super().__init__()
        # 학습하지 않지만 모델과 함께 저장/이동해야 하는 값
        self.register_buffer("mean", torch.zeros(3))
        # persistent=False: 같이 이동하지만 state_dict에는 저장하지 않는 값
        self.register_buffer("cache", torch.ones(3), persistent=False)

    def forward(self, x):
        return x - self.mean


m = Normalizer()
print([name for name, _ in m.named_buffers()])  # 둘 다 buffer
#> ['mean', 'cache']
print(list(m.state_dict()))  # state_dict에는 persistent buffer만
#> ['mean']
print(list(m.parameters()))  # parameter가 아니다
#> []

m = m.to(torch.float64)  # .to()는 두 buffer를 모두 옮긴다
print(m.mean.dtype, m.cache.dtype)
#> torch.float64 torch.float64

# optimizer는 buffer를 바꾸지 않지만, 모듈이 forward에서 직접 바꾸는 것은 된다
bn = nn.BatchNorm1d(2)  # running_mean은 buffer이고 처음 값은 0
bn(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))  # 학습 모드의 forward: 배치 평균 [2, 3]을 반영
print([round(v, 4) for v in bn.running_mean.tolist()])  # 0.9 * 0 + 0.1 * [2, 3] (momentum=0.1)
#> [0.2, 0.3]
