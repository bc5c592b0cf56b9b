import torch

t = torch.arange(6).view(2, 3).t()
print(t.is_contiguous())
#> False

c = t.contiguous()  # 메모리를 지금 보이는 순서대로 새로 복사한다
print(c.is_contiguous(), c.stride())
#> True (2, 1)
print(c.data_ptr() == t.data_ptr())
#> False
print(c.view(6))  # 이제 view가 된다
#> tensor([0, 3, 1, 4, 2, 5])

# 이미 contiguous하면 복사하지 않고 자기 자신을 돌려준다
x = torch.arange(6)
print(x.contiguous() is x)
#> True
