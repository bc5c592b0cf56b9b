import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
events = []  # hook이 불린 순서를 모아 두었다가 마지막에 출력한다


def shapes(tensors):
    return [None if t is None else tuple(t.shape) for t in tensors]


def register_all(name, module):
    def forward_pre(module, args):
        events.append(f"{name} forward_pre   args={shapes(args)}")

    def forward(module, args, output):
        events.append(f"{name} forward       output={tuple(output.shape)}")

    def backward_pre(module, grad_output):
        events.append(f"{name} backward_pre  grad_output={shapes(grad_output)}")

    def backward(module, grad_input, grad_output):
        events.append(f"{name} backward      grad_input={shapes(grad_input)}")

    module.register_forward_pre_hook(forward_pre)
    module.register_forward_hook(forward)
    module.register_full_backward_pre_hook(backward_pre)
    module.register_full_backward_hook(backward)


register_all("fc1", model[0])
register_all("fc2", model[2])

x = torch.randn(5, 3, requires_grad=True)
loss = model(x).sum()
events.append("---- backward() ----")
loss.backward()

for e in events:
    print(e)
    #> fc1 forward_pre   args=[(5, 3)]
    #> fc1 forward       output=(5, 4)
    #> fc2 forward_pre   args=[(5, 4)]
    #> fc2 forward       output=(5, 2)
    #> ---- backward() ----
    #> fc2 backward_pre  grad_output=[(5, 2)]
    #> fc2 backward      grad_input=[(5, 4)]
    #> fc1 backward_pre  grad_output=[(5, 4)]
    #> fc1 backward      grad_input=[(5, 3)]
