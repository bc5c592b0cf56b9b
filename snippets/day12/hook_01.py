import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x * x).sum()  # dy/dx = 2x


def double_grad(grad):
    print("hook이 받은 grad:", grad)
    #> hook이 받은 grad: tensor([2., 4., 6.])
    return grad * 2  # None이 아닌 값을 돌려주면 그 값이 grad를 대신한다


handle = x.register_hook(double_grad)
y.backward()
print("x.grad:", x.grad)  # 원래는 2x = [2, 4, 6]
#> x.grad: tensor([ 4.,  8., 12.])

handle.remove()  # hook 제거
x.grad = None
(x * x).sum().backward()
print("제거 후 x.grad:", x.grad)
#> 제거 후 x.grad: tensor([2., 4., 6.])

# 중간(non-leaf) tensor에 건 hook이 돌려준 grad는 그 앞쪽으로 전파된다
a = torch.tensor([1.0, 2.0], requires_grad=True)
h = a * 3  # dh/da = 3
h.register_hook(lambda grad: grad * 10)
h.sum().backward()
print("a.grad:", a.grad)  # hook이 없으면 [3, 3]
#> a.grad: tensor([30., 30.])
