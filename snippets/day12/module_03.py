import torch
from torch import nn
from torchvision.models import resnet18

model = resnet18(weights=None).eval()  # 가중치 다운로드 없이 구조만 만든다
x = torch.randn(2, 3, 64, 64)

with torch.no_grad():
    print(model(x).shape)  # 마지막 fc가 1000개 class 점수를 낸다
    #> torch.Size([2, 1000])

print(model.fc)
#> Linear(in_features=512, out_features=1000, bias=True)
model.fc = nn.Identity()  # 마지막 layer만 "아무것도 안 하는 layer"로 바꾼다
with torch.no_grad():
    features = model(x)
# forward 코드는 그대로인데 fc 직전의 512차원 feature가 나온다
print(features.shape)
#> torch.Size([2, 512])
