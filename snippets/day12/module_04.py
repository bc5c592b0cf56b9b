import torch
from torch import nn


class MLPBlock(nn.Module):
    def __init__(self, d, use_bn, p_drop):
        super().__init__()
        self.fc = nn.Linear(d, d)
        # 옵션이 꺼지면 Identity를 넣어 둔다
        self.norm = nn.BatchNorm1d(d) if use_bn else nn.Identity()
        self.drop = nn.Dropout(p_drop) if p_drop > 0 else nn.Identity()

    def forward(self, x):
        # 옵션마다 if를 쓸 필요 없이 항상 같은 코드
        return self.drop(torch.relu(self.norm(self.fc(x))))


x = torch.randn(5, 4)
full = MLPBlock(4, use_bn=True, p_drop=0.1)
plain = MLPBlock(4, use_bn=False, p_drop=0.0)
print(full)
#> MLPBlock(
#>   (fc): Linear(in_features=4, out_features=4, bias=True)
#>   (norm): BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)
#>   (drop): Dropout(p=0.1, inplace=False)
#> )
print(plain)  # 꺼진 옵션 자리는 Identity
#> MLPBlock(
#>   (fc): Linear(in_features=4, out_features=4, bias=True)
#>   (norm): Identity()
#>   (drop): Identity()
#> )
print(full(x).shape, plain(x).shape)  # 같은 forward로 둘 다 동작
#> torch.Size([5, 4]) torch.Size([5, 4])
