import textwrap

import torch

v = torch.arange(12).view(3, 4)
t = v.t()  # 전치: 데이터는 그대로 두고 stride만 바꾼다
print(t.shape, t.stride(), t.is_contiguous())
#> torch.Size([4, 3]) (1, 4) False
print(t.data_ptr() == v.data_ptr())
#> True

try:
    t.view(12)
except RuntimeError as e:
    print(textwrap.fill(str(e), 60))  # 긴 오류 메시지를 줄바꿈해서 출력
    #> view size is not compatible with input tensor's size and
    #> stride (at least one dimension spans across two contiguous
    #> subspaces). Use .reshape(...) instead.

# 모든 view가 실패하는 것은 아니다: 축 하나를 쪼개는 것은 그 축의 stride와 상관없이 된다
print(t.view(2, 2, 3).shape)
#> torch.Size([2, 2, 3])
