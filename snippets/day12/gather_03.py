import torch

source = torch.arange(1, 16).view(3, 5)  # input.shape == (3, 5)

# 규칙 1~3: 차원 수가 같고, dim이 아닌 축은 index.size(d) <= input.size(d)면 된다.
# 같을 필요는 없다. 결과의 모양은 index의 모양과 같다.
index = torch.tensor([[4, 0]])  # (1, 2): 축 0은 1 <= 3, 축 1(dim)은 제한 없음
out = torch.gather(source, 1, index)
print(out, out.shape)
#> tensor([[5, 1]]) torch.Size([1, 2])
index = torch.tensor([[0, 1, 2, 0, 1, 2, 0]])  # (1, 7): dim 축은 input보다 커도 된다
print(torch.gather(source, 1, index))
#> tensor([[1, 2, 3, 1, 2, 3, 1]])

def error_of(dim, index):
    try:
        torch.gather(source, dim, index)
    except (RuntimeError, IndexError) as e:
        return f"{type(e).__name__}: {e}"
    raise AssertionError("오류가 나야 한다")

# 규칙 1 위반: 차원 수가 다르다
print(error_of(1, torch.tensor([0, 1])))
#> RuntimeError: Index tensor must have the same number of dimensions as input tensor
# 규칙 2 위반: dim이 아닌 축 0에서 index가 더 크다 (4 > 3)
print(error_of(1, torch.zeros(4, 2, dtype=torch.long)))
#> RuntimeError: Size does not match at dimension 0 expected index [4, 2] to be no larger than self [3, 5] apart from dimension 1
# 규칙 4 위반: index 값은 [0, input.size(dim)) 안에 있어야 한다
print(error_of(1, torch.tensor([[5]])))
#> RuntimeError: index 5 is out of bounds for dimension 1 with size 5
print(error_of(1, torch.tensor([[-1]])))  # 음수 index도 오류 (파이썬 인덱싱과 다르다)
#> RuntimeError: index -1 is out of bounds for dimension 1 with size 5
# dim 자체가 범위를 벗어남
print(error_of(2, torch.tensor([[0]])))
#> IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)
# index는 정수(int64/int32) 텐서여야 한다
print(error_of(1, torch.tensor([[0.0]])))
#> RuntimeError: gather(): Expected dtype int32/int64 for index
