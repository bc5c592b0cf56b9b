"""t()와 transpose의 결과가 contiguous한지는 크기가 1보다 큰 축의 순서로 정해진다."""
import torch

# 크기가 1보다 큰 두 축을 바꾸면 stride 순서가 뒤집혀서 contiguous하지 않다
m = torch.arange(12).view(3, 4)
print(tuple(m.t().shape), m.t().stride(), m.t().is_contiguous())
#> (4, 3) (1, 4) False

# 1차원 tensor의 t()는 모양도 stride도 그대로다
v = torch.arange(3)
print(tuple(v.t().shape), v.t().stride(), v.t().is_contiguous())
#> (3,) (1,) True

# 크기가 1인 축이 있는 행렬: 크기가 1보다 큰 축은 하나뿐이라 순서가 바뀌지 않는다
for shape in [(1, 3), (3, 1)]:
    a = torch.arange(3).view(shape)
    print(shape, "->", tuple(a.t().shape), a.t().stride(), a.t().is_contiguous())
    #> (1, 3) -> (3, 1) (1, 3) True
    #> (3, 1) -> (1, 3) (1, 1) True

# 3차원에서도 같다: 크기가 1보다 큰 축(2와 3)의 순서가 그대로인 transpose만 contiguous
b = torch.arange(6).view(2, 1, 3)
for dims in [(0, 1), (1, 2), (0, 2)]:
    out = b.transpose(*dims)
    print(dims, "->", tuple(out.shape), out.is_contiguous())
    #> (0, 1) -> (1, 2, 3) True
    #> (1, 2) -> (2, 3, 1) True
    #> (0, 2) -> (3, 1, 2) False
