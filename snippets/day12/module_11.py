from torch import nn


# --8<-- [start:model]
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 4)
        self.norm = nn.BatchNorm1d(4)
        self.act = nn.ReLU()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Block()
        self.head = nn.Linear(4, 2)


model = Net()
# --8<-- [end:model]

# --8<-- [start:children]
for name, child in model.named_children():  # 바로 아래 자식만
    print(name, type(child).__name__)
    #> encoder Block
    #> head Linear
# --8<-- [end:children]

# --8<-- [start:modules]
for name, module in model.named_modules():  # 자기 자신('')과 모든 자손
    print(repr(name), type(module).__name__)
    #> '' Net
    #> 'encoder' Block
    #> 'encoder.linear' Linear
    #> 'encoder.norm' BatchNorm1d
    #> 'encoder.act' ReLU
    #> 'head' Linear
# --8<-- [end:modules]

# --8<-- [start:get_submodule]
print(model.get_submodule("encoder.linear"))  # 점(.)으로 이어진 경로
#> Linear(in_features=4, out_features=4, bias=True)
try:
    model.get_submodule("encoder.conv")
except AttributeError as e:
    print(e)
    #> Block has no attribute `conv`
# --8<-- [end:get_submodule]
