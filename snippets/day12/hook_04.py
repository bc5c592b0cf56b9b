import torch
from torch import nn


class Scale(nn.Module):
    def forward(self, x, factor=1.0):
        return x * factor


m = Scale()
x = torch.tensor([1.0, 2.0])


# with_kwargs=True: hook이 kwargs도 받고, (새 args, 새 kwargs)를 돌려줄 수 있다
def force_factor(module, args, kwargs):
    print("hook이 받은 args/kwargs:", args, kwargs)
    #> hook이 받은 args/kwargs: (tensor([1., 2.]),) {'factor': 2.0}
    return args, {**kwargs, "factor": 10.0}


handle = m.register_forward_pre_hook(force_factor, with_kwargs=True)
print(m(x, factor=2.0))
#> tensor([10., 20.])

# register_* 는 RemovableHandle을 돌려준다. remove()하면 hook이 사라진다
handle.remove()
print(m(x, factor=2.0))
#> tensor([2., 4.])

# with 문으로 쓰면 블록이 끝날 때 자동으로 remove()된다
with m.register_forward_hook(lambda module, args, output: output + 100):
    print(m(x))
    #> tensor([101., 102.])
print(m(x))
#> tensor([1., 2.])


# register_forward_hook도 with_kwargs=True면 hook(module, args, kwargs, output)으로 받는다
def show_call(module, args, kwargs, output):
    print("forward hook이 받은 것:", args, kwargs, output)
    #> forward hook이 받은 것: (tensor([1., 2.]),) {'factor': 3.0} tensor([3., 6.])


with m.register_forward_hook(show_call, with_kwargs=True):
    m(x, factor=3.0)
