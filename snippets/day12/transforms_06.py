"""ToTensor가 0.0~1.0으로 바꾸는 것은 uint8과 1비트 흑백(PIL 모드 "1")일 때뿐이다."""
import numpy as np
from PIL import Image
from torchvision import transforms

to_tensor = transforms.ToTensor()
pixels = np.array([[0, 128, 255]])  # 높이 1, 너비 3인 흑백 이미지의 값

# uint8만 float32로 바꾸고 255로 나눈다. 다른 dtype은 dtype도 값도 그대로 둔다
for dtype in (np.uint8, np.int32, np.float32):
    t = to_tensor(pixels.astype(dtype))
    print(np.dtype(dtype).name, "->", t.dtype, t.flatten().tolist())
    #> uint8 -> torch.float32 [0.0, 0.501960813999176, 1.0]
    #> int32 -> torch.int32 [0, 128, 255]
    #> float32 -> torch.float32 [0.0, 128.0, 255.0]

# PIL 이미지도 같다: 8비트 모드(L, RGB, ...)만 나눈다. 32비트 모드 I(정수), F(실수)는 그대로
for mode in ("L", "I", "F"):
    img = Image.fromarray(pixels.astype(np.uint8)).convert(mode)
    t = to_tensor(img)
    print(mode, "->", t.dtype, t.flatten().tolist())
    #> L -> torch.float32 [0.0, 0.501960813999176, 1.0]
    #> I -> torch.int32 [0, 128, 255]
    #> F -> torch.float32 [0.0, 128.0, 255.0]

# 1비트 모드 "1"(흰색/검은색)도 float32가 된다. NumPy로 읽은 0/1을 255배해서 나누므로 흰색이 1.0이다
bits = Image.fromarray(np.array([[False, True, True]]))
print(bits.mode, bits.getpixel((1, 0)), "->", to_tensor(bits).dtype, to_tensor(bits).flatten().tolist())
#> 1 255 -> torch.float32 [0.0, 1.0, 1.0]
# NumPy bool 배열은 나누지 않고 torch.bool 그대로다
print(to_tensor(np.array([[[False], [True]]])).dtype)
#> torch.bool
