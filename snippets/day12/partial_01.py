# --8<-- [start:def]
from functools import partial


def power(base, exponent):
    return base ** exponent


def square(arm):
    return arm ** 2


print(square(5))
#> 25
# --8<-- [end:def]

# --8<-- [start:partial]
square = partial(power, exponent=2)
cube = partial(power, exponent=3)

print(square(5), cube(2))
#> 25 8
print(square.func.__name__, square.args, square.keywords)
#> power () {'exponent': 2}
# keyword로 고정한 값은 호출할 때 다시 덮어쓸 수 있다
print(square(5, exponent=3))
#> 125
# --8<-- [end:partial]
