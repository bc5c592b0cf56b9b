import torch

# 노트의 예: source는 1~15를 담은 3x5, index는 3x4
source = torch.arange(1, 16).view(3, 5)
index = torch.tensor([[0, 1, 2, 3],
                      [4, 0, 3, 3],
                      [2, 2, 1, 0]])
result = torch.gather(source, 1, index)  # source.gather(1, index)와 같다
print(source)
#> tensor([[ 1,  2,  3,  4,  5],
#>         [ 6,  7,  8,  9, 10],
#>         [11, 12, 13, 14, 15]])
print(result)
#> tensor([[ 1,  2,  3,  4],
#>         [10,  6,  9,  9],
#>         [13, 13, 12, 11]])

# dim=1: 행 i는 그대로, 열 번호만 index[i][j]로 바꿔서 가져온다
# out[i][j] = input[i][index[i][j]]
i, j = 1, 2
k = index[i][j].item()
print(f"index[{i}][{j}] = {k} -> source[{i}][{k}] = {source[i][k].item()} -> result[{i}][{j}]")
#> index[1][2] = 3 -> source[1][3] = 9 -> result[1][2]
assert result[1][2] == source[1][3] == 9
print(result.shape == index.shape)  # 결과의 모양은 index의 모양
#> True
