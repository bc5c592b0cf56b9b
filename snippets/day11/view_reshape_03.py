import torch

x = torch.arange(6)

# 1) contiguous한 tensor: reshape는 view를 돌려준다 (복사 없음)
r = x.reshape(2, 3)
print(r.data_ptr() == x.data_ptr())
#> True
r[0, 0] = -1
print(x)  # 원본도 바뀐다
#> tensor([-1,  1,  2,  3,  4,  5])

# 2) contiguous하지 않은 tensor: reshape는 복사본을 만든다
t = x.view(2, 3).t()
r2 = t.reshape(6)
print(r2.data_ptr() == x.data_ptr())
#> False
r2[0] = 99
print(x)  # 원본은 그대로다
#> tensor([-1,  1,  2,  3,  4,  5])
print(r2)
#> tensor([99,  3,  1,  4,  2,  5])

# 값만 보면 contiguous()로 복사한 뒤 view한 것과 같다
print(torch.equal(t.reshape(2, 3), t.contiguous().view(2, 3)))
#> True
