"""Compose: 안에 넣은 transform을 순서대로 적용한다."""
import numpy as np
import torch
from PIL import Image
from torchvision import transforms

arr = np.zeros((6, 8, 3), dtype=np.uint8)
for y in range(6):
    for x in range(8):
        arr[y, x] = (32 * x, 40 * y, 128)
img = Image.fromarray(arr)

pipeline = transforms.Compose([
    transforms.Resize(4),             # 8×6 -> 짧은 변 4: 너비 5, 높이 4
    transforms.RandomCrop(4),         # 4×4로 자르기
    transforms.RandomRotation(10),    # -10~10도 회전
    transforms.ToTensor(),            # CHW float 0~1
])
print(pipeline)
#> Compose(
#>     Resize(size=4, interpolation=bilinear, max_size=None, antialias=True)
#>     RandomCrop(size=(4, 4), padding=None)
#>     RandomRotation(degrees=[-10.0, 10.0], interpolation=nearest, expand=False, fill=0)
#>     ToTensor()
#> )

torch.manual_seed(0)
out = pipeline(img)
print(out.shape, out.dtype)
#> torch.Size([3, 4, 4]) torch.float32

# Compose(x)는 차례로 부른 결과와 같다: 같은 시드로 한 단계씩 적용해 비교
torch.manual_seed(0)
step = img
for t in pipeline.transforms:
    step = t(step)
print(torch.equal(out, step))
#> True
