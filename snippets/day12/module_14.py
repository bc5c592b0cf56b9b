import torch
from torch import nn

torch.manual_seed(0)  # 무작위 초기값을 매번 같게
model = nn.Linear(2, 1)

# 노트의 예: named_parameters()를 for로 돌면서 이름과 값을 본다
for name, parameter in model.named_parameters():
    print(name, parameter)
    #> weight Parameter containing:
    #> tensor([[-0.0053,  0.3793]], requires_grad=True)
    #> bias Parameter containing:
    #> tensor([-0.5820], requires_grad=True)
