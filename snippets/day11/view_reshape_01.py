import torch

x = torch.arange(12)  # 0 ~ 11, 메모리에 한 줄로 저장된다
print(x.stride(), x.is_contiguous())
#> (1,) True

v = x.view(3, 4)  # 같은 메모리를 3행 4열로 "보는" 방법만 바꾼다
print(v.shape, v.stride(), v.is_contiguous())
#> torch.Size([3, 4]) (4, 1) True

# 저장 공간(storage)을 공유하는가? 주소 대신 True/False로 비교한다
print(v.data_ptr() == x.data_ptr())
#> True

v[0, 0] = 100  # view를 고치면 원본도 바뀐다
print(x[:4])
#> tensor([100,   1,   2,   3])

print(x.view(2, -1).shape)  # -1은 나머지 크기로 자동 계산
#> torch.Size([2, 6])

# 주의: 잘라낸 view는 시작 위치가 달라서 data_ptr()이 다르다
s = x[2:]
print(s.data_ptr() == x.data_ptr())
#> False
print(s.untyped_storage().data_ptr() == x.untyped_storage().data_ptr())
#> True
