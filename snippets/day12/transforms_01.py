"""Resize: int는 짧은 변에 맞추고(비율 유지), (h, w)는 그 크기 그대로."""
import numpy as np
from PIL import Image
from torchvision import transforms

# 학습자의 예: 크기가 다른 강아지 사진 두 장. PIL의 size는 (너비, 높이)
square = Image.new("RGB", (300, 300))
wide = Image.new("RGB", (400, 300))

# int: 짧은 변을 224로, 긴 변은 비율대로
resize_short = transforms.Resize(224)
print(resize_short(square).size, resize_short(wide).size)
#> (224, 224) (298, 224)

# (h, w): 비율과 상관없이 정확히 이 크기
resize_exact = transforms.Resize((224, 224))
print(resize_exact(square).size, resize_exact(wide).size)
#> (224, 224) (224, 224)

# 크기를 정말로 고정하려면: 비율을 지켜 줄인 뒤 가운데(또는 임의의 위치)를 잘라 낸다
for crop in (transforms.CenterCrop(224), transforms.RandomCrop(224)):
    fixed = transforms.Compose([transforms.Resize(224), crop])
    print(type(crop).__name__, fixed(square).size, fixed(wide).size)
    #> CenterCrop (224, 224) (224, 224)
    #> RandomCrop (224, 224) (224, 224)

# 위치에 따라 색이 조금씩 변하는 작은 이미지: R = 32·x, G = 40·y, B = 128 (너비 8, 높이 6)
arr = np.zeros((6, 8, 3), dtype=np.uint8)
for y in range(6):
    for x in range(8):
        arr[y, x] = (32 * x, 40 * y, 128)
img = Image.fromarray(arr)
print(img.size, img.mode)
#> (8, 6) RGB

print(transforms.Resize(3)(img).size)  # 짧은 변 6 -> 3, 긴 변 8 -> 4
#> (4, 3)
print(transforms.Resize((3, 5))(img).size)  # (h=3, w=5) -> PIL size는 (5, 3)
#> (5, 3)
