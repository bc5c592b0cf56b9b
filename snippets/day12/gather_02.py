import torch

source = torch.arange(1, 16).view(3, 5)
index = torch.tensor([[2, 0, 1, 2],
                      [0, 1, 2, 0]])
# dim=0: 열 j는 그대로, 행 번호만 index[i][j]로 바꿔서 가져온다
# out[i][j] = input[index[i][j]][j]
result = torch.gather(source, 0, index)
print(result)
#> tensor([[11,  2,  8, 14],
#>         [ 1,  7, 13,  4]])

i, j = 1, 2
k = index[i][j].item()
print(f"out[{i}][{j}] = input[index[{i}][{j}]][{j}] = input[{k}][{j}] = {result[i][j].item()}")
#> out[1][2] = input[index[1][2]][2] = input[2][2] = 13
assert result[1][2] == source[2][2] == 13

# 정의 그대로 반복문으로 계산해도 같다 (dim=0과 dim=1 모두)
def gather_2d(input, dim, index):
    rows, cols = index.shape
    out = torch.empty(rows, cols, dtype=input.dtype)
    for i in range(rows):
        for j in range(cols):
            if dim == 0:
                out[i][j] = input[index[i][j]][j]
            else:
                out[i][j] = input[i][index[i][j]]
    return out

print(torch.equal(gather_2d(source, 0, index), result))
#> True
index1 = torch.tensor([[0, 1, 2, 3], [4, 0, 3, 3], [2, 2, 1, 0]])
print(torch.equal(gather_2d(source, 1, index1), torch.gather(source, 1, index1)))
#> True
# dim=-1은 마지막 축, 즉 2차원에서는 dim=1과 같다
print(torch.equal(torch.gather(source, -1, index1), torch.gather(source, 1, index1)))
#> True
