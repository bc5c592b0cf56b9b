from torch import nn

model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))

params = model.named_parameters()
print(type(params).__name__)  # list가 아니라 generator
#> generator

for name, p in params:
    print(name, tuple(p.shape), p.requires_grad)
    #> 0.weight (3, 4) True
    #> 0.bias (3,) True
    #> 1.weight (3,) True
    #> 1.bias (3,) True

for name, b in model.named_buffers():
    print(name, tuple(b.shape))
    #> 1.running_mean (3,)
    #> 1.running_var (3,)
    #> 1.num_batches_tracked ()

# 한 번 돌고 나면 generator는 비어 있다.
# 여러 번 쓰려면 dict나 list로 바꿔 둔다
print(list(params))
#> []
print(list(dict(model.named_parameters())))
#> ['0.weight', '0.bias', '1.weight', '1.bias']
