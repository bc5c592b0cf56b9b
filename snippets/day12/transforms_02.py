"""RandomCrop: 임의의 위치에서 정해진 크기로 자른다. 시드가 같으면 같은 위치."""
import numpy as np
import torch
from PIL import Image
from torchvision import transforms

# R = 32·x, G = 40·y 이므로 픽셀 값에서 원래 좌표를 읽을 수 있다
arr = np.zeros((6, 8, 3), dtype=np.uint8)
for y in range(6):
    for x in range(8):
        arr[y, x] = (32 * x, 40 * y, 128)
img = Image.fromarray(arr)

crop = transforms.RandomCrop((3, 4))  # (h, w) = (3, 4)

torch.manual_seed(0)
for _ in range(3):
    out = crop(img)
    r, g, _b = out.getpixel((0, 0))  # 잘린 이미지의 왼쪽 위 픽셀
    print(out.size, "원본에서 시작한 위치 (x, y) =", (r // 32, g // 40))
    #> (4, 3) 원본에서 시작한 위치 (x, y) = (4, 0)
    #> (4, 3) 원본에서 시작한 위치 (x, y) = (0, 1)
    #> (4, 3) 원본에서 시작한 위치 (x, y) = (4, 3)

torch.manual_seed(0)  # 같은 시드 -> 같은 위치에서 다시 자른다
out = crop(img)
r, g, _b = out.getpixel((0, 0))
print("다시 시드 0:", (r // 32, g // 40))
#> 다시 시드 0: (4, 0)

# 이미지(6 x 8)보다 큰 크기는 ValueError, pad_if_needed=True면 모자란 만큼 채운 뒤 자른다
big = transforms.RandomCrop((8, 10))
try:
    big(img)
except ValueError as e:
    print("ValueError:", e)
    #> ValueError: Required crop size (8, 10) is larger than input image size (6, 8)
print(transforms.RandomCrop((8, 10), pad_if_needed=True)(img).size)
#> (10, 8)
