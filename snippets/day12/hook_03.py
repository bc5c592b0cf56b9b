import torch
from torch import nn


def run(kind=None, hook=None):
    """y = 3x인 Linear에 hook 하나를 걸고 forward/backward 결과를 돌려준다."""
    lin = nn.Linear(2, 2, bias=False)
    with torch.no_grad():
        lin.weight.copy_(torch.eye(2) * 3)
    if kind is not None:
        getattr(lin, f"register_{kind}_hook")(hook)
    x = torch.tensor([[1.0, 2.0]], requires_grad=True)
    out = lin(x)
    out.sum().backward()
    return {"out": out.tolist(), "x.grad": x.grad.tolist(),
            "weight.grad": lin.weight.grad.tolist()}


print(run())  # hook 없음
#> {'out': [[3.0, 6.0]], 'x.grad': [[3.0, 3.0]], 'weight.grad': [[1.0, 2.0], [1.0, 2.0]]}


def new_args(module, args):  # 입력을 x + 1로 바꾼다
    return (args[0] + 1,)


print(run("forward_pre", new_args))
#> {'out': [[6.0, 9.0]], 'x.grad': [[3.0, 3.0]], 'weight.grad': [[2.0, 3.0], [2.0, 3.0]]}


def new_output(module, args, output):  # 출력을 10배로 바꾼다
    return output * 10


print(run("forward", new_output))
#> {'out': [[30.0, 60.0]], 'x.grad': [[30.0, 30.0]], 'weight.grad': [[10.0, 20.0], [10.0, 20.0]]}


def new_grad_output(module, grad_output):  # 모듈로 들어오는 gradient를 절반으로
    return (grad_output[0] * 0.5,)


print(run("full_backward_pre", new_grad_output))
#> {'out': [[3.0, 6.0]], 'x.grad': [[1.5, 1.5]], 'weight.grad': [[0.5, 1.0], [0.5, 1.0]]}


def new_grad_input(module, grad_input, grad_output):  # 입력 쪽 gradient만 100배로
    return (grad_input[0] * 100,)


print(run("full_backward", new_grad_input))
#> {'out': [[3.0, 6.0]], 'x.grad': [[300.0, 300.0]], 'weight.grad': [[1.0, 2.0], [1.0, 2.0]]}
