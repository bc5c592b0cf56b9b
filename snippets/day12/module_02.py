import torch
from torch import nn

identity = nn.Identity()
x = torch.randn(2, 3)
print(identity(x) is x)  # 계산도 복사도 없이 입력을 그대로 돌려준다
#> True
print(len(list(identity.parameters())))  # 학습할 파라미터도 없다
#> 0

# 생성자 인자를 받아도 무시한다: 다른 layer 자리에 그대로 끼워 넣기 좋다
print(nn.Identity(54, unused_argument=0.1))
#> Identity()
