"""RandomRotation: 범위 안에서 각도를 뽑아 회전한다. 빈 곳은 fill 값."""
import numpy as np
import torch
from PIL import Image
from torchvision import transforms

# 모든 값이 200인 8×6 이미지
img = Image.fromarray(np.full((6, 8, 3), 200, dtype=np.uint8))

# 숫자 하나 d -> [-d, d]에서 균등하게 뽑는다
print(transforms.RandomRotation(degrees=30).degrees)
#> [-30.0, 30.0]

# (최소, 최대) -> [30, 45]에서 뽑는다
rotate = transforms.RandomRotation(degrees=(30, 45))
torch.manual_seed(0)
angle = transforms.RandomRotation.get_params([30.0, 45.0])  # 내부의 추첨
print(f"뽑힌 각도: {angle:.2f}도")
#> 뽑힌 각도: 37.44도

torch.manual_seed(0)  # 같은 시드로 실제 회전 -> 위와 같은 각도로 돈다
out = rotate(img)
print(out.size)  # expand=False(기본값): 크기는 그대로
#> (8, 6)
# 잘려 나간 모서리는 fill(기본 0)로 채워진다
print("모서리:", out.getpixel((0, 0)), "가운데:", out.getpixel((4, 3)))
#> 모서리: (0, 0, 0) 가운데: (200, 200, 200)

# 항상 90도 + expand=True: 회전한 이미지가 다 들어가게 캔버스를 키운다
out = transforms.RandomRotation(degrees=(90, 90), expand=True)(img)
print(out.size)
#> (6, 8)
