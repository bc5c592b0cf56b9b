"""ToTensor: HWC uint8 (0~255) -> CHW float32 (0.0~1.0)."""
import warnings

import numpy as np
import torch
from PIL import Image
from torchvision import transforms
from torchvision.transforms import v2

arr = np.zeros((6, 8, 3), dtype=np.uint8)
for y in range(6):
    for x in range(8):
        arr[y, x] = (32 * x, 40 * y, 128)
img = Image.fromarray(arr)

# PIL/NumPy: (H, W, C), uint8, 0~255
print(arr.shape, arr.dtype, arr.min(), arr.max())
#> (6, 8, 3) uint8 0 224
# ToTensor: (C, H, W), float32, 0.0~1.0
t = transforms.ToTensor()(img)
print(t.shape, t.dtype, t.min().item(), t.max().item())
#> torch.Size([3, 6, 8]) torch.float32 0.0 0.8784313797950745
print("NumPy [y=1, x=2]:", arr[1, 2].tolist())
#> NumPy [y=1, x=2]: [64, 40, 128]
print("tensor[:, 1, 2]:", t[:, 1, 2], "= 값 / 255")
#> tensor[:, 1, 2]: tensor([0.2510, 0.1569, 0.5020]) = 값 / 255

# 같은 일을 v2로: ToImage() + ToDtype(float32, scale=True)
to_tensor_v2 = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])
t2 = to_tensor_v2(img)
# tv_tensors.Image: Tensor의 하위 class
print(type(t2).__name__, t2.shape, t2.dtype)
#> Image torch.Size([3, 6, 8]) torch.float32
print("float 오차 안에서 같음:", torch.allclose(t, t2, atol=1e-6, rtol=0))
#> float 오차 안에서 같음: True
same_255 = torch.equal((t * 255).round(), (t2 * 255).round())
print("0~255로 되돌리면 완전히 같음:", same_255)
#> 0~255로 되돌리면 완전히 같음: True

# 무엇이 deprecated인가? 경고를 기록해서 확인한다(stderr로 새지 않게).
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    transforms.ToTensor()
print("transforms.ToTensor 경고:", [w.category.__name__ for w in caught])
#> transforms.ToTensor 경고: []
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    v2.ToTensor()
print("v2.ToTensor 경고:", [w.category.__name__ for w in caught])
#> v2.ToTensor 경고: ['UserWarning']
print("deprecated" in str(caught[0].message))
#> True
