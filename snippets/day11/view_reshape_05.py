import torch


def row_major_strides(shape):
    """shape를 행 우선으로 빈틈없이 채웠을 때의 stride: 마지막 축이 1, 앞 축은 뒤 축 크기의 곱"""
    strides, step = [], 1
    for size in reversed(shape):
        strides.insert(0, step)
        step *= size
    return tuple(strides)


# 순서는 메모리 순서 그대로지만 한 칸씩 건너뛴다: 빈틈이 있으므로 contiguous가 아니다
e = torch.arange(10)[::2]
print(e, e.stride(), e.is_contiguous())
#> tensor([0, 2, 4, 6, 8]) (2,) False
print(row_major_strides(e.shape))
#> (1,)

# 시작 위치만 다른 것은 괜찮다: 빈틈없이 이어져 있으면 contiguous
x = torch.arange(10)
s = x[2:]
print(s.storage_offset(), s.stride(), s.is_contiguous())
#> 2 (1,) True

# 행 우선 순서로 빈틈없이 = stride가 row_major_strides(shape)와 같다
for t in (x.view(2, 5), x.view(2, 5).t(), x[::2], x[2:].view(2, 4)):
    print(tuple(t.shape), t.stride(), t.is_contiguous(), t.stride() == row_major_strides(t.shape))
    #> (2, 5) (5, 1) True True
    #> (5, 2) (1, 5) False False
    #> (5,) (2,) False False
    #> (2, 4) (4, 1) True True

# contiguous()는 빈틈없는 새 메모리로 복사한다
c = e.contiguous()
print(c, c.stride(), c.is_contiguous())
#> tensor([0, 2, 4, 6, 8]) (1,) True
