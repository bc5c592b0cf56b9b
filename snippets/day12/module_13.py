from torch import nn


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor


print(Scale(2.0))  # 설정값이 보이지 않는다
#> Scale()


class ScaleWithRepr(Scale):
    def extra_repr(self):
        return f"factor={self.factor}"  # 괄호 안에 들어갈 문자열만 돌려준다


print(ScaleWithRepr(2.0))
#> ScaleWithRepr(factor=2.0)
# __repr__는 재정의되지 않았다: nn.Module의 것 그대로
print(ScaleWithRepr.__repr__ is nn.Module.__repr__)
#> True


class Wrapper(ScaleWithRepr):
    def __init__(self, factor):
        super().__init__(factor)
        self.inner = nn.Linear(2, 2)


print(Wrapper(2.0))  # 자식 모듈이 있으면 extra_repr는 첫 줄에 들어간다
#> Wrapper(
#>   factor=2.0
#>   (inner): Linear(in_features=2, out_features=2, bias=True)
#> )
# Linear도 extra_repr로 설정값을 보여준다
print(repr(nn.Linear(2, 2).extra_repr()))
#> 'in_features=2, out_features=2, bias=True'
