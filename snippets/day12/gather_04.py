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

# 하나의 함수로: 더 긴 쪽 축을 dim으로 쓴다 (정사각이면 어느 쪽이든 된다)
def batch_diagonal(A):
    B, H, W = A.shape
    n = min(H, W)
    if H >= W:
        idx = torch.arange(n).view(1, 1, n).expand(B, 1, n)
        return A.gather(1, idx).squeeze(1)
    idx = torch.arange(n).view(1, n, 1).expand(B, n, 1)
    return A.gather(2, idx).squeeze(2)

for shape in [(2, 4, 3), (2, 3, 4), (3, 5, 5), (1, 1, 6)]:
    A = torch.randn(shape)
    print(shape, torch.equal(batch_diagonal(A), torch.diagonal(A, dim1=1, dim2=2)))
    #> (2, 4, 3) True
    #> (2, 3, 4) True
    #> (3, 5, 5) True
    #> (1, 1, 6) True
