import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, IterableDataset


class Stream(IterableDataset):
    """인덱스 없이 차례로 흘러나오는 iterable-style 데이터셋 (길이가 다른 시퀀스)"""

    def __iter__(self):
        for tokens in ([5, 3, 8], [2, 7], [4, 1, 9, 6, 2], [7], [1, 2]):
            yield torch.tensor(tokens)


calls = []


def pad_collate(samples):
    calls.append(len(samples))  # 샘플 몇 개의 리스트를 받았는지 기록
    return pad_sequence(samples, batch_first=True, padding_value=0)


# iterable-style 데이터셋에서도 batch_size개씩 모은 리스트가 collate_fn으로 간다
for batch in DataLoader(Stream(), batch_size=2, collate_fn=pad_collate):
    print(batch.tolist())
    #> [[5, 3, 8], [2, 7, 0]]
    #> [[4, 1, 9, 6, 2], [7, 0, 0, 0, 0]]
    #> [[1, 2]]
print("collate_fn이 받은 샘플 수:", calls)
#> collate_fn이 받은 샘플 수: [2, 2, 1]
