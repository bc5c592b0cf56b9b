import torch
from torch import nn


class BasicBlock(nn.Module):
    """ResNet의 residual block: 출력 = relu(F(x) + shortcut(x))"""

    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False),
            nn.BatchNorm2d(c_out),
            nn.ReLU(),
            nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False),
            nn.BatchNorm2d(c_out),
        )
        if stride == 1 and c_in == c_out:
            self.shortcut = nn.Identity()  # 모양이 같으면 x를 그대로 더한다
        else:  # 모양이 다르면 1x1 conv로 맞춘다
            self.shortcut = nn.Sequential(
                nn.Conv2d(c_in, c_out, 1, stride, bias=False),
                nn.BatchNorm2d(c_out),
            )

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


x = torch.randn(1, 8, 16, 16)
same = BasicBlock(8, 8)
down = BasicBlock(8, 16, stride=2)
print(type(same.shortcut).__name__, same(x).shape)
#> Identity torch.Size([1, 8, 16, 16])
print(type(down.shortcut).__name__, down(x).shape)
#> Sequential torch.Size([1, 16, 8, 8])
