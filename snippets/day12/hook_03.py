import torch
from torch import nn


def fmt(t):
    """[[1.0, 2.5]] -> "[[1, 2.5]]" (줄을 짧게)"""
    return "[" + ", ".join("[" + ", ".join(f"{v:g}" for v in row) + "]" for row in t.tolist()) + "]"


def run(kind=None, hook=None):
    """y = 3x인 Linear에 hook 하나를 걸고 forward/backward 결과를 요약한다."""
    lin = nn.Linear(2, 2, bias=False)
    with torch.no_grad():
        lin.weight.copy_(torch.eye(2) * 3)
    if kind is not None:
        getattr(lin, f"register_{kind}_hook")(hook)
    x = torch.tensor([[1.0, 2.0]], requires_grad=True)
    out = lin(x)
    out.sum().backward()
    return f"{kind or '(hook 없음)':17} out={fmt(out)} x.grad={fmt(x.grad)} weight.grad={fmt(lin.weight.grad)}"


print(run())
#> (hook 없음)         out=[[3, 6]] x.grad=[[3, 3]] weight.grad=[[1, 2], [1, 2]]
# (module, args) -> 새 args: 입력을 x + 1로 바꾼다
print(run("forward_pre", lambda module, args: (args[0] + 1,)))
#> forward_pre       out=[[6, 9]] x.grad=[[3, 3]] weight.grad=[[2, 3], [2, 3]]
# (module, args, output) -> 새 output: 출력을 10배로 바꾼다
print(run("forward", lambda module, args, output: output * 10))
#> forward           out=[[30, 60]] x.grad=[[30, 30]] weight.grad=[[10, 20], [10, 20]]
# (module, grad_output) -> 새 grad_output: 모듈로 들어오는 grad를 절반으로
print(run("full_backward_pre", lambda module, grad_output: (grad_output[0] * 0.5,)))
#> full_backward_pre out=[[3, 6]] x.grad=[[1.5, 1.5]] weight.grad=[[0.5, 1], [0.5, 1]]
# (module, grad_input, grad_output) -> 새 grad_input: 입력 쪽 grad만 100배로
print(run("full_backward", lambda module, grad_input, grad_output: (grad_input[0] * 100,)))
#> full_backward     out=[[3, 6]] x.grad=[[300, 300]] weight.grad=[[1, 2], [1, 2]]
