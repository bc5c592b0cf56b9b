import torch
from torch.utils.data import BatchSampler, DataLoader, SequentialSampler, TensorDataset

ds = TensorDataset(torch.arange(10) * 10)  # 샘플: 0, 10, 20, ..., 90

# sampler: 인덱스를 "하나씩" 내놓는 iterable. 묶는 건 DataLoader(batch_size)가 한다
even_first = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]
loader = DataLoader(ds, batch_size=4, sampler=even_first)
print([b[0].tolist() for b in loader])
#> [[0, 20, 40, 60], [80, 10, 30, 50], [70, 90]]

# batch_sampler: 인덱스 "리스트(배치 하나)"를 내놓는 iterable. 배치를 직접 정한다
batches = [[9, 8], [0, 1, 2, 3, 4], [5]]
loader = DataLoader(ds, batch_sampler=batches)
print([b[0].tolist() for b in loader])
#> [[90, 80], [0, 10, 20, 30, 40], [50]]

# 흔한 조합: BatchSampler가 sampler의 인덱스를 batch_size개씩 묶는다
bs = BatchSampler(SequentialSampler(ds), batch_size=4, drop_last=False)
print(list(bs))
#> [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]

# batch_sampler를 주면 batch_size / shuffle / sampler / drop_last를 기본값이 아닌 값으로 함께 줄 수 없다
for kwargs in ({"batch_size": 4}, {"shuffle": True},
               {"sampler": even_first}, {"drop_last": True}):
    try:
        DataLoader(ds, batch_sampler=batches, **kwargs)
    except ValueError as e:
        message = str(e)
        print(list(kwargs), "-> ValueError")
        #> ['batch_size'] -> ValueError
        #> ['shuffle'] -> ValueError
        #> ['sampler'] -> ValueError
        #> ['drop_last'] -> ValueError
print(message)
#> batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last
# 기본값(batch_size=1, shuffle=False, sampler=None, drop_last=False)을 그대로 적는 것은 괜찮다
loader = DataLoader(ds, batch_sampler=batches, batch_size=1, shuffle=False,
                    sampler=None, drop_last=False)
print([b[0].tolist() for b in loader])
#> [[90, 80], [0, 10, 20, 30, 40], [50]]
# sampler와 shuffle=True도 함께 쓸 수 없다
try:
    DataLoader(ds, sampler=even_first, shuffle=True)
except ValueError as e:
    print(e)
    #> sampler option is mutually exclusive with shuffle
