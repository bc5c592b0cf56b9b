import torch

base = torch.arange(3)  # [0, 1, 2]
expanded = base.view(1, 3).expand(4, 3)  # 크기 1인 축을 4로 늘려 "보이게" 한다
repeated = base.view(1, 3).repeat(4, 1)  # 실제로 4번 복사한다
print(torch.equal(expanded, repeated))  # 값은 같다
#> True

# expand: 늘린 축의 stride가 0이고 원래 메모리를 같이 쓴다 (복사 없음)
print(expanded.stride(), expanded.data_ptr() == base.data_ptr())
#> (0, 1) True
# repeat: 새 메모리에 12개를 다 만든다
print(repeated.stride(), repeated.data_ptr() == base.data_ptr())
#> (3, 1) False

# 그래서 expand한 텐서에 값을 쓰면 안 된다: 한 칸에 쓰면 같은 메모리를 보는 모든 칸이 바뀐다
expanded[0, 0] = 100
print(expanded[:, 0].tolist(), base.tolist())
#> [100, 100, 100, 100] [100, 1, 2]
