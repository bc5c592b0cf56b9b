import torch

# 배치(B=2)로 쌓인 행렬에서 대각 원소만 gather로 뽑기
# 세로로 긴 행렬 (행 4 > 열 3): 대각선 길이 n = min(4, 3) = 3
A = torch.arange(24).view(2, 4, 3)
B, H, W = A.shape
n = min(H, W)
idx = torch.arange(n)                 # [0, 1, 2]
idx = idx.unsqueeze(0).unsqueeze(0)   # (1, 1, 3)
idx = idx.expand(B, 1, n)             # (2, 1, 3): 축 0과 2는 A 이하, 축 1(dim)은 1
print(idx.shape)
#> torch.Size([2, 1, 3])
# out[b][0][k] = A[b][idx[b][0][k]][k] = A[b][k][k]
diag = torch.gather(A, 1, idx).squeeze(1)
print(diag)
#> tensor([[ 0,  4,  8],
#>         [12, 16, 20]])
assert torch.equal(diag, torch.diagonal(A, dim1=1, dim2=2))

# 가로로 긴 행렬 (행 3 < 열 4): 이번에는 열 축(dim=2)을 따라 모은다
A = torch.arange(24).view(2, 3, 4)
B, H, W = A.shape
n = min(H, W)
idx = torch.arange(n).unsqueeze(0).unsqueeze(-1).expand(B, n, 1)  # (2, 3, 1)
# out[b][k][0] = A[b][k][idx[b][k][0]] = A[b][k][k]
diag = torch.gather(A, 2, idx).squeeze(2)
print(diag)
#> tensor([[ 0,  5, 10],
#>         [12, 17, 22]])
assert torch.equal(diag, torch.diagonal(A, dim1=1, dim2=2))

# 사실 모양과 상관없이 dim=1과 dim=2 어느 쪽으로도 된다.
# dim이 아닌 축은 index가 input 이하이기만 하면 되는데, 길이 n = min(행, 열)은 행과 열 모두 이하이기 때문이다
def diagonal_along(A, dim):
    B, H, W = A.shape
    n = min(H, W)
    if dim == 1:  # idx (B, 1, n): out[b][0][k] = A[b][k][k]
        idx = torch.arange(n).view(1, 1, n).expand(B, 1, n)
    else:         # idx (B, n, 1): out[b][k][0] = A[b][k][k]
        idx = torch.arange(n).view(1, n, 1).expand(B, n, 1)
    return A.gather(dim, idx).squeeze(dim)

for shape in [(2, 4, 3), (2, 3, 4), (3, 5, 5), (1, 1, 6)]:
    A = torch.arange(torch.Size(shape).numel()).view(shape)
    expected = torch.diagonal(A, dim1=1, dim2=2)
    same = [torch.equal(diagonal_along(A, dim), expected) for dim in (1, 2)]
    print(shape, "dim=1:", same[0], "dim=2:", same[1])
    #> (2, 4, 3) dim=1: True dim=2: True
    #> (2, 3, 4) dim=1: True dim=2: True
    #> (3, 5, 5) dim=1: True dim=2: True
    #> (1, 1, 6) dim=1: True dim=2: True
