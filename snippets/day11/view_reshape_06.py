import torch

# (4, 6)을 전치한 (6, 4): contiguous하지 않고 stride는 (1, 6)
t = torch.arange(24).view(4, 6).t()
print(t.shape, t.stride(), t.is_contiguous())
#> torch.Size([6, 4]) (1, 6) False

# 축 하나를 여러 축으로 쪼개는 view는 어느 축이든 된다 (stride만 나눠 가진다)
a = t.view(2, 3, 4)  # 0번 축(stride 1)을 2 x 3으로
print(a.shape, a.stride())
#> torch.Size([2, 3, 4]) (3, 1, 6)
b = t.view(6, 2, 2)  # 1번 축(stride 6)을 2 x 2로
print(b.shape, b.stride())
#> torch.Size([6, 2, 2]) (1, 12, 6)
print(torch.equal(b.reshape(6, 4), t))  # 값의 순서도 그대로다
#> True

# 축을 합치려면 합칠 축끼리 stride[i] == stride[i+1] * size[i+1]이어야 한다.
# 여기서는 1 != 6 * 4 라서 0번 축과 1번 축을 합치는 view는 모두 실패한다
for shape in [(24,), (12, 2), (3, 8)]:
    try:
        t.view(*shape)
        print(shape, "view 성공")
    except RuntimeError:
        print(shape, "RuntimeError")
        #> (24,) RuntimeError
        #> (12, 2) RuntimeError
        #> (3, 8) RuntimeError
